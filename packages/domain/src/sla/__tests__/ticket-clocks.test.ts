import { describe, expect, it } from 'vitest'
import { calendarFor } from '../calendar.js'
import {
  breachTarget,
  meetTarget,
  nextDueAt,
  pauseTicketClocks,
  recomputeTicketClocks,
  resumeTicketClocks,
  startTicketClocks,
  warnTarget,
} from '../ticket-clocks.js'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString())
const HOUR = 3_600_000

describe('a ticket’s clocks', () => {
  const premium = calendarFor('PREMIUM', 'PACIFIC')
  const standard = calendarFor('STANDARD', 'PACIFIC')

  it('a premium ticket gets a 4-business-hour guarantee and a 24-business-hour goal; warnings at 75%', () => {
    // Tue 2026-11-24 09:00 Los Angeles (17:00 UTC): both desks... UK closed at 17:00 London, Pacific open until 18:00 LA.
    const clocks = startTicketClocks('PREMIUM', premium, at('2026-11-24T17:00:00Z'))
    expect(clocks.firstResponse).toMatchObject({ kind: 'GUARANTEE', state: 'RUNNING' })
    expect(iso(clocks.firstResponse!.dueAt)).toBe('2026-11-24T21:00:00.000Z')
    expect(iso(clocks.firstResponse!.warningAt)).toBe('2026-11-24T20:00:00.000Z')
    expect(clocks.resolution).toMatchObject({ kind: 'GOAL', state: 'RUNNING' })
  })

  it('a not-entitled ticket runs no clock', () => {
    const clocks = startTicketClocks('NOT_ENTITLED', null, at('2026-11-24T17:00:00Z'))
    expect(clocks.firstResponse).toBeNull()
    expect(nextDueAt(clocks)).toBeNull()
  })

  it('pausing for two business hours moves every running due time by exactly two business hours', () => {
    const start = startTicketClocks('STANDARD', standard, at('2026-11-24T17:00:00Z')) // 09:00 LA
    const paused = pauseTicketClocks(start, at('2026-11-24T18:00:00Z')) // 10:00 LA
    expect(paused.firstResponse!.state).toBe('PAUSED')
    expect(nextDueAt(paused)).toBeNull()
    const resumed = resumeTicketClocks(paused, standard, at('2026-11-24T20:00:00Z')) // 12:00 LA
    expect(resumed.pausedBusinessMs).toBe(2 * HOUR)
    expect(standard.businessMsBetween(start.resolution!.dueAt, resumed.resolution!.dueAt)).toBe(2 * HOUR)
    expect(standard.businessMsBetween(start.firstResponse!.dueAt, resumed.firstResponse!.dueAt)).toBe(2 * HOUR)
    expect(resumed.firstResponse!.state).toBe('RUNNING')
  })

  it('a met target no longer moves or breaches', () => {
    const start = startTicketClocks('STANDARD', standard, at('2026-11-24T17:00:00Z'))
    const met = meetTarget(start, 'firstResponse', at('2026-11-24T17:30:00Z'))
    expect(met.firstResponse).toMatchObject({ state: 'MET', metAt: at('2026-11-24T17:30:00Z') })
    expect(breachTarget(met, 'firstResponse').changed).toBe(false)
    const paused = pauseTicketClocks(met, at('2026-11-24T18:00:00Z'))
    const resumed = resumeTicketClocks(paused, standard, at('2026-11-24T20:00:00Z'))
    expect(resumed.firstResponse!.dueAt).toBe(start.firstResponse!.dueAt)
    expect(nextDueAt(resumed)).toBe(resumed.resolution!.dueAt)
  })

  it('warns once, then breaches; a reply after the breach is recorded but the breach stays', () => {
    const start = startTicketClocks('PREMIUM', premium, at('2026-11-24T17:00:00Z'))
    const warned = warnTarget(start, 'firstResponse')
    expect(warned.changed).toBe(true)
    expect(warnTarget(warned.clocks, 'firstResponse').changed).toBe(false)
    const breached = breachTarget(warned.clocks, 'firstResponse')
    expect(breached.clocks.firstResponse!.state).toBe('BREACHED')
    const late = meetTarget(breached.clocks, 'firstResponse', at('2026-11-24T22:00:00Z'))
    expect(late.firstResponse).toMatchObject({ state: 'BREACHED', metAt: at('2026-11-24T22:00:00Z') })
  })

  it('recomputes running targets on a new calendar, keeping the business time paused', () => {
    const start = startTicketClocks('STANDARD', standard, at('2026-11-24T17:00:00Z'))
    const ukOnly = calendarFor('STANDARD', 'UK')
    const recomputed = recomputeTicketClocks(start, 'STANDARD', ukOnly)
    const fresh = startTicketClocks('STANDARD', ukOnly, at('2026-11-24T17:00:00Z'))
    expect(recomputed.resolution!.dueAt).toBe(fresh.resolution!.dueAt)
  })
})
