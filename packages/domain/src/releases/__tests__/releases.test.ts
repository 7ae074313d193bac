import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError, type DomainErrorCode } from '../../errors/index.js'
import {
  addCalendarDays,
  compareReleaseVersions,
  decideReleaseEntitlement,
  formatReleaseVersion,
  maintenanceActiveOn,
  parseReleaseVersion,
  releaseKind,
  releaseLabel,
  type ContractTerm,
} from '../../index.js'

function codeOf(fn: () => unknown): DomainErrorCode | 'NO_ERROR' | 'OTHER' {
  try {
    fn()
    return 'NO_ERROR'
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER'
  }
}

describe('release versions', () => {
  it.each([
    ['9.0.0', { major: 9, minor: 0, patch: 0 }, 'UPGRADE', '9.0'],
    ['9.1.0', { major: 9, minor: 1, patch: 0 }, 'UPDATE', '9.1.0'],
    ['9.0.1', { major: 9, minor: 0, patch: 1 }, 'UPDATE', '9.0.1'],
    ['10.12.3', { major: 10, minor: 12, patch: 3 }, 'UPDATE', '10.12.3'],
    ['0.9.0', { major: 0, minor: 9, patch: 0 }, 'UPDATE', '0.9.0'],
    [' 1.0.0 ', { major: 1, minor: 0, patch: 0 }, 'UPGRADE', '1.0'],
  ])('%s reads as %o, an %s, named %s', (text, version, kind, label) => {
    const parsed = parseReleaseVersion(text)
    expect(parsed).toEqual(version)
    expect(releaseKind(parsed)).toBe(kind)
    expect(releaseLabel(parsed)).toBe(label)
    expect(formatReleaseVersion(parsed)).toBe(text.trim())
  })

  it.each(['', '9', '9.0', '9.0.0.0', 'v9.0.0', '9.0.0-beta', '09.0.0', '9.01.0', '9.0.-1', '9..0', 'nine', '0.0.0', '100000.0.0', '9.0.0 9.0.0', '٩.٠.٠'])(
    '"%s" is refused with a message saying the form',
    (text) => {
      expect(codeOf(() => parseReleaseVersion(text))).toBe('VALIDATION')
    },
  )

  it('refuses what is not text', () => {
    expect(codeOf(() => parseReleaseVersion(9))).toBe('VALIDATION')
    expect(codeOf(() => parseReleaseVersion(null))).toBe('VALIDATION')
    expect(() => parseReleaseVersion('9.0')).toThrow('Write the version as X.Y.Z with whole numbers, e.g. 9.0.0 or 9.1.2; got "9.0".')
  })

  it('orders versions numerically, not as text', () => {
    const sorted = ['10.0.0', '9.10.0', '9.2.0', '9.2.10', '9.2.9'].map((v) => parseReleaseVersion(v)).sort(compareReleaseVersions).map(formatReleaseVersion)
    expect(sorted).toEqual(['9.2.0', '9.2.9', '9.2.10', '9.10.0', '10.0.0'])
  })

  it('formatting and parsing round-trip for every valid version', () => {
    const part = fc.integer({ min: 0, max: 99_999 })
    fc.assert(
      fc.property(part, part, part, (major, minor, patch) => {
        fc.pre(major + minor + patch > 0)
        const text = `${major}.${minor}.${patch}`
        expect(formatReleaseVersion(parseReleaseVersion(text))).toBe(text)
      }),
    )
  })
})

/** Maintenance 2026-04-01 .. 2027-03-31: the boundaries the tests walk around. */
const TERM: ContractTerm = { start: '2026-04-01', end: '2027-03-31' }

describe('maintenance active on a date', () => {
  it.each([
    ['2026-03-31', false, 'the day before the term starts'],
    ['2026-04-01', true, 'its first day'],
    ['2027-03-31', true, 'its last day'],
    ['2027-04-01', false, 'the day after it ends'],
  ])('%s: %s (%s)', (date, active) => {
    expect(maintenanceActiveOn([TERM], date)).toBe(active)
  })

  it('a cancellation stops cover from its day on; a term cancelled before its start covers nothing', () => {
    const cancelled = { ...TERM, cancelledAt: '2026-09-01' }
    expect(maintenanceActiveOn([cancelled], '2026-08-31')).toBe(true)
    expect(maintenanceActiveOn([cancelled], '2026-09-01')).toBe(false)
    expect(maintenanceActiveOn([{ ...TERM, cancelledAt: '2026-03-01' }], '2026-04-01')).toBe(false)
  })

  it('renewal terms continue cover without a gap', () => {
    const renewal = { start: '2027-04-01', end: '2028-03-31' }
    expect(maintenanceActiveOn([renewal, TERM], '2027-03-31')).toBe(true)
    expect(maintenanceActiveOn([renewal, TERM], '2027-04-01')).toBe(true)
  })
})

const upgrade = (releasedOn: string, terms: ContractTerm[] = [TERM], customerStatus: 'CUSTOMER' | 'PROSPECT' | 'FORMER' = 'CUSTOMER') =>
  decideReleaseEntitlement({ release: { version: '9.0.0', releasedOn }, customerStatus, maintenanceTerms: terms })

describe('release entitlement around the maintenance boundaries', () => {
  it('an upgrade released the day before the term starts is withheld, saying maintenance started after it', () => {
    expect(upgrade('2026-03-31')).toEqual({
      kind: 'UPGRADE',
      available: false,
      rule: 'upgrade-before-maintenance',
      reason: '9.0 was released on 2026-03-31, before maintenance started on 2026-04-01; major upgrades come with maintenance that is active on their release date.',
    })
  })

  it('an upgrade released on the first day of the term is available', () => {
    expect(upgrade('2026-04-01')).toEqual({
      kind: 'UPGRADE',
      available: true,
      rule: 'upgrade-maintenance-active',
      reason: '9.0 is a major upgrade, included because maintenance was active on its release date, 2026-04-01.',
    })
  })

  it('an upgrade released on the last day of the term (while EXPIRING) is available', () => {
    expect(upgrade('2027-03-31')).toMatchObject({ available: true, rule: 'upgrade-maintenance-active' })
    // 60 days or fewer left: still active.
    expect(upgrade('2027-02-01')).toMatchObject({ available: true })
  })

  it('an upgrade released the day after the term ends is withheld: maintenance lapsed, renew to get it', () => {
    const decision = upgrade('2027-04-01')
    expect(decision).toMatchObject({ kind: 'UPGRADE', available: false, rule: 'upgrade-maintenance-lapsed' })
    expect(decision.reason).toBe('9.0 was released on 2027-04-01, but maintenance lapsed on 2027-03-31; renew to get 9.0.')
  })

  it('renewed maintenance covers the day after the first term ends', () => {
    expect(upgrade('2027-04-01', [TERM, { start: '2027-04-01', end: '2028-03-31' }])).toMatchObject({ available: true })
  })

  it('a term cancelled before the release does not cover it; cancelled after the release it did', () => {
    const cancelled = { ...TERM, cancelledAt: '2026-09-01' }
    expect(upgrade('2026-10-01', [cancelled])).toEqual({
      kind: 'UPGRADE',
      available: false,
      rule: 'upgrade-maintenance-cancelled',
      reason: '9.0 was released on 2026-10-01, but maintenance was cancelled from 2026-09-01; take out maintenance again to get 9.0.',
    })
    expect(upgrade('2026-08-31', [cancelled])).toMatchObject({ available: true })
  })

  it('a release in a gap between two contracts says when maintenance ended and resumed', () => {
    const decision = upgrade('2027-06-01', [TERM, { start: '2027-09-01', end: '2028-08-31' }])
    expect(decision).toMatchObject({ available: false, rule: 'upgrade-maintenance-gap' })
    expect(decision.reason).toContain('it ended on 2027-03-31 and started again on 2027-09-01')
  })

  it('a licensed customer that never had maintenance gets no upgrade, with the reason', () => {
    expect(upgrade('2026-06-01', [])).toMatchObject({ available: false, rule: 'upgrade-no-maintenance' })
    expect(upgrade('2026-06-01', []).reason).toContain('the organisation had no maintenance then')
  })

  it.each(['2026-03-31', '2026-04-01', '2027-03-31', '2027-04-01'])('an update released on %s is available to a licensed customer with or without maintenance', (releasedOn) => {
    const decide = (terms: ContractTerm[]) =>
      decideReleaseEntitlement({ release: { version: '9.1.2', releasedOn }, customerStatus: 'CUSTOMER', maintenanceTerms: terms })
    expect(decide([TERM])).toEqual({
      kind: 'UPDATE',
      available: true,
      rule: 'update-licensed',
      reason: '9.1.2 is an update: free to every licensed customer, with or without maintenance.',
    })
    expect(decide([]).available).toBe(true)
  })

  it('a prospect or a former customer may download nothing: buy a license', () => {
    expect(upgrade('2026-06-01', [TERM], 'PROSPECT')).toEqual({
      kind: 'UPGRADE',
      available: false,
      rule: 'no-license',
      reason: '9.0 is for licensed customers: buy a license to download it.',
    })
    const update = decideReleaseEntitlement({ release: { version: '9.1.2', releasedOn: '2026-06-01' }, customerStatus: 'PROSPECT', maintenanceTerms: [] })
    expect(update.reason).toBe('9.1.2 is for licensed customers: buy a license to download it.')
    expect(upgrade('2026-06-01', [TERM], 'FORMER')).toMatchObject({ available: false, rule: 'no-license' })
    expect(upgrade('2026-06-01', [TERM], 'FORMER').reason).toContain('no longer holds a license')
  })

  it('refuses a malformed release date or version', () => {
    expect(codeOf(() => upgrade('2026-02-30'))).toBe('VALIDATION')
    expect(codeOf(() => decideReleaseEntitlement({ release: { version: '9', releasedOn: '2026-01-01' }, customerStatus: 'CUSTOMER', maintenanceTerms: [] }))).toBe('VALIDATION')
  })

  it('property: an upgrade is available exactly when some term covers its release date', () => {
    const day = fc.integer({ min: -800, max: 800 }).map((n) => addCalendarDays('2026-06-01', n))
    const term = fc
      .tuple(day, fc.integer({ min: 0, max: 400 }), fc.option(fc.integer({ min: -10, max: 400 }), { nil: undefined }))
      .map(([start, length, cancelAfter]): ContractTerm => ({
        start,
        end: addCalendarDays(start, length),
        cancelledAt: cancelAfter === undefined ? null : addCalendarDays(start, cancelAfter),
      }))
    fc.assert(
      fc.property(fc.array(term, { maxLength: 4 }), day, (terms, releasedOn) => {
        const decision = upgrade(releasedOn, terms)
        expect(decision.available).toBe(maintenanceActiveOn(terms, releasedOn))
        expect(decision.reason.length).toBeGreaterThan(20)
      }),
    )
  })
})
