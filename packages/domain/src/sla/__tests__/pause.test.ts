import { describe, expect, it } from 'vitest'
import {
  calendarFor,
  clockWarningAt,
  computeDueTimes,
  pauseClock,
  pauseShift,
  resumeClock,
  SlaError,
  startClock,
  warningAt,
} from '../index.js'

const Z = (iso: string) => Date.parse(iso)
const HOUR = 3_600_000
const premium = calendarFor('PREMIUM', 'PACIFIC')
const pacific = calendarFor('STANDARD', 'PACIFIC')

describe('pause and resume', () => {
  it('moves a premium guarantee by the business time spent paused', () => {
    // Received Mon 2026-01-05 16:00Z, FR due 20:00Z, resolution due Tue 22:00Z (see the table test).
    const received = Z('2026-01-05T16:00:00Z')
    const due = computeDueTimes({ plan: 'PREMIUM', calendar: premium, receivedAt: received })
    let fr = startClock(received, due.firstResponseDueAt)
    let res = startClock(received, due.resolutionDueAt)
    expect(fr.dueAt).toBe(Z('2026-01-05T20:00:00Z'))
    // 75% of 4 h = 3 h after receipt.
    expect(clockWarningAt(premium, fr)).toBe(Z('2026-01-05T19:00:00Z'))

    // Waiting on the customer from Mon 17:00Z to Tue 09:00Z: 17:00Z-02:00Z (9 h) + 08:00Z-09:00Z (1 h) = 10 h.
    fr = pauseClock(fr, Z('2026-01-05T17:00:00Z'))
    res = pauseClock(res, Z('2026-01-05T17:00:00Z'))
    expect(pauseClock(fr, Z('2026-01-05T18:00:00Z'))).toBe(fr) // already paused: the first pause counts
    fr = resumeClock(premium, fr, Z('2026-01-06T09:00:00Z'))
    res = resumeClock(premium, res, Z('2026-01-06T09:00:00Z'))

    // 1 h was used before the pause, so 3 h remain from Tue 09:00Z.
    expect(fr).toEqual({ startedAt: received, dueAt: Z('2026-01-06T12:00:00Z'), pausedAt: null, pausedBusinessMs: 10 * HOUR })
    // 23 h remain from Tue 09:00Z: Tue 17 h (to 02:00Z) + Wed 6 h from 08:00Z.
    expect(res.dueAt).toBe(Z('2026-01-07T14:00:00Z'))
    // Warning: 3 h of the target's own time, 1 before the pause and 2 after -> Tue 11:00Z.
    expect(clockWarningAt(premium, fr)).toBe(Z('2026-01-06T11:00:00Z'))
  })

  it('moves a standard goal that sat at a closing into the next support day', () => {
    // Mon 10:00 PST received: FR due Mon 18:00 PST. Paused 12:00-14:00 PST (2 h): due Tue 07:00 + 2 h = 09:00 PST.
    const received = Z('2026-01-05T18:00:00Z')
    let fr = startClock(received, computeDueTimes({ plan: 'STANDARD', calendar: pacific, receivedAt: received }).firstResponseDueAt)
    expect(fr.dueAt).toBe(Z('2026-01-06T02:00:00Z'))
    fr = resumeClock(pacific, pauseClock(fr, Z('2026-01-05T20:00:00Z')), Z('2026-01-05T22:00:00Z'))
    expect(fr.dueAt).toBe(Z('2026-01-06T17:00:00Z'))
  })

  it('accumulates several pauses and ignores closed time while paused', () => {
    const received = Z('2026-01-09T23:00:00Z') // Fri 15:00 PST, premium FR due Mon 09:00Z
    let fr = startClock(received, Z('2026-01-12T09:00:00Z'))
    // Paused over the weekend only (Sat 03:00Z to Mon 07:00Z): no business time, nothing moves.
    fr = resumeClock(premium, pauseClock(fr, Z('2026-01-10T03:00:00Z')), Z('2026-01-12T07:00:00Z'))
    expect(fr.dueAt).toBe(Z('2026-01-12T09:00:00Z'))
    // Paused Mon 08:00Z-08:30Z: 30 min.
    fr = resumeClock(premium, pauseClock(fr, Z('2026-01-12T08:00:00Z')), Z('2026-01-12T08:30:00Z'))
    expect(fr).toMatchObject({ dueAt: Z('2026-01-12T09:30:00Z'), pausedBusinessMs: HOUR / 2 })
    expect(pauseShift(premium, Z('2026-01-09T23:00:00Z'), Z('2026-01-12T09:00:00Z'))).toBe(4 * HOUR)
  })

  it('warningAt is 75% of the business time between start and due', () => {
    // STANDARD PACIFIC Fri 17:30 PST, due Mon 18:00 PST: 0.5 + 11 = 11.5 h, 75% = 8 h 37.5 min -> Mon 15:07:30 PST.
    expect(warningAt(pacific, Z('2026-01-10T01:30:00Z'), Z('2026-01-13T02:00:00Z'))).toBe(Z('2026-01-12T23:07:30Z'))
  })

  it('refuses to resume a running clock or to resume before the pause', () => {
    const clock = startClock(Z('2026-01-05T16:00:00Z'), Z('2026-01-05T20:00:00Z'))
    expect(() => resumeClock(premium, clock, Z('2026-01-05T17:00:00Z'))).toThrow(SlaError)
    expect(() => resumeClock(premium, pauseClock(clock, Z('2026-01-05T17:00:00Z')), Z('2026-01-05T16:30:00Z'))).toThrow(
      expect.objectContaining({ reason: 'INVALID_INTERVAL' }),
    )
  })
})
