import {
  checkKeyContactOfCustomer,
  checkKeyContacts,
  checkNoOverlappingTerm,
  checkPremiumHasMaintenance,
  compareCalendarDates,
  contractFee,
  contractStatus,
  nextTerm,
  oneYearTerm,
  termStatus,
  type CalendarDate,
  type ContractKind,
  type ContractStatus,
  type LicenseContractTerm,
  type Money,
  type TermStatus,
} from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ConflictError, NotFoundError, PolicyError, ValidationError } from '../../errors.js'
import type { DeskCode } from '../../graphql/enums.js'
import { parseDateInput, parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { requireCustomerWriter, requireKeyContactManager } from '../customers/access.js'
import { canSeeCustomer } from '../customers/customers.service.js'
import { todayAtDesk } from '../customers/today.js'

export interface TermView {
  id: string
  start: CalendarDate
  end: CalendarDate
  fee: Money
  cancelledOn: CalendarDate | null
  cancelReason: string | null
  status: TermStatus
}

export interface ContractView {
  id: string
  customerId: string
  licenseId: string
  kind: ContractKind
  keyContactCap: number
  version: number
  homeDesk: DeskCode
  /** Oldest first. */
  terms: TermView[]
  keyContactIds: string[]
  status: ContractStatus
  /** The term that decides the status: the one started most recently, else the first. */
  currentTerm: TermView
  /** The last term, which a renewal follows. */
  latestTerm: TermView
}

interface ContractRow {
  id: string
  customer_id: string
  license_id: string
  kind: ContractKind
  key_contact_cap: number
  version: number
  home_desk: DeskCode
  terms: { id: string; start: string; end: string; feeMinor: number; currency: 'USD' | 'GBP'; cancelledOn: string | null; cancelReason: string | null }[]
  key_contact_ids: string[]
}

/** One statement loads contracts with their terms and key contacts. */
const SELECT_CONTRACTS = `
  SELECT c.id, c.customer_id, c.license_id, c.kind, c.key_contact_cap, c.version, cu.home_desk,
         (SELECT coalesce(json_agg(json_build_object(
                   'id', t.id, 'start', t.start_date, 'end', t.end_date, 'feeMinor', t.fee_minor, 'currency', t.currency,
                   'cancelledOn', t.cancelled_on, 'cancelReason', t.cancel_reason) ORDER BY t.start_date), '[]'::json)
            FROM contract_terms t WHERE t.contract_id = c.id) AS terms,
         (SELECT coalesce(json_agg(k.contact_id ORDER BY k.added_at, k.contact_id), '[]'::json)
            FROM contract_key_contacts k WHERE k.contract_id = c.id) AS key_contact_ids
    FROM contracts c JOIN customers cu ON cu.id = c.customer_id`

export function contractView(row: ContractRow, today: CalendarDate): ContractView {
  const domainTerms = row.terms.map((t) => ({ start: t.start, end: t.end, cancelledAt: t.cancelledOn }))
  const terms: TermView[] = row.terms.map((t, i) => ({
    id: t.id,
    start: t.start,
    end: t.end,
    fee: { amountMinor: Number(t.feeMinor), currency: t.currency },
    cancelledOn: t.cancelledOn,
    cancelReason: t.cancelReason,
    status: termStatus({ ...domainTerms[i]!, renewed: i < row.terms.length - 1 }, today),
  }))
  const startedIndex = terms.reduce((found, term, i) => (compareCalendarDates(term.start, today) <= 0 ? i : found), 0)
  return {
    id: row.id,
    customerId: row.customer_id,
    licenseId: row.license_id,
    kind: row.kind,
    keyContactCap: row.key_contact_cap,
    version: row.version,
    homeDesk: row.home_desk,
    terms,
    keyContactIds: row.key_contact_ids,
    status: contractStatus(domainTerms, today),
    currentTerm: terms[startedIndex]!,
    latestTerm: terms[terms.length - 1]!,
  }
}

function viewOf(ctx: RequestContext, row: ContractRow): ContractView {
  return contractView(row, todayAtDesk(ctx, row.home_desk))
}

/** Contracts of many customers (for a dataloader): one statement. */
export async function contractsOfCustomers(ctx: RequestContext, customerIds: readonly string[]): Promise<ContractView[][]> {
  const visible = customerIds.filter((id) => canSeeCustomer(ctx.viewer, id))
  const rows: ContractRow[] = visible.length
    ? await ctx.db.query(`${SELECT_CONTRACTS} WHERE c.customer_id = ANY($1::uuid[]) ORDER BY c.created_at, c.id`, [visible])
    : []
  return customerIds.map((id) => rows.filter((row) => row.customer_id === id).map((row) => viewOf(ctx, row)))
}

export async function loadContracts(ctx: RequestContext, ids: readonly string[]): Promise<(ContractView | NotFoundError)[]> {
  const wanted = ids.filter((id) => z.uuid().safeParse(id).success)
  const rows: ContractRow[] = wanted.length ? await ctx.db.query(`${SELECT_CONTRACTS} WHERE c.id = ANY($1::uuid[])`, [wanted]) : []
  const byId = new Map(rows.filter((row) => canSeeCustomer(ctx.viewer, row.customer_id)).map((row) => [row.id, viewOf(ctx, row)]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That contract'))
}

async function contractInTransaction(manager: EntityManager, ctx: RequestContext, id: string): Promise<ContractView> {
  const [row]: ContractRow[] = await manager.query(`${SELECT_CONTRACTS} WHERE c.id = $1`, [id])
  if (!row) throw new NotFoundError('That contract')
  return viewOf(ctx, row)
}

/**
 * Locks a contract for a change based on `expectedVersion` and bumps its version: a stale version is a
 * CONFLICT and changes nothing; a contract of an organisation the viewer cannot see does not exist.
 */
async function claimContract(manager: EntityManager, ctx: RequestContext, id: string, expectedVersion: number): Promise<ContractView> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('That contract')
  const [owner]: { customer_id: string; version: number }[] = await manager.query(
    'SELECT customer_id, version FROM contracts WHERE id = $1 FOR UPDATE',
    [id],
  )
  if (!owner || !canSeeCustomer(ctx.viewer, owner.customer_id)) throw new NotFoundError('That contract')
  if (owner.version !== expectedVersion) throw new ConflictError()
  await manager.query('UPDATE contracts SET version = version + 1, updated_at = $2 WHERE id = $1', [id, ctx.now()])
  return contractInTransaction(manager, ctx, id)
}

interface LicenseRow {
  id: string
  customer_id: string
  price_minor: string
  currency: 'USD' | 'GBP'
  retired_at: Date | null
  replaced_by_id: string | null
}

/** Every term of every contract on a license, as the overlap and premium rules see them. */
async function termsOnLicense(manager: EntityManager, licenseId: string): Promise<LicenseContractTerm[]> {
  const rows: { id: string; kind: ContractKind; start: string; end: string; cancelled_on: string | null }[] = await manager.query(
    `SELECT t.id, c.kind, to_char(t.start_date, 'YYYY-MM-DD') AS start, to_char(t.end_date, 'YYYY-MM-DD') AS "end", to_char(t.cancelled_on, 'YYYY-MM-DD') AS cancelled_on
       FROM contract_terms t JOIN contracts c ON c.id = t.contract_id
      WHERE c.license_id = $1`,
    [licenseId],
  )
  return rows.map((row) => ({ id: row.id, kind: row.kind, licenseId, start: row.start, end: row.end, cancelledAt: row.cancelled_on }))
}

async function checkKeyContactsBelong(manager: EntityManager, customerId: string, contactIds: string[]): Promise<void> {
  const valid = contactIds.filter((id) => z.uuid().safeParse(id).success)
  const rows: { id: string; customer_id: string }[] = valid.length
    ? await manager.query('SELECT id, customer_id FROM contacts WHERE id = ANY($1::uuid[])', [valid])
    : []
  for (const id of contactIds) {
    const contact = rows.find((row) => row.id === id)
    if (!contact) throw new ValidationError([{ field: 'contactId', message: 'That contact does not exist.' }])
    checkKeyContactOfCustomer({ id, customerId: contact.customer_id }, customerId)
  }
}

const CreateContractInput = z.object({
  licenseId: z.string(),
  kind: z.enum(['MAINTENANCE', 'PREMIUM_SUPPORT']),
  startsOn: z.string(),
  keyContactCap: z.number().int().min(0, 'The cap cannot be negative.').max(50, 'Use a cap of at most 50.').nullish(),
  keyContactIds: z.array(z.string()).max(50).nullish(),
})

/**
 * Creates a contract with its first one-year term, priced by the policy (20% or 30% of the license price).
 * The license row is locked so that two concurrent creations cannot both pass the overlap check.
 */
export const createContract = service(async (ctx: RequestContext, input: z.input<typeof CreateContractInput>): Promise<ContractView> => {
  const data = parseInput(CreateContractInput, input)
  const startsOn = parseDateInput(data.startsOn, 'startsOn')
  return withTransaction(ctx, async (manager) => {
    const [license]: LicenseRow[] = z.uuid().safeParse(data.licenseId).success
      ? await manager.query('SELECT id, customer_id, price_minor, currency, retired_at, replaced_by_id FROM licenses WHERE id = $1 FOR UPDATE', [data.licenseId])
      : []
    if (!license || !canSeeCustomer(ctx.viewer, license.customer_id)) throw new NotFoundError('That license')
    requireCustomerWriter(ctx.viewer, license.customer_id, 'create contracts')
    if (license.retired_at || license.replaced_by_id) {
      throw new PolicyError('This license is no longer held (retired or upgraded); put the contract on the current license.', 'RULE_VIOLATION')
    }
    const term = oneYearTerm(startsOn)
    const existing = await termsOnLicense(manager, license.id)
    checkNoOverlappingTerm({ ...term, kind: data.kind, licenseId: license.id }, existing)
    if (data.kind === 'PREMIUM_SUPPORT') checkPremiumHasMaintenance({ licenseId: license.id, start: term.start }, existing)
    const fee = contractFee(data.kind, { amountMinor: Number(license.price_minor), currency: license.currency })
    const cap = data.keyContactCap ?? 3
    const keyContactIds = data.keyContactIds ?? []
    checkKeyContacts(keyContactIds, cap)
    await checkKeyContactsBelong(manager, license.customer_id, keyContactIds)

    const [inserted]: { id: string }[] = await manager.query(
      `INSERT INTO contracts (customer_id, license_id, kind, key_contact_cap, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [license.customer_id, license.id, data.kind, cap, ctx.now()],
    )
    const id = inserted!.id
    await manager.query(
      `INSERT INTO contract_terms (contract_id, start_date, end_date, fee_minor, currency) VALUES ($1, $2, $3, $4, $5)`,
      [id, term.start, term.end, fee.amountMinor, fee.currency],
    )
    for (const contactId of keyContactIds) {
      await manager.query('INSERT INTO contract_key_contacts (contract_id, contact_id, added_at) VALUES ($1, $2, $3)', [id, contactId, ctx.now()])
    }
    await recordAudit(manager, ctx, {
      action: 'contract.created',
      entityType: 'Contract',
      entityId: id,
      customerId: license.customer_id,
      after: { kind: data.kind, licenseId: license.id, start: term.start, end: term.end, fee: fee.amountMinor, currency: fee.currency, keyContactCap: cap, keyContactIds },
    })
    return contractInTransaction(manager, ctx, id)
  })
})

/** The license a contract follows at renewal: after upgrades, the newest replacement. */
async function currentLicense(manager: EntityManager, licenseId: string): Promise<LicenseRow> {
  let id = licenseId
  for (let hops = 0; hops < 50; hops++) {
    const [row]: LicenseRow[] = await manager.query(
      'SELECT id, customer_id, price_minor, currency, retired_at, replaced_by_id FROM licenses WHERE id = $1 FOR UPDATE',
      [id],
    )
    if (!row) throw new NotFoundError('That license')
    if (!row.replaced_by_id) return row
    id = row.replaced_by_id
  }
  throw new Error(`license replacement chain from ${licenseId} is too long`)
}

const VersionedContractInput = z.object({ contractId: z.string(), expectedVersion: z.number().int() })

/** Adds the next one-year term from the day after the last one ends, priced at the then-current rule. */
export const renewContract = service(async (ctx: RequestContext, input: z.input<typeof VersionedContractInput>): Promise<ContractView> => {
  const data = parseInput(VersionedContractInput, input)
  return withTransaction(ctx, async (manager) => {
    const contract = await claimContract(manager, ctx, data.contractId, data.expectedVersion)
    requireCustomerWriter(ctx.viewer, contract.customerId, 'renew contracts')
    if (contract.latestTerm.cancelledOn) throw new PolicyError('A cancelled contract cannot be renewed; create a new contract instead.', 'RULE_VIOLATION')
    const license = await currentLicense(manager, contract.licenseId)
    if (license.retired_at) throw new PolicyError('The license this contract covers is retired, so the contract cannot be renewed.', 'RULE_VIOLATION')
    const term = nextTerm(contract.latestTerm)
    const existing = await termsOnLicense(manager, license.id)
    checkNoOverlappingTerm({ ...term, kind: contract.kind, licenseId: license.id }, existing)
    if (contract.kind === 'PREMIUM_SUPPORT') {
      checkPremiumHasMaintenance({ licenseId: license.id, start: term.start }, existing)
    }
    const fee = contractFee(contract.kind, { amountMinor: Number(license.price_minor), currency: license.currency })
    if (license.id !== contract.licenseId) {
      await manager.query('UPDATE contracts SET license_id = $2 WHERE id = $1', [contract.id, license.id])
    }
    await manager.query(
      `INSERT INTO contract_terms (contract_id, start_date, end_date, fee_minor, currency) VALUES ($1, $2, $3, $4, $5)`,
      [contract.id, term.start, term.end, fee.amountMinor, fee.currency],
    )
    await recordAudit(manager, ctx, {
      action: 'contract.renewed',
      entityType: 'Contract',
      entityId: contract.id,
      customerId: contract.customerId,
      before: { end: contract.latestTerm.end, licenseId: contract.licenseId },
      after: { start: term.start, end: term.end, fee: fee.amountMinor, currency: fee.currency, licenseId: license.id },
    })
    return contractInTransaction(manager, ctx, contract.id)
  })
})

const CancelContractInput = VersionedContractInput.extend({
  effectiveOn: z.string().nullish(),
  reason: z.string().trim().min(1, 'Say why the contract is cancelled.').max(1000, 'Use at most 1000 characters.'),
})

/** Cancels from a date (default today at the customer's desk): no cover from that day on. */
export const cancelContract = service(async (ctx: RequestContext, input: z.input<typeof CancelContractInput>): Promise<ContractView> => {
  const data = parseInput(CancelContractInput, input)
  return withTransaction(ctx, async (manager) => {
    const contract = await claimContract(manager, ctx, data.contractId, data.expectedVersion)
    requireCustomerWriter(ctx.viewer, contract.customerId, 'cancel contracts')
    const effectiveOn = data.effectiveOn ? parseDateInput(data.effectiveOn, 'effectiveOn') : todayAtDesk(ctx, contract.homeDesk)
    if (contract.status === 'CANCELLED') throw new PolicyError('This contract is already cancelled.', 'RULE_VIOLATION')
    const affected = contract.terms.filter((t) => !t.cancelledOn && compareCalendarDates(t.end, effectiveOn) >= 0)
    if (affected.length === 0) throw new PolicyError(`The contract has already ended; nothing runs on or after ${effectiveOn}.`, 'RULE_VIOLATION')
    await manager.query(
      `UPDATE contract_terms SET cancelled_on = $2, cancel_reason = $3 WHERE id = ANY($1::uuid[])`,
      [affected.map((t) => t.id), effectiveOn, data.reason],
    )
    await recordAudit(manager, ctx, {
      action: 'contract.cancelled',
      entityType: 'Contract',
      entityId: contract.id,
      customerId: contract.customerId,
      before: { status: contract.status },
      after: { status: 'CANCELLED', effectiveOn },
      reason: data.reason,
    })
    return contractInTransaction(manager, ctx, contract.id)
  })
})

const KeyContactChangeInput = VersionedContractInput.extend({
  addContactId: z.string().nullish(),
  removeContactId: z.string().nullish(),
  reason: z.string().trim().min(1, 'Say why the key contacts change.').max(1000, 'Use at most 1000 characters.'),
})

/**
 * Names, removes or swaps (both at once) a key contact, within the contract's cap, with a reason, audited.
 * A customer admin may do this for their own organisation.
 */
export const changeKeyContacts = service(async (ctx: RequestContext, input: z.input<typeof KeyContactChangeInput>): Promise<ContractView> => {
  const data = parseInput(KeyContactChangeInput, input)
  if (!data.addContactId && !data.removeContactId) {
    throw new ValidationError([{ field: 'addContactId', message: 'Choose a contact to add or to remove.' }])
  }
  return withTransaction(ctx, async (manager) => {
    const contract = await claimContract(manager, ctx, data.contractId, data.expectedVersion)
    requireKeyContactManager(ctx.viewer, contract.customerId)
    let next = [...contract.keyContactIds]
    if (data.removeContactId) {
      if (!next.includes(data.removeContactId)) {
        throw new ValidationError([{ field: 'removeContactId', message: 'That contact is not a key contact on this contract.' }])
      }
      next = next.filter((id) => id !== data.removeContactId)
    }
    if (data.addContactId) {
      if (next.includes(data.addContactId)) {
        throw new ValidationError([{ field: 'addContactId', message: 'That contact is already a key contact on this contract.' }])
      }
      await checkKeyContactsBelong(manager, contract.customerId, [data.addContactId])
      next.push(data.addContactId)
    }
    checkKeyContacts(next, contract.keyContactCap)
    if (data.removeContactId) {
      await manager.query('DELETE FROM contract_key_contacts WHERE contract_id = $1 AND contact_id = $2', [contract.id, data.removeContactId])
    }
    if (data.addContactId) {
      await manager.query('INSERT INTO contract_key_contacts (contract_id, contact_id, added_at) VALUES ($1, $2, $3)', [contract.id, data.addContactId, ctx.now()])
    }
    const action = data.addContactId && data.removeContactId ? 'swapped' : data.addContactId ? 'added' : 'removed'
    await recordAudit(manager, ctx, {
      action: `key_contact.${action}`,
      entityType: 'Contract',
      entityId: contract.id,
      customerId: contract.customerId,
      before: { keyContactIds: contract.keyContactIds },
      after: { keyContactIds: next },
      reason: data.reason,
    })
    return contractInTransaction(manager, ctx, contract.id)
  })
})
