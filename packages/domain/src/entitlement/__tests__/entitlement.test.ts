import { describe, expect, it } from 'vitest'
import {
  NOT_ENTITLED_MEANING,
  decideEntitlement,
  type EntitlementContract,
  type EntitlementInput,
} from '../index.js'

const me = { id: 'contact-1', customerId: 'acme' }

const maintenance = (over: Partial<EntitlementContract> = {}): EntitlementContract => ({
  id: 'maint-1',
  kind: 'MAINTENANCE',
  status: 'ACTIVE',
  keyContactIds: [me.id],
  customerId: 'acme',
  start: '2026-01-01',
  end: '2026-12-31',
  ...over,
})

const premium = (over: Partial<EntitlementContract> = {}): EntitlementContract => ({
  ...maintenance(),
  id: 'prem-1',
  kind: 'PREMIUM_SUPPORT',
  ...over,
})

const decide = (contracts: EntitlementContract[], over: Partial<EntitlementInput> = {}) =>
  decideEntitlement({ contact: me, customerStatus: 'CUSTOMER', contracts, ...over })

describe('decideEntitlement', () => {
  it('1. a key contact on an active premium contract gets PREMIUM', () => {
    const result = decide([maintenance(), premium()])
    expect(result).toMatchObject({ plan: 'PREMIUM', lane: 'CUSTOMER', rule: 'premium-key-contact', contractId: 'prem-1' })
    expect(result.reasons).toEqual(['This contact is a named key contact on the active Premium Support contract.'])
    expect(result.remedies).toEqual([])
  })

  it('1. an expiring premium contract still counts, and says to renew', () => {
    const result = decide([maintenance(), premium({ status: 'EXPIRING' })])
    expect(result.plan).toBe('PREMIUM')
    expect(result.reasons[0]).toContain('expiring (ends on 2026-12-31)')
    expect(result.remedies).toEqual([
      'Renew the Premium Support contract before it ends on 2026-12-31 to keep premium support.',
    ])
  })

  it('1. premium decides first, whatever the maintenance says', () => {
    expect(decide([maintenance({ status: 'LAPSED' }), premium()]).plan).toBe('PREMIUM')
  })

  it('2. a key contact on active maintenance gets STANDARD', () => {
    const result = decide([maintenance()])
    expect(result).toMatchObject({ plan: 'STANDARD', lane: 'CUSTOMER', rule: 'maintenance-key-contact', contractId: 'maint-1' })
    expect(result.reasons).toEqual(['This contact is a named key contact on the active Maintenance contract.'])
    expect(result.remedies).toEqual([])
  })

  it('2. expiring maintenance still counts, and says to renew', () => {
    const result = decide([maintenance({ status: 'EXPIRING', end: '2026-03-31' })])
    expect(result.plan).toBe('STANDARD')
    expect(result.remedies).toEqual(['Renew the Maintenance contract before it ends on 2026-03-31 to keep support.'])
  })

  it('2. premium lapsed but maintenance active: STANDARD, saying why and how to get premium back', () => {
    const result = decide([maintenance(), premium({ status: 'LAPSED', end: '2026-02-28' })])
    expect(result.plan).toBe('STANDARD')
    expect(result.reasons).toContain(
      'The Premium Support contract ended on 2026-02-28 and was not renewed, so tickets get standard support.',
    )
    expect(result.remedies).toContain(
      'Renew the Premium Support contract to get a guaranteed first response within 4 business hours again.',
    )
  })

  it('2. premium cancelled but maintenance active: STANDARD', () => {
    const result = decide([maintenance(), premium({ status: 'CANCELLED' })])
    expect(result.plan).toBe('STANDARD')
    expect(result.reasons).toContain('The Premium Support contract was cancelled, so tickets get standard support.')
  })

  it('2. the organisation has premium but this contact is only a maintenance key contact', () => {
    const result = decide([maintenance(), premium({ keyContactIds: ['someone-else'] })])
    expect(result.plan).toBe('STANDARD')
    expect(result.reasons).toContain(
      'The organisation has Premium Support, but this contact is not one of its named key contacts.',
    )
    expect(result.remedies[0]).toMatch(/^Ask a customer admin .* key contact on the Premium Support contract \(up to 3 per contract\)\.$/)
  })

  it('3. a prospect gets STANDARD in the PROSPECT lane', () => {
    const result = decide([], { customerStatus: 'PROSPECT' })
    expect(result).toMatchObject({ plan: 'STANDARD', lane: 'PROSPECT', rule: 'prospect', remedies: [] })
    expect(result).not.toHaveProperty('contractId')
    expect(result.reasons[0]).toMatch(/prospect/)
  })

  it('4. a key contact whose maintenance lapsed is NOT_ENTITLED, with renewal as the remedy', () => {
    const result = decide([maintenance({ status: 'LAPSED', end: '2025-12-31' })])
    expect(result).toMatchObject({ plan: 'NOT_ENTITLED', lane: 'CUSTOMER', rule: 'not-entitled' })
    expect(result.reasons).toEqual([
      'The Maintenance contract ended on 2025-12-31 and was not renewed.',
      NOT_ENTITLED_MEANING,
    ])
    expect(result.remedies).toEqual(['Renew the Maintenance contract to get technical support.'])
  })

  it('4. a contact who is not a key contact is NOT_ENTITLED, and is told who can name them', () => {
    const result = decide([maintenance({ keyContactIds: ['a', 'b'] })])
    expect(result.plan).toBe('NOT_ENTITLED')
    expect(result.reasons[0]).toBe(
      'The organisation has an active Maintenance contract, but this contact is not one of its named key contacts.',
    )
    expect(result.remedies).toEqual([
      'Ask a customer admin at the organisation to name this contact as a key contact on the Maintenance contract (up to 3 per contract).',
    ])
  })

  it('4. when every key contact place is taken, the remedy says one must be swapped', () => {
    const result = decide([maintenance({ keyContactIds: ['a', 'b', 'c'] })])
    expect(result.remedies[0]).toContain('all places are taken, so one key contact would have to be swapped')
  })

  it('4. a key contact on a cancelled contract is NOT_ENTITLED', () => {
    const result = decide([maintenance({ status: 'CANCELLED' })])
    expect(result.plan).toBe('NOT_ENTITLED')
    expect(result.reasons[0]).toBe('The Maintenance contract was cancelled.')
    expect(result.remedies).toEqual(['Take out a new Maintenance contract to get technical support.'])
  })

  it('4. a key contact on a contract that has not started yet is told when support starts', () => {
    const result = decide([maintenance({ status: 'UPCOMING', start: '2026-09-01' })])
    expect(result.plan).toBe('NOT_ENTITLED')
    expect(result.reasons[0]).toBe('The Maintenance contract has not started yet (it starts on 2026-09-01).')
    expect(result.remedies).toEqual(['Technical support starts on 2026-09-01.'])
  })

  it('4. a customer without any maintenance contract is told to buy one', () => {
    const result = decide([])
    expect(result.plan).toBe('NOT_ENTITLED')
    expect(result.reasons[0]).toMatch(/no maintenance contract/)
    expect(result.remedies[0]).toMatch(/^Buy a maintenance contract/)
  })

  it('4. a non-key contact of a customer whose maintenance lapsed is told to renew', () => {
    const result = decide([maintenance({ status: 'LAPSED', keyContactIds: ['a'] })])
    expect(result.plan).toBe('NOT_ENTITLED')
    expect(result.remedies).toContain('Renew the Maintenance contract to get technical support.')
    expect(result.remedies[1]).toMatch(/^Ask a customer admin .* key contact on the Maintenance contract/)
  })

  it('4. a former customer is NOT_ENTITLED', () => {
    const result = decide([maintenance({ status: 'LAPSED' })], { customerStatus: 'FORMER' })
    expect(result.plan).toBe('NOT_ENTITLED')
    expect(result.reasons[0]).toBe('The organisation no longer holds a license.')
    expect(result.remedies[0]).toMatch(/^Buy a license/)
  })

  it('4. premium key contact without active premium or maintenance is NOT_ENTITLED', () => {
    const result = decide([maintenance({ status: 'LAPSED' }), premium({ status: 'LAPSED' })])
    expect(result.plan).toBe('NOT_ENTITLED')
    expect(result.reasons).toHaveLength(3)
  })

  it('ignores contracts of other customers', () => {
    const result = decide([premium({ customerId: 'globex' }), maintenance({ customerId: 'globex' })])
    expect(result.plan).toBe('NOT_ENTITLED')
  })

  it('always gives at least one reason, and never repeats one', () => {
    const statuses = ['UPCOMING', 'ACTIVE', 'EXPIRING', 'LAPSED', 'CANCELLED'] as const
    for (const customerStatus of ['PROSPECT', 'CUSTOMER', 'FORMER'] as const) {
      for (const m of statuses) {
        for (const p of statuses) {
          for (const keyOn of [[], ['m'], ['p'], ['m', 'p']]) {
            const result = decide(
              [
                maintenance({ status: m, keyContactIds: keyOn.includes('m') ? [me.id] : ['x'] }),
                premium({ status: p, keyContactIds: keyOn.includes('p') ? [me.id] : ['x'] }),
              ],
              { customerStatus },
            )
            expect(result.reasons.length).toBeGreaterThan(0)
            expect(new Set(result.reasons).size).toBe(result.reasons.length)
            expect(new Set(result.remedies).size).toBe(result.remedies.length)
            if (result.plan === 'NOT_ENTITLED') expect(result.remedies.length).toBeGreaterThan(0)
          }
        }
      }
    }
  })
})
