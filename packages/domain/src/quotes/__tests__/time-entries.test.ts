import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../errors/index.js'
import { checkTimeEntry, formatMinutes } from '../index.js'

describe('checkTimeEntry', () => {
  const quoted = 600 // 10 hours

  it.each([
    ['well under 80%', 0, 60, 'OK'],
    ['just under 80% (479 of 600)', 0, 479, 'OK'],
    ['exactly 80%', 0, 480, 'WARNING'],
    ['over 80%', 400, 100, 'WARNING'],
    ['exactly 100%', 590, 10, 'WARNING'],
    ['one minute past 100%', 590, 11, 'REFUSED'],
    ['already at 100%', 600, 1, 'REFUSED'],
  ])('%s: %s', (_name, loggedMinutes, addMinutes, outcome) => {
    expect(checkTimeEntry({ quotedMinutes: quoted, loggedMinutes, addMinutes, changeOrderMinutes: 0 }).outcome).toBe(outcome)
  })

  it('says how much is used and left', () => {
    const warning = checkTimeEntry({ quotedMinutes: 600, loggedMinutes: 400, addMinutes: 90, changeOrderMinutes: 0 })
    expect(warning).toEqual({
      outcome: 'WARNING',
      message: '8h 10m of 10h quoted is now used (81%); 1h 50m left.',
      capacityMinutes: 600,
      loggedAfterMinutes: 490,
      remainingMinutes: 110,
      percentUsed: 81,
    })
    const refused = checkTimeEntry({ quotedMinutes: 600, loggedMinutes: 590, addMinutes: 30, changeOrderMinutes: 0 })
    expect(refused.message).toBe(
      'This entry would bring the time to 10h 20m of 10h quoted. Time past the quote needs a change order: a further quote the customer accepts.',
    )
    expect(refused.remainingMinutes).toBe(-20)
  })

  it('a change order extends what can be logged', () => {
    // 620 of 600 quoted would be refused; with a 300-minute change order it is 620 of 900 (68%)
    expect(checkTimeEntry({ quotedMinutes: 600, loggedMinutes: 590, addMinutes: 30, changeOrderMinutes: 300 }).outcome).toBe(
      'OK',
    )
  })

  it('the warning counts change orders too', () => {
    const result = checkTimeEntry({ quotedMinutes: 600, loggedMinutes: 590, addMinutes: 30, changeOrderMinutes: 120 })
    expect(result.capacityMinutes).toBe(720)
    expect(result.percentUsed).toBe(86)
  })

  it('refuses all time before a quote is accepted', () => {
    const result = checkTimeEntry({ quotedMinutes: 0, loggedMinutes: 0, addMinutes: 15, changeOrderMinutes: 0 })
    expect(result.outcome).toBe('REFUSED')
    expect(result.message).toBe('No Professional Services time can be logged until the customer has accepted a quote.')
  })

  it('uses a warning threshold an admin has changed', () => {
    expect(checkTimeEntry({ quotedMinutes: 100, loggedMinutes: 0, addMinutes: 85 }, { warnAtPercent: 90 }).outcome).toBe('OK')
    expect(checkTimeEntry({ quotedMinutes: 100, loggedMinutes: 0, addMinutes: 90 }, { warnAtPercent: 90 }).outcome).toBe('WARNING')
  })

  it.each([
    ['zero minutes', { quotedMinutes: 60, loggedMinutes: 0, addMinutes: 0 }],
    ['negative minutes', { quotedMinutes: 60, loggedMinutes: 0, addMinutes: -5 }],
    ['fractional minutes', { quotedMinutes: 60, loggedMinutes: 0, addMinutes: 1.5 }],
    ['negative logged', { quotedMinutes: 60, loggedMinutes: -1, addMinutes: 5 }],
  ])('refuses %s with VALIDATION', (_name, input) => {
    expect(() => checkTimeEntry(input)).toThrow(DomainError)
  })

  it('never lets logged time pass the capacity', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), fc.nat(10_000), (q, logged, add, co) => {
        const result = checkTimeEntry({ quotedMinutes: q, loggedMinutes: logged, addMinutes: add, changeOrderMinutes: co })
        expect(result.outcome === 'REFUSED').toBe(q + co === 0 || logged + add > q + co)
        if (result.outcome === 'OK') expect((logged + add) * 100).toBeLessThan(80 * (q + co))
      }),
    )
  })
})

describe('formatMinutes', () => {
  it.each([
    [0, '0m'],
    [45, '45m'],
    [60, '1h'],
    [135, '2h 15m'],
  ])('%i -> %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text)
  })
})
