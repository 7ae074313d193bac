import { performance } from 'node:perf_hooks'
import type { DeskDefinition, IsoWeekday, WeeklyWindow } from '@covered/domain'
import type { DataSource, EntityManager } from 'typeorm'
import { DESKS, type DeskCode } from '../../graphql/enums.js'

/**
 * The desks, their weekly hours and holidays, read from the database into the domain's DeskDefinitions and
 * kept per process (per DataSource, so tests with several databases in one process stay apart).
 *
 * Hot path: while the snapshot was confirmed less than `recheckIntervalMs` ago it is returned without any SQL.
 * After that, one tiny statement compares every desk's version with the snapshot's; only a difference reloads
 * (one statement). Admin changes in this process invalidate at once (after commit); changes made by another
 * process are seen here within the recheck interval, because every change bumps `desks.version`.
 *
 * Each reload yields NEW DeskDefinition objects for the desks that changed and a new `definitions` record, so
 * the domain's calendar caches (keyed by object identity) never serve old hours. Unchanged desks keep their
 * definition objects, and with them their per-day caches.
 */

export interface DeskHolidayView {
  date: string // 'YYYY-MM-DD', the desk's local date
  name: string
}

export interface DeskView {
  code: DeskCode
  /** uuid, the audit trail's entity id. */
  id: string
  name: string
  timeZone: string
  version: number
  updatedAt: Date
  /** Sorted by weekday, then opening time. Times 'HH:MM', closes may be '24:00'. */
  hours: readonly WeeklyWindow[]
  /** Sorted by date. */
  holidays: readonly DeskHolidayView[]
  /** This desk as the domain sees it. */
  definition: DeskDefinition
  /** Every desk of the same snapshot, for calendarFor(plan, homeDesk, definitions). */
  definitions: Readonly<Record<DeskCode, DeskDefinition>>
}

export interface DeskSnapshot {
  /** A new object whenever any desk changed: the domain's calendarFor caches calendars per this object. */
  readonly definitions: Readonly<Record<DeskCode, DeskDefinition>>
  /** In DESKS order. */
  readonly desks: readonly DeskView[]
  readonly byCode: Readonly<Record<DeskCode, DeskView>>
  /** 'PACIFIC:3,UK:1': changes whenever any desk's hours or holidays change. */
  readonly fingerprint: string
}

interface DeskRow {
  code: DeskCode
  id: string
  name: string
  time_zone: string
  version: number
  updated_at: Date
  hours: { weekday: number; opens: string; closes: string }[]
  holidays: DeskHolidayView[]
}

/** One statement: every desk with its hours and holidays. */
const LOAD_DESKS = `
  SELECT d.code, d.id, d.name, d.time_zone, d.version, d.updated_at,
         (SELECT coalesce(json_agg(json_build_object(
                   'weekday', h.weekday, 'opens', to_char(h.opens, 'HH24:MI'), 'closes', to_char(h.closes, 'HH24:MI'))
                   ORDER BY h.weekday, h.opens, h.closes), '[]'::json)
            FROM desk_hours h WHERE h.desk = d.code) AS hours,
         (SELECT coalesce(json_agg(json_build_object('date', to_char(x.date, 'YYYY-MM-DD'), 'name', x.name) ORDER BY x.date), '[]'::json)
            FROM desk_holidays x WHERE x.desk = d.code) AS holidays
    FROM desks d
   ORDER BY d.code`

/** The cheap check: every desk's version. */
const DESK_FINGERPRINT = `SELECT coalesce(string_agg(code || ':' || version, ',' ORDER BY code), '') AS fingerprint FROM desks`

type Runner = Pick<EntityManager, 'query'>

/** Reads every desk in one statement; `previous` lends its definition objects to desks whose version is unchanged. */
export async function readDesks(runner: Runner, previous?: DeskSnapshot | null): Promise<DeskSnapshot> {
  const rows: DeskRow[] = await runner.query(LOAD_DESKS)
  const byCode = new Map(rows.map((row) => [row.code, row]))
  const missing = DESKS.filter((code) => !byCode.has(code))
  if (missing.length > 0) throw new Error(`desks ${missing.join(', ')} are missing from the desks table; run the migrations`)

  const definitions = {} as Record<DeskCode, DeskDefinition>
  const parts: Omit<DeskView, 'definitions'>[] = []
  for (const code of DESKS) {
    const row = byCode.get(code)!
    const version = Number(row.version)
    const hours: WeeklyWindow[] = row.hours.map((h) => ({ weekday: Number(h.weekday) as IsoWeekday, opens: h.opens, closes: h.closes }))
    const old = previous?.byCode[code]
    const definition: DeskDefinition =
      old && old.version === version && old.timeZone === row.time_zone
        ? old.definition
        : Object.freeze({ code, timeZone: row.time_zone, weeklyHours: Object.freeze(hours), holidays: Object.freeze(row.holidays.map((h) => h.date)) })
    definitions[code] = definition
    parts.push({
      code,
      id: row.id,
      name: row.name,
      timeZone: row.time_zone,
      version,
      updatedAt: new Date(row.updated_at),
      hours,
      holidays: row.holidays,
      definition,
    })
  }
  const unchanged = previous && DESKS.every((code) => previous.definitions[code] === definitions[code])
  const shared = unchanged ? previous.definitions : Object.freeze(definitions)
  const desks = parts.map((part) => ({ ...part, definitions: shared }))
  return {
    definitions: shared,
    desks,
    byCode: Object.fromEntries(desks.map((desk) => [desk.code, desk])) as Record<DeskCode, DeskView>,
    fingerprint: desks.map((desk) => `${desk.code}:${desk.version}`).join(','),
  }
}

/** How long a confirmed snapshot is served without asking the database (ms). */
export const DEFAULT_RECHECK_INTERVAL_MS = 3_000
let recheckIntervalMs = DEFAULT_RECHECK_INTERVAL_MS

/** Changes how often processes look for desk changes made elsewhere; returns the previous value (for tests). */
export function setDeskRecheckInterval(ms: number): number {
  const previous = recheckIntervalMs
  recheckIntervalMs = ms
  return previous
}

export interface DeskReadOptions {
  /** Serve a snapshot confirmed at most this long ago (default: the recheck interval). 0 always checks. */
  maxAgeMs?: number
  /**
   * The manager of the caller's transaction: when the snapshot must be checked, the check runs on it, never on
   * another connection (which would deadlock on PGlite).
   */
  manager?: EntityManager
}

class DeskStore {
  private snapshot: DeskSnapshot | null = null
  /** The last snapshot ever read, even after an invalidation: lends unchanged definitions to the next one. */
  private lastKnown: DeskSnapshot | null = null
  private confirmedAt = -Infinity
  /** Bumped by invalidate(): a read that began before it must not store its (possibly old) result. */
  private generation = 0
  private inflight: Promise<DeskSnapshot> | null = null

  constructor(private readonly db: DataSource) {}

  get(options: DeskReadOptions = {}): Promise<DeskSnapshot> {
    const confirmed = this.confirmedWithin(options.maxAgeMs ?? recheckIntervalMs)
    if (confirmed) return Promise.resolve(confirmed)
    if (options.manager) return this.refresh(options.manager, false)
    this.inflight ??= this.refresh(this.db.manager, true).finally(() => {
      this.inflight = null
    })
    return this.inflight
  }

  /** The snapshot when it was confirmed within the recheck interval, else null (then `get` must ask). */
  fresh(): DeskSnapshot | null {
    return this.confirmedWithin(recheckIntervalMs)
  }

  private confirmedWithin(maxAgeMs: number): DeskSnapshot | null {
    return this.snapshot && performance.now() - this.confirmedAt < maxAgeMs ? this.snapshot : null
  }

  invalidate(): void {
    this.generation++
    this.snapshot = null
    this.inflight = null
  }

  /**
   * Confirms or replaces the snapshot. A read through a caller's transaction may see that transaction's own
   * uncommitted changes, so it only ever confirms the snapshot (same versions) and never stores what it read.
   */
  private async refresh(runner: Runner, mayStore: boolean): Promise<DeskSnapshot> {
    const generation = this.generation
    const startedAt = performance.now()
    const current = this.snapshot
    if (current) {
      const [row]: { fingerprint: string }[] = await runner.query(DESK_FINGERPRINT)
      if (row?.fingerprint === current.fingerprint) {
        if (generation === this.generation && this.snapshot === current) this.confirmedAt = startedAt
        return current
      }
    }
    const next = await readDesks(runner, this.lastKnown)
    if (mayStore && generation === this.generation) {
      this.snapshot = next
      this.lastKnown = next
      this.confirmedAt = startedAt
    }
    return next
  }
}

const stores = new WeakMap<DataSource, DeskStore>()

function storeFor(db: DataSource): DeskStore {
  let store = stores.get(db)
  if (!store) {
    store = new DeskStore(db)
    stores.set(db, store)
  }
  return store
}

/** The current desks of this database, from the process cache when it is fresh. */
export function currentDesks(db: DataSource, options?: DeskReadOptions): Promise<DeskSnapshot> {
  return storeFor(db).get(options)
}

/** The cached desks of `db` when they are fresh enough to serve without asking the database, else null. */
export function freshDesks(db: DataSource): DeskSnapshot | null {
  return storeFor(db).fresh()
}

/** Drops this process's cached desks of `db`; the next read loads them again. Call after a change commits. */
export function invalidateDesks(db: DataSource): void {
  storeFor(db).invalidate()
}
