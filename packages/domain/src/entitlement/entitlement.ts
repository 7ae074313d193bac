import {
  CONTRACT_KIND_LABELS,
  DEFAULT_KEY_CONTACT_CAP,
  ENTITLING_CONTRACT_STATUSES,
  type CalendarDate,
  type ContractKind,
  type ContractStatus,
  type CustomerStatus,
} from '../contracts/index.js'

/** Support plans a ticket can get (section 4). */
export const ENTITLEMENT_PLANS = ['PREMIUM', 'STANDARD', 'NOT_ENTITLED'] as const

/** One of {@link ENTITLEMENT_PLANS}. */
export type EntitlementPlan = (typeof ENTITLEMENT_PLANS)[number]

/** Whether the requester is served as a customer or as a prospect evaluating before purchase. */
export const SUPPORT_LANES = ['CUSTOMER', 'PROSPECT'] as const

/** One of {@link SUPPORT_LANES}. */
export type SupportLane = (typeof SUPPORT_LANES)[number]

/** Which rule of section 4 decided. */
export type EntitlementRule = 'premium-key-contact' | 'maintenance-key-contact' | 'prospect' | 'not-entitled'

/** A contract of the contact's customer, as entitlement needs it (status already derived for today). */
export interface EntitlementContract {
  readonly id?: string
  readonly kind: ContractKind
  readonly status: ContractStatus
  readonly keyContactIds: readonly string[]
  /** When given, a contract of another customer is ignored. */
  readonly customerId?: string
  /** First day of the current term, quoted in reasons for an upcoming contract. */
  readonly start?: CalendarDate
  /** Last day of the current term, quoted in reasons ("ends on ...", "ended on ..."). */
  readonly end?: CalendarDate
  /** The contract's key contact cap, quoted in remedies (default 3). */
  readonly keyContactCap?: number
}

/** Everything {@link decideEntitlement} looks at. */
export interface EntitlementInput {
  readonly contact: { readonly id: string; readonly customerId: string }
  readonly customerStatus: CustomerStatus
  readonly contracts: readonly EntitlementContract[]
}

/** The decision, shown on the ticket and in the portal so a person can see why and what would change it. */
export interface Entitlement {
  readonly plan: EntitlementPlan
  readonly lane: SupportLane
  readonly rule: EntitlementRule
  /** The contract that entitles (premium or maintenance), e.g. to record a missed guarantee against. */
  readonly contractId?: string
  /** Why, in plain words. Never empty. */
  readonly reasons: readonly string[]
  /** What would change or keep the decision (renew, be named a key contact). Empty when nothing is needed. */
  readonly remedies: readonly string[]
}

const PREMIUM_BENEFIT = 'a guaranteed first response within 4 business hours'

/** The last reason of every NOT_ENTITLED decision: what it means for the ticket. */
export const NOT_ENTITLED_MEANING =
  'Tickets are still recorded and may be answered at the support team’s discretion, but without a response-time target.'

/**
 * Decides a contact's support plan by section 4, in order: key contact on an active or expiring premium
 * contract -> PREMIUM; on an active or expiring maintenance contract -> STANDARD; a prospect's contact ->
 * STANDARD in the PROSPECT lane; anyone else -> NOT_ENTITLED (recorded, answered at staff discretion,
 * no SLA clock), with reasons and remedies.
 */
export function decideEntitlement(input: EntitlementInput): Entitlement {
  const { contact } = input
  const own = input.contracts.filter((c) => c.customerId === undefined || c.customerId === contact.customerId)
  const isKey = (c: EntitlementContract): boolean => c.keyContactIds.includes(contact.id)
  const entitling = (c: EntitlementContract): boolean => ENTITLING_CONTRACT_STATUSES.includes(c.status)
  const premiums = own.filter((c) => c.kind === 'PREMIUM_SUPPORT')
  const maintenances = own.filter((c) => c.kind === 'MAINTENANCE')
  const reasons: string[] = []
  const remedies: string[] = []

  const premium = premiums.find((c) => entitling(c) && isKey(c))
  if (premium) {
    reasons.push(`This contact is a named key contact on the ${statusWord(premium)} Premium Support contract.`)
    if (premium.status === 'EXPIRING') remedies.push(renewBefore(premium, 'premium support'))
    return result('PREMIUM', 'CUSTOMER', 'premium-key-contact', premium.id, reasons, remedies)
  }

  const maintenance = maintenances.find((c) => entitling(c) && isKey(c))
  if (maintenance) {
    reasons.push(`This contact is a named key contact on the ${statusWord(maintenance)} Maintenance contract.`)
    for (const c of premiums) {
      if (isKey(c)) {
        reasons.push(`${notEntitlingText(c)}, so tickets get standard support.`)
        remedies.push(remedyFor(c, `${PREMIUM_BENEFIT} again`))
      } else if (entitling(c)) {
        reasons.push('The organisation has Premium Support, but this contact is not one of its named key contacts.')
        remedies.push(nameAsKeyContact(c, 'the Premium Support contract'))
      }
    }
    if (maintenance.status === 'EXPIRING') remedies.push(renewBefore(maintenance, 'support'))
    return result('STANDARD', 'CUSTOMER', 'maintenance-key-contact', maintenance.id, reasons, remedies)
  }

  if (input.customerStatus === 'PROSPECT') {
    reasons.push('The organisation is a prospect evaluating the product before buying; prospects get standard support.')
    return result('STANDARD', 'PROSPECT', 'prospect', undefined, reasons, remedies)
  }

  if (input.customerStatus === 'FORMER') {
    reasons.push('The organisation no longer holds a license.')
    remedies.push('Buy a license and a maintenance contract to get technical support again.')
  }
  for (const c of [...maintenances, ...premiums]) {
    if (isKey(c)) {
      reasons.push(`${notEntitlingText(c)}.`)
      remedies.push(remedyFor(c, c.kind === 'MAINTENANCE' ? 'technical support' : PREMIUM_BENEFIT))
    } else if (entitling(c) && c.kind === 'MAINTENANCE') {
      reasons.push(
        `The organisation has ${statusWord(c) === 'active' ? 'an active' : 'an expiring'} Maintenance contract, ` +
          'but this contact is not one of its named key contacts.',
      )
      remedies.push(nameAsKeyContact(c, 'the Maintenance contract'))
    }
  }
  const anyMaintenanceActive = maintenances.some(entitling)
  const keyOnMaintenance = maintenances.some(isKey)
  if (!anyMaintenanceActive && !keyOnMaintenance && input.customerStatus !== 'FORMER') {
    const last = [...maintenances].sort((a, b) => (b.end ?? '').localeCompare(a.end ?? ''))[0]
    if (last === undefined) {
      reasons.push('The organisation has no maintenance contract, which is what entitles named contacts to support.')
      remedies.push('Buy a maintenance contract for the license and have this contact named as a key contact.')
    } else {
      reasons.push(`${notEntitlingText(last)}.`)
      remedies.push(remedyFor(last, 'technical support'))
      remedies.push(nameAsKeyContact(last, 'the Maintenance contract'))
    }
  }
  if (reasons.length === 0) reasons.push('This contact is not a named key contact on an active maintenance contract.')
  reasons.push(NOT_ENTITLED_MEANING)
  return result('NOT_ENTITLED', 'CUSTOMER', 'not-entitled', undefined, reasons, remedies)
}

function result(
  plan: EntitlementPlan,
  lane: SupportLane,
  rule: EntitlementRule,
  contractId: string | undefined,
  reasons: string[],
  remedies: string[],
): Entitlement {
  const base = { plan, lane, rule, reasons: unique(reasons), remedies: unique(remedies) }
  return contractId === undefined ? base : { ...base, contractId }
}

function statusWord(c: EntitlementContract): string {
  if (c.status === 'EXPIRING') return c.end ? `expiring (ends on ${c.end})` : 'expiring'
  return 'active'
}

function label(c: EntitlementContract): string {
  return CONTRACT_KIND_LABELS[c.kind]
}

/** "The Maintenance contract ended on 2026-03-31 and was not renewed" and the like, without a full stop. */
function notEntitlingText(c: EntitlementContract): string {
  switch (c.status) {
    case 'LAPSED':
      return `The ${label(c)} contract ${c.end ? `ended on ${c.end}` : 'has ended'} and was not renewed`
    case 'CANCELLED':
      return `The ${label(c)} contract was cancelled`
    case 'UPCOMING':
      return `The ${label(c)} contract has not started yet${c.start ? ` (it starts on ${c.start})` : ''}`
    default:
      return `The ${label(c)} contract is ${c.status.toLowerCase()}`
  }
}

function remedyFor(c: EntitlementContract, benefit: string): string {
  switch (c.status) {
    case 'LAPSED':
      return `Renew the ${label(c)} contract to get ${benefit}.`
    case 'CANCELLED':
      return `Take out a new ${label(c)} contract to get ${benefit}.`
    case 'UPCOMING':
      return `${benefit.charAt(0).toUpperCase()}${benefit.slice(1)} starts ${c.start ? `on ${c.start}` : 'when the term begins'}.`
    default:
      return `Renew the ${label(c)} contract.`
  }
}

function renewBefore(c: EntitlementContract, what: string): string {
  return `Renew the ${label(c)} contract${c.end ? ` before it ends on ${c.end}` : ' before it ends'} to keep ${what}.`
}

function nameAsKeyContact(c: EntitlementContract, which: string): string {
  const cap = c.keyContactCap ?? DEFAULT_KEY_CONTACT_CAP
  const full = c.keyContactIds.length >= cap
  return (
    `Ask a customer admin at the organisation to name this contact as a key contact on ${which} ` +
    `(up to ${cap} per contract${full ? '; all places are taken, so one key contact would have to be swapped' : ''}).`
  )
}

function unique(items: string[]): string[] {
  return [...new Set(items)]
}
