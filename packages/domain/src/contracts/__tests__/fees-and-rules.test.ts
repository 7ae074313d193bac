import { describe, expect, it } from 'vitest'
import { DomainError, type DomainErrorCode } from '../../errors/index.js'
import type { Money } from '../../money/index.js'
import {
  DEFAULT_CONTRACT_RATES,
  DEFAULT_KEY_CONTACT_CAP,
  checkEditionUpgrade,
  checkKeyContactOfCustomer,
  checkKeyContacts,
  checkNoOverlappingTerm,
  checkPremiumHasMaintenance,
  contractFee,
  customerStatus,
  type LicenseContractTerm,
} from '../index.js'

function errorOf(fn: () => unknown): DomainError {
  try {
    fn()
  } catch (error) {
    if (error instanceof DomainError) return error
    throw error
  }
  throw new Error('expected a DomainError, nothing was thrown')
}
const codeOf = (fn: () => unknown): DomainErrorCode => errorOf(fn).code

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' })
const gbp = (amountMinor: number): Money => ({ amountMinor, currency: 'GBP' })

describe('contractFee', () => {
  it('maintenance is 20% and premium 30% of the license price per year', () => {
    expect(DEFAULT_CONTRACT_RATES).toEqual({ MAINTENANCE: 20, PREMIUM_SUPPORT: 30 })
    expect(contractFee('MAINTENANCE', usd(12345))).toEqual(usd(2469))
    expect(contractFee('PREMIUM_SUPPORT', usd(12345))).toEqual(usd(3704)) // 3703.5 -> 3704
    expect(contractFee('MAINTENANCE', gbp(499_00))).toEqual(gbp(99_80))
    expect(contractFee('PREMIUM_SUPPORT', gbp(5))).toEqual(gbp(2)) // 1.5 -> 2
    expect(contractFee('MAINTENANCE', usd(2))).toEqual(usd(0)) // 0.4 -> 0
    expect(contractFee('PREMIUM_SUPPORT', usd(0))).toEqual(usd(0))
  })

  it('uses rates an admin has changed', () => {
    expect(contractFee('MAINTENANCE', usd(10000), { MAINTENANCE: 18 })).toEqual(usd(1800))
    expect(contractFee('PREMIUM_SUPPORT', usd(10000), { MAINTENANCE: 18 })).toEqual(usd(3000))
    expect(contractFee('PREMIUM_SUPPORT', usd(333), { PREMIUM_SUPPORT: 12.5 })).toEqual(usd(42)) // 41.625
  })

  it.each([
    ['a negative price', { amountMinor: -100, currency: 'USD' }],
    ['a fractional price', { amountMinor: 100.5, currency: 'USD' }],
    ['an unknown currency', { amountMinor: 100, currency: 'EUR' }],
  ])('refuses %s with VALIDATION', (_name, price) => {
    expect(codeOf(() => contractFee('MAINTENANCE', price as Money))).toBe('VALIDATION')
  })

  it('refuses a negative rate', () => {
    expect(codeOf(() => contractFee('MAINTENANCE', usd(100), { MAINTENANCE: -1 }))).toBe('VALIDATION')
  })
})

const term = (over: Partial<LicenseContractTerm>): LicenseContractTerm => ({
  id: 't1',
  kind: 'MAINTENANCE',
  licenseId: 'lic-1',
  start: '2026-01-01',
  end: '2026-12-31',
  ...over,
})

describe('checkNoOverlappingTerm', () => {
  const existing = [term({})]

  it('refuses a second overlapping term of the same kind on the same license with CONFLICT', () => {
    const error = errorOf(() =>
      checkNoOverlappingTerm(term({ id: 't2', start: '2026-12-31', end: '2027-12-30' }), existing),
    )
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toContain('2026-01-01 to 2026-12-31')
    expect(error.details).toMatchObject({ conflictingTermId: 't1' })
  })

  it('allows an adjacent renewal, another license, another kind, and the term itself', () => {
    expect(() => checkNoOverlappingTerm(term({ id: 't2', start: '2027-01-01', end: '2027-12-31' }), existing)).not.toThrow()
    expect(() => checkNoOverlappingTerm(term({ id: 't2', licenseId: 'lic-2' }), existing)).not.toThrow()
    expect(() => checkNoOverlappingTerm(term({ id: 't2', kind: 'PREMIUM_SUPPORT' }), existing)).not.toThrow()
    expect(() => checkNoOverlappingTerm(term({ end: '2027-01-31' }), existing)).not.toThrow()
  })

  it('ignores days a cancellation took away', () => {
    const cancelled = [term({ cancelledAt: '2026-06-01' })]
    expect(() => checkNoOverlappingTerm(term({ id: 't2', start: '2026-06-01', end: '2027-05-31' }), cancelled)).not.toThrow()
    expect(codeOf(() => checkNoOverlappingTerm(term({ id: 't2', start: '2026-05-31', end: '2027-05-30' }), cancelled))).toBe(
      'CONFLICT',
    )
    const neverStarted = [term({ cancelledAt: '2025-12-15' })]
    expect(() => checkNoOverlappingTerm(term({ id: 't2' }), neverStarted)).not.toThrow()
  })
})

describe('checkPremiumHasMaintenance', () => {
  const maintenance = [term({})]

  it('allows premium whose first day is covered by maintenance on the same license', () => {
    expect(() => checkPremiumHasMaintenance({ licenseId: 'lic-1', start: '2026-03-01' }, maintenance)).not.toThrow()
    expect(() => checkPremiumHasMaintenance({ licenseId: 'lic-1', start: '2026-12-31' }, maintenance)).not.toThrow()
  })

  it.each([
    ['no maintenance at all', { licenseId: 'lic-1', start: '2026-03-01' }, []],
    ['maintenance on another license', { licenseId: 'lic-2', start: '2026-03-01' }, maintenance],
    ['a start after maintenance ended', { licenseId: 'lic-1', start: '2027-01-01' }, maintenance],
    ['a start before maintenance begins', { licenseId: 'lic-1', start: '2025-12-31' }, maintenance],
    ['maintenance cancelled before the start', { licenseId: 'lic-1', start: '2026-07-01' }, [term({ cancelledAt: '2026-06-01' })]],
    ['only a premium term', { licenseId: 'lic-1', start: '2026-03-01' }, [term({ kind: 'PREMIUM_SUPPORT' })]],
  ])('refuses %s with RULE_VIOLATION', (_name, premium, terms) => {
    const error = errorOf(() => checkPremiumHasMaintenance(premium, terms))
    expect(error.code).toBe('RULE_VIOLATION')
    expect(error.message).toMatch(/Premium Support needs active maintenance/)
  })
})

describe('key contacts', () => {
  it('allows up to 3 by default', () => {
    expect(DEFAULT_KEY_CONTACT_CAP).toBe(3)
    expect(() => checkKeyContacts([])).not.toThrow()
    expect(() => checkKeyContacts(['a', 'b', 'c'])).not.toThrow()
  })

  it('refuses a fourth with LIMIT_EXCEEDED', () => {
    const error = errorOf(() => checkKeyContacts(['a', 'b', 'c', 'd']))
    expect(error.code).toBe('LIMIT_EXCEEDED')
    expect(error.message).toMatch(/at most 3 key contacts/)
  })

  it('uses a cap an admin has changed', () => {
    expect(() => checkKeyContacts(['a', 'b', 'c', 'd', 'e'], 5)).not.toThrow()
    expect(codeOf(() => checkKeyContacts(['a', 'b'], 1))).toBe('LIMIT_EXCEEDED')
    expect(codeOf(() => checkKeyContacts(['a'], -1))).toBe('VALIDATION')
  })

  it('refuses the same contact twice', () => {
    expect(codeOf(() => checkKeyContacts(['a', 'a']))).toBe('VALIDATION')
  })

  it('refuses a contact of another customer', () => {
    expect(() => checkKeyContactOfCustomer({ id: 'c1', customerId: 'acme' }, 'acme')).not.toThrow()
    expect(codeOf(() => checkKeyContactOfCustomer({ id: 'c1', customerId: 'globex' }, 'acme'))).toBe('VALIDATION')
  })
})

describe('customerStatus', () => {
  it('is PROSPECT before any license', () => {
    expect(customerStatus([])).toBe('PROSPECT')
  })

  it('is CUSTOMER while any license is held', () => {
    expect(customerStatus([{}])).toBe('CUSTOMER')
    expect(customerStatus([{ retiredAt: '2025-01-01' }, { retiredAt: null }])).toBe('CUSTOMER')
    expect(customerStatus([{ replacedAt: new Date('2026-01-01') }, {}])).toBe('CUSTOMER') // upgraded
  })

  it('is FORMER when every license is retired', () => {
    expect(customerStatus([{ retiredAt: '2025-01-01' }])).toBe('FORMER')
    expect(customerStatus([{ replacedAt: '2025-01-01' }, { retiredAt: new Date('2026-01-01') }])).toBe('FORMER')
  })
})

describe('checkEditionUpgrade', () => {
  const standard = { name: 'Standard', rank: 1 }
  const pro = { name: 'Pro', rank: 2 }

  it('allows a higher edition', () => {
    expect(() => checkEditionUpgrade(standard, pro)).not.toThrow()
  })

  it('refuses the same or a lower edition with RULE_VIOLATION', () => {
    expect(codeOf(() => checkEditionUpgrade(pro, pro))).toBe('RULE_VIOLATION')
    const error = errorOf(() => checkEditionUpgrade(pro, standard))
    expect(error.code).toBe('RULE_VIOLATION')
    expect(error.message).toBe('An upgrade must go to a higher edition than Pro; Standard is a lower edition.')
  })
})
