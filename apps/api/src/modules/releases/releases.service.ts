import {
  compareCalendarDates,
  decideReleaseEntitlement,
  formatReleaseVersion,
  parseCalendarDate,
  parseReleaseVersion,
  releaseKind,
  type CalendarDate,
  type ReleaseEntitlementRule,
  type ReleaseKind,
} from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext, type Viewer } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { contractsOfCustomers } from '../contracts/contracts.service.js'
import { canSeeCustomer, loadCustomers } from '../customers/customers.service.js'
import { todayAtDesk } from '../customers/today.js'
import { CONTROL_CHARACTERS } from '../knowledge/text.js'

/** A product release `X.Y.Z` with its date and notes. */
export interface ReleaseView {
  id: string
  major: number
  minor: number
  patch: number
  /** `9.1.2` */
  version: string
  kind: ReleaseKind
  releasedOn: CalendarDate
  /** Markdown. */
  notes: string
  /**
   * Where it is downloaded from (https), or null. Never hand it to a viewer without `downloadUrlFor`: only staff
   * and customers entitled to the release may see it.
   */
  downloadUrl: string | null
  createdAt: Date
  updatedAt: Date
  /** Optimistic concurrency of the record (the release's own number is `version`). */
  lockVersion: number
}

interface ReleaseRow {
  id: string
  major: number
  minor: number
  patch: number
  released_on: string
  notes: string
  download_url: string | null
  created_at: Date
  updated_at: Date
  version: number
}

const SELECT_RELEASE = `SELECT r.id, r.major, r.minor, r.patch, to_char(r.released_on, 'YYYY-MM-DD') AS released_on, r.notes, r.download_url, r.created_at, r.updated_at, r.version FROM releases r`

function releaseView(row: ReleaseRow): ReleaseView {
  const parts = { major: Number(row.major), minor: Number(row.minor), patch: Number(row.patch) }
  return {
    id: row.id,
    ...parts,
    version: formatReleaseVersion(parts),
    kind: releaseKind(parts),
    releasedOn: row.released_on,
    notes: row.notes,
    downloadUrl: row.download_url ?? null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    lockVersion: Number(row.version),
  }
}

const isUuid = (id: string) => z.uuid().safeParse(id).success

/**
 * The last date a release may carry to be out already for someone who is not staff: a release is out once its
 * day has begun at either desk (London's calendar runs ahead of Los Angeles's).
 */
function releasedBy(ctx: RequestContext): CalendarDate | null {
  if (ctx.viewer.kind === 'staff') return null
  const [pacific, uk] = [todayAtDesk(ctx, 'PACIFIC'), todayAtDesk(ctx, 'UK')]
  return compareCalendarDates(pacific, uk) > 0 ? pacific : uk
}

export async function loadReleases(ctx: RequestContext, ids: readonly string[]): Promise<(ReleaseView | NotFoundError)[]> {
  const wanted = ids.filter(isUuid)
  const until = releasedBy(ctx)
  const rows: ReleaseRow[] = wanted.length
    ? await ctx.db.query(`${SELECT_RELEASE} WHERE r.id = ANY($1::uuid[]) AND ($2::date IS NULL OR r.released_on <= $2::date)`, [wanted, until])
    : []
  const byId = new Map(rows.map((row) => [row.id, releaseView(row)]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That release'))
}

/** Releases newest version first, a keyset page at a time; releases dated in the future are for staff only. */
export async function listReleases(ctx: RequestContext, args: PageArgs): Promise<Connection<ReleaseView>> {
  const page = pageRequest({ first: args.first, after: args.after })
  const params: unknown[] = []
  const param = (value: unknown) => `$${params.push(value)}`
  const where: string[] = []
  const until = releasedBy(ctx)
  if (until) where.push(`r.released_on <= ${param(until)}::date`)
  if (page.after) {
    const [major, minor, patch] = decodeCursor(page.after, 3)
    where.push(`(r.major, r.minor, r.patch) < (${param(Number(major))}::int, ${param(Number(minor))}::int, ${param(Number(patch))}::int)`)
  }
  const rows: ReleaseRow[] = await ctx.db.query(
    `${SELECT_RELEASE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.major DESC, r.minor DESC, r.patch DESC LIMIT ${param(page.limit + 1)}`,
    params,
  )
  return toConnection(rows.map(releaseView), page, (r) => encodeCursor([r.major, r.minor, r.patch]))
}

function requireAdmin(viewer: Viewer): Extract<Viewer, { kind: 'staff' }> {
  if (viewer.kind !== 'staff' || viewer.role !== 'ADMIN') throw new ForbiddenError('Only admins manage releases.')
  return viewer
}

const Notes = z
  .string()
  .transform((text) => text.replace(CONTROL_CHARACTERS, '').replace(/\r\n?/g, '\n'))
  .pipe(z.string().max(50_000, 'Keep release notes to 50,000 characters.'))

const HTTPS_EXAMPLE = 'e.g. https://downloads.example.com/covered-9.1.0.zip'

/**
 * A download address as an admin typed it: trimmed, https only (downloads must not travel unencrypted or be
 * swapped on the way), a host, no user name or password in it, at most 2,000 characters. An empty text means
 * "no address".
 */
const DownloadUrl = z
  .string()
  .transform((text) => text.trim())
  .superRefine((text, issue) => {
    if (!text) return
    const fail = (message: string) => issue.addIssue({ code: 'custom', message })
    if (text.length > 2000) return fail('Keep the download address to 2,000 characters.')
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (/[\s\u0000-\u001f\u007f]/.test(text)) return fail(`Remove the spaces and invisible characters from the download address (${HTTPS_EXAMPLE}).`)
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return fail(`Write the whole download address, starting with https:// (${HTTPS_EXAMPLE}).`)
    }
    if (url.protocol !== 'https:') return fail(`Use an https:// address: customers must get the release encrypted and unaltered (${HTTPS_EXAMPLE}).`)
    if (!/^https:\/\/[^/?#]/i.test(text) || !url.hostname) return fail(`Write the address with its host name (${HTTPS_EXAMPLE}).`)
    if (url.username || url.password) return fail('Leave the user name and password out of the download address: every entitled customer sees it.')
  })

const CreateReleaseInput = z.object({ version: z.string(), releasedOn: z.string(), notes: Notes.nullish(), downloadUrl: DownloadUrl.nullish() })

function snapshot(release: ReleaseView) {
  return { version: release.version, releasedOn: release.releasedOn, kind: release.kind, downloadUrl: release.downloadUrl }
}

function versionTaken(version: string): ValidationError {
  return new ValidationError([{ field: 'version', message: `Release ${version} already exists; choose another version or edit that release.` }])
}

async function releaseInTransaction(manager: EntityManager, id: string): Promise<ReleaseView> {
  const [row]: ReleaseRow[] = await manager.query(`${SELECT_RELEASE} WHERE r.id = $1`, [id])
  if (!row) throw new NotFoundError('That release')
  return releaseView(row)
}

async function checkVersionFree(manager: EntityManager, parts: { major: number; minor: number; patch: number }, exceptId: string | null): Promise<void> {
  const [taken]: { id: string }[] = await manager.query(
    'SELECT id FROM releases WHERE major = $1 AND minor = $2 AND patch = $3 AND id IS DISTINCT FROM $4::uuid',
    [parts.major, parts.minor, parts.patch, exceptId],
  )
  if (taken) throw versionTaken(formatReleaseVersion(parts))
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505' || (error as { driverError?: { code?: string } })?.driverError?.code === '23505'

/** A release `X.Y.Z` (format checked, unique) with its date and notes. Admins only, audited. */
export const createRelease = service(async (ctx: RequestContext, input: z.input<typeof CreateReleaseInput>): Promise<ReleaseView> => {
  const admin = requireAdmin(ctx.viewer)
  const data = parseInput(CreateReleaseInput, input)
  const parts = parseReleaseVersion(data.version, 'version')
  const releasedOn = parseCalendarDate(data.releasedOn, 'releasedOn')
  return withTransaction(ctx, async (manager) => {
    await checkVersionFree(manager, parts, null)
    const now = ctx.now()
    const [inserted]: { id: string }[] = await manager
      .query(
        `INSERT INTO releases (major, minor, patch, released_on, notes, download_url, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
        [parts.major, parts.minor, parts.patch, releasedOn, data.notes ?? '', data.downloadUrl || null, admin.id, now],
      )
      .catch((error) => {
        throw isUniqueViolation(error) ? versionTaken(formatReleaseVersion(parts)) : error
      })
    const release = await releaseInTransaction(manager, inserted!.id)
    await recordAudit(manager, ctx, { action: 'release.created', entityType: 'Release', entityId: release.id, customerId: null, after: snapshot(release) })
    return release
  })
})

async function claimRelease(manager: EntityManager, id: string, expectedLockVersion: number): Promise<ReleaseView> {
  if (!isUuid(id)) throw new NotFoundError('That release')
  const [locked]: { version: number }[] = await manager.query('SELECT version FROM releases WHERE id = $1 FOR UPDATE', [id])
  if (!locked) throw new NotFoundError('That release')
  if (Number(locked.version) !== expectedLockVersion) throw new ConflictError()
  return releaseInTransaction(manager, id)
}

const UpdateReleaseInput = z.object({
  id: z.string(),
  expectedLockVersion: z.number().int(),
  version: z.string().nullish(),
  releasedOn: z.string().nullish(),
  notes: Notes.nullish(),
  downloadUrl: DownloadUrl.nullish(),
})

/**
 * Corrects a release's version, date, notes or download address (admins; audited; a stale lock version is a
 * CONFLICT). A field left out (or null) stays; an empty download address removes it.
 */
export const updateRelease = service(async (ctx: RequestContext, input: z.input<typeof UpdateReleaseInput>): Promise<ReleaseView> => {
  requireAdmin(ctx.viewer)
  const data = parseInput(UpdateReleaseInput, input)
  const parts = data.version != null ? parseReleaseVersion(data.version, 'version') : null
  const releasedOn = data.releasedOn != null ? parseCalendarDate(data.releasedOn, 'releasedOn') : null
  return withTransaction(ctx, async (manager) => {
    const current = await claimRelease(manager, data.id, data.expectedLockVersion)
    const next = parts ?? current
    if (parts) await checkVersionFree(manager, parts, current.id)
    await manager
      .query(
        `UPDATE releases SET major = $2, minor = $3, patch = $4, released_on = $5, notes = $6, download_url = $7, updated_at = $8, version = version + 1 WHERE id = $1`,
        [
          current.id,
          next.major,
          next.minor,
          next.patch,
          releasedOn ?? current.releasedOn,
          data.notes ?? current.notes,
          data.downloadUrl == null ? current.downloadUrl : data.downloadUrl || null,
          ctx.now(),
        ],
      )
      .catch((error) => {
        throw isUniqueViolation(error) ? versionTaken(formatReleaseVersion(next)) : error
      })
    const release = await releaseInTransaction(manager, current.id)
    await recordAudit(manager, ctx, { action: 'release.updated', entityType: 'Release', entityId: release.id, customerId: null, before: snapshot(current), after: snapshot(release) })
    return release
  })
})

const DeleteReleaseInput = z.object({ id: z.string(), expectedLockVersion: z.number().int() })

/** Removes a release entered by mistake (admins; audited). */
export const deleteRelease = service(async (ctx: RequestContext, input: z.input<typeof DeleteReleaseInput>): Promise<ReleaseView> => {
  requireAdmin(ctx.viewer)
  const data = parseInput(DeleteReleaseInput, input)
  return withTransaction(ctx, async (manager) => {
    const current = await claimRelease(manager, data.id, data.expectedLockVersion)
    await manager.query('DELETE FROM releases WHERE id = $1', [current.id])
    await recordAudit(manager, ctx, { action: 'release.deleted', entityType: 'Release', entityId: current.id, customerId: null, before: snapshot(current) })
    return current
  })
})

/** One release as a customer may (or may not) download it, with the reason in words. */
export interface DownloadView {
  release: ReleaseView
  kind: ReleaseKind
  available: boolean
  rule: ReleaseEntitlementRule
  reason: string
}

/** What decides a customer's downloads: their status, their maintenance terms and today at their home desk. */
interface EntitlementBasis {
  customerStatus: Parameters<typeof decideReleaseEntitlement>[0]['customerStatus']
  maintenanceTerms: Parameters<typeof decideReleaseEntitlement>[0]['maintenanceTerms']
  today: CalendarDate
}

/** The basis of a customer the viewer may see (null when there is no such customer): two statements, batched. */
async function entitlementBasis(ctx: RequestContext, customerId: string): Promise<EntitlementBasis | null> {
  const [[customer], [contracts]] = await Promise.all([loadCustomers(ctx, [customerId]), contractsOfCustomers(ctx, [customerId])])
  if (!customer || customer instanceof Error) return null
  const maintenanceTerms = (contracts ?? [])
    .filter((contract) => contract.kind === 'MAINTENANCE')
    .flatMap((contract) => contract.terms.map((term) => ({ start: term.start, end: term.end, cancelledAt: term.cancelledOn })))
  return { customerStatus: customer.status, maintenanceTerms, today: todayAtDesk(ctx, customer.homeDesk) }
}

function decide(basis: EntitlementBasis, release: ReleaseView) {
  return decideReleaseEntitlement({
    release: { version: release, releasedOn: release.releasedOn },
    customerStatus: basis.customerStatus,
    maintenanceTerms: basis.maintenanceTerms,
  })
}

/** Each request works out its own customer's basis once, however many releases it shows. */
const basisOfRequest = new WeakMap<RequestContext, Promise<EntitlementBasis | null>>()

/**
 * A release's download address as the viewer may see it: staff always; a contact, or an API token bound to a
 * customer, only when that customer may download the release (out at their home desk, and entitled by policy
 * section 9); anyone else (a visitor, a token for every customer) never. A withheld release never reveals it.
 */
export async function downloadUrlFor(ctx: RequestContext, release: ReleaseView): Promise<string | null> {
  if (!release.downloadUrl) return null
  const viewer = ctx.viewer
  if (viewer.kind === 'staff') return release.downloadUrl
  const customerId = viewer.kind === 'contact' || viewer.kind === 'token' ? viewer.customerId : null
  if (!customerId) return null
  let basis = basisOfRequest.get(ctx)
  if (!basis) {
    basis = entitlementBasis(ctx, customerId)
    basisOfRequest.set(ctx, basis)
  }
  const known = await basis
  if (!known || compareCalendarDates(release.releasedOn, known.today) > 0) return null
  return decide(known, release).available ? release.downloadUrl : null
}

/**
 * Every release out so far (at the customer's home desk), newest first, each with whether the customer may
 * download it and why (policy section 9, decided in packages/domain): updates for every licensed customer,
 * a major upgrade only when maintenance was active on its release date. A contact asks for their own
 * organisation; staff and integrators name the customer.
 */
export const downloadsFor = service(async (ctx: RequestContext, customerId: string | null | undefined): Promise<DownloadView[]> => {
  const viewer = ctx.viewer
  const id = customerId ?? (viewer.kind === 'contact' ? viewer.customerId : viewer.kind === 'token' ? viewer.customerId : null)
  if (!id) throw new ValidationError([{ field: 'customerId', message: 'Choose the customer whose downloads to show.' }])
  if (!isUuid(id) || !canSeeCustomer(viewer, id)) throw new NotFoundError('That customer')
  const basis = await entitlementBasis(ctx, id)
  if (!basis) throw new NotFoundError('That customer')
  if ((viewer.kind === 'contact' || viewer.kind === 'token') && viewer.customerId === id) basisOfRequest.set(ctx, Promise.resolve(basis))
  const rows: ReleaseRow[] = await ctx.db.query(`${SELECT_RELEASE} WHERE r.released_on <= $1::date ORDER BY r.major DESC, r.minor DESC, r.patch DESC`, [basis.today])
  return rows.map(releaseView).map((release) => ({ release, ...decide(basis, release) }))
})
