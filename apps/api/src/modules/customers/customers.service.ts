import { customerStatus, type ContractStatus } from '@covered/domain'
import { z } from 'zod'
import { withTransaction, type RequestContext, type Viewer } from '../../context.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { CURRENCIES, DESKS, type Currency, type CustomerStatus, type DeskCode } from '../../graphql/enums.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { preparedQuery } from '../../db/prepared.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { requireCustomerWriter } from './access.js'
import { contractStatusSql } from '../contracts/contract-status.sql.js'
import { Customer } from './customer.entity.js'
import { todayAtDesk } from './today.js'

/** A customer as the API shows it, with its derived status. */
export interface CustomerView {
  id: string
  name: string
  homeDesk: DeskCode
  currency: Currency
  status: CustomerStatus
  createdAt: Date
  version: number
}

interface CustomerRow {
  id: string
  name: string
  home_desk: DeskCode
  currency: Currency
  created_at: Date
  version: number
  licenses: { retiredAt: string | null; replacedAt: string | null }[]
}

const CUSTOMER_COLUMNS = 'c.id, c.name, c.home_desk, c.currency, c.created_at, c.version'
/** A CustomerRow for each customer row of `source` (aliased `c`), with its licenses for the status. */
const selectCustomersFrom = (source: string) => `
  SELECT ${CUSTOMER_COLUMNS},
         (SELECT coalesce(json_agg(json_build_object('retiredAt', l.retired_at, 'replacedAt', l.replaced_at)), '[]'::json)
            FROM licenses l WHERE l.customer_id = c.id) AS licenses
    FROM ${source}`
const SELECT_CUSTOMER = selectCustomersFrom('customers c')

/**
 * The same rule as the domain's customerStatus, as SQL on the customers row `alias`, for filtering lists and
 * for reading the status alongside other rows (a test checks the two agree).
 */
export function customerStatusSql(alias: string): string {
  return `CASE
    WHEN EXISTS (SELECT 1 FROM licenses l WHERE l.customer_id = ${alias}.id AND l.retired_at IS NULL AND l.replaced_at IS NULL) THEN 'CUSTOMER'
    WHEN EXISTS (SELECT 1 FROM licenses l WHERE l.customer_id = ${alias}.id) THEN 'FORMER'
    ELSE 'PROSPECT' END`
}

export const CUSTOMER_STATUS_SQL = customerStatusSql('c')

/** A customer as the schema holds it: read alongside something else (a page of tickets), without its status, which the field then reads. */
export type CustomerNode = Omit<CustomerView, 'status'> & { status: CustomerStatus | null }

/** The derived status of many customers in one statement (for a dataloader). */
export async function customerStatuses(ctx: RequestContext, ids: readonly string[]): Promise<CustomerStatus[]> {
  const rows: { id: string; status: CustomerStatus }[] = await ctx.db.query(
    `SELECT c.id, ${CUSTOMER_STATUS_SQL} AS status FROM customers c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  )
  const byId = new Map(rows.map((row) => [row.id, row.status]))
  return ids.map((id) => byId.get(id) ?? 'PROSPECT')
}

function toView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    name: row.name,
    homeDesk: row.home_desk,
    currency: row.currency,
    status: customerStatus(row.licenses),
    createdAt: new Date(row.created_at),
    version: Number(row.version),
  }
}

/** Which customers a viewer may see: staff and unbound tokens all, everyone else their own organisation. */
function visibleCustomerId(viewer: Viewer): string | 'all' | 'none' {
  switch (viewer.kind) {
    case 'staff':
      return 'all'
    case 'token':
      return viewer.customerId ?? 'all'
    case 'contact':
      return viewer.customerId
    default:
      return 'none'
  }
}

export function canSeeCustomer(viewer: Viewer, customerId: string): boolean {
  const visible = visibleCustomerId(viewer)
  return visible === 'all' || visible === customerId
}

/**
 * Loads customers by id for a dataloader: one statement for any number of ids. A customer the viewer may
 * not see is answered exactly as one that does not exist.
 */
export async function loadCustomers(ctx: RequestContext, ids: readonly string[]): Promise<(CustomerView | NotFoundError)[]> {
  const wanted = ids.filter((id) => isUuid(id) && canSeeCustomer(ctx.viewer, id))
  const rows: CustomerRow[] = wanted.length ? await preparedQuery(ctx.db, `${SELECT_CUSTOMER} WHERE c.id = ANY($1::uuid[])`, [wanted]) : []
  const byId = new Map(rows.map((row) => [row.id, toView(row)]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That customer'))
}

const isUuid = (id: string) => z.uuid().safeParse(id).success

export interface CustomerFilter extends PageArgs {
  /** Matches part of the name or of a contact's email address. */
  search?: string | null
  status?: CustomerStatus | null
  homeDesk?: DeskCode | null
  /** Customers with at least one contract in this status today. */
  contractStatus?: ContractStatus | null
  /** Customers with a contract whose cover ends within this many days, not renewed or cancelled. */
  expiringWithinDays?: number | null
}

/** Customers in name order, a keyset page at a time. */
export async function listCustomers(ctx: RequestContext, filter: CustomerFilter): Promise<Connection<CustomerView>> {
  const page = pageRequest(filter)
  const visible = visibleCustomerId(ctx.viewer)
  if (visible === 'none') throw new ForbiddenError('Sign in to see customers.')

  const where: string[] = []
  const params: unknown[] = []
  const param = (value: unknown) => `$${params.push(value)}`
  if (visible !== 'all') where.push(`c.id = ${param(visible)}`)
  const search = filter.search?.trim()
  const pattern = search ? param(`%${escapeLike(search.toLowerCase())}%`) : null
  if (filter.status) where.push(`${CUSTOMER_STATUS_SQL} = ${param(filter.status)}`)
  if (filter.homeDesk) where.push(`c.home_desk = ${param(filter.homeDesk)}`)
  if (filter.contractStatus || filter.expiringWithinDays != null) {
    const today = `(CASE c.home_desk WHEN 'PACIFIC' THEN ${param(todayAtDesk(ctx, 'PACIFIC'))}::date ELSE ${param(todayAtDesk(ctx, 'UK'))}::date END)`
    if (filter.contractStatus) {
      where.push(`EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id AND ${contractStatusSql('k', today)} = ${param(filter.contractStatus)})`)
    }
    if (filter.expiringWithinDays != null) {
      if (!Number.isInteger(filter.expiringWithinDays) || filter.expiringWithinDays < 0 || filter.expiringWithinDays > 366) {
        throw new ValidationError([{ field: 'expiringWithinDays', message: 'Choose between 0 and 366 days.' }])
      }
      where.push(`EXISTS (SELECT 1 FROM contracts k JOIN contract_terms t ON t.contract_id = k.id
        WHERE k.customer_id = c.id AND t.cancelled_on IS NULL
          AND t.end_date BETWEEN ${today} AND ${today} + ${param(filter.expiringWithinDays)}::int
          AND NOT EXISTS (SELECT 1 FROM contract_terms n WHERE n.contract_id = k.id AND n.start_date > t.start_date))`)
    }
  }
  const cursor = page.backwards ? page.before : page.after
  if (cursor) {
    const [name, id] = decodeCursor(cursor, 2)
    where.push(`(c.name, c.id) ${page.backwards ? '<' : '>'} (${param(String(name))}, ${param(String(id))}::uuid)`)
  }
  const direction = page.backwards ? 'DESC' : 'ASC'
  const order = `ORDER BY c.name ${direction}, c.id ${direction}`
  const limit = param(page.limit + 1)
  const whereAll = (...conditions: string[]) => {
    const all = [...conditions, ...where]
    return all.length ? `WHERE ${all.join(' AND ')}` : ''
  }
  const sql = pattern
    ? // A search matches by name or by a contact's email, each side through its trigram index (customer-search
      // migration). The page is chosen from the matching rows first; only its customers' licenses are read.
      `${selectCustomersFrom(`(
          SELECT ${CUSTOMER_COLUMNS} FROM customers c ${whereAll(`lower(c.name) LIKE ${pattern}`)}
          UNION
          SELECT ${CUSTOMER_COLUMNS} FROM customers c
           ${whereAll(`c.id IN (SELECT ct.customer_id FROM contacts ct WHERE lower(ct.email) LIKE ${pattern})`)}
          ORDER BY name ${direction}, id ${direction} LIMIT ${limit}) c`)}
        ${order}`
    : `${SELECT_CUSTOMER} ${whereAll()} ${order} LIMIT ${limit}`
  const rows: CustomerRow[] = await preparedQuery(ctx.db, sql, params)
  return toConnection(rows.map(toView), page, (customer) => encodeCursor([customer.name, customer.id]))
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`)
}

const CreateCustomerInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the organisation’s name.')
    .max(200, 'Use at most 200 characters for the name.'),
  homeDesk: z.enum(DESKS, { message: 'Choose the home desk: PACIFIC or UK.' }),
  currency: z.enum(CURRENCIES, { message: 'Choose the billing currency: USD or GBP.' }),
})

function requireCustomerCreator(viewer: Viewer): void {
  if (viewer.kind === 'staff') return
  if (viewer.kind === 'token' && viewer.scope === 'READ_WRITE' && viewer.customerId === null) return
  throw new ForbiddenError('Only staff and read-write API tokens for all customers can create customers.')
}

/** Creates a customer (a prospect until it holds a license) and records it in the audit trail. */
export async function createCustomer(ctx: RequestContext, input: z.input<typeof CreateCustomerInput>): Promise<CustomerView> {
  requireCustomerCreator(ctx.viewer)
  const data = parseInput(CreateCustomerInput, input)
  return withTransaction(ctx, async (manager) => {
    const customer = manager.create(Customer, data)
    await manager.save(customer)
    await recordAudit(manager, ctx, {
      action: 'customer.created',
      entityType: 'Customer',
      entityId: customer.id,
      customerId: customer.id,
      after: snapshot(customer),
    })
    return toView({
      id: customer.id,
      name: customer.name,
      home_desk: customer.homeDesk,
      currency: customer.currency,
      created_at: customer.createdAt,
      version: customer.version,
      licenses: [],
    })
  })
}

function snapshot(customer: Customer): Record<string, unknown> {
  return { name: customer.name, homeDesk: customer.homeDesk, currency: customer.currency }
}

const UpdateCustomerInput = z.object({
  id: z.string(),
  expectedVersion: z.number().int(),
  name: CreateCustomerInput.shape.name.nullish(),
  homeDesk: CreateCustomerInput.shape.homeDesk.nullish(),
  currency: CreateCustomerInput.shape.currency.nullish(),
})

/**
 * Changes a customer's name, home desk or currency. The change names the version it was based on; a stale
 * version is refused as a CONFLICT and changes nothing. The audit row keeps the values before and after.
 */
export const updateCustomer = async (ctx: RequestContext, input: z.input<typeof UpdateCustomerInput>): Promise<CustomerView> => {
  const data = parseInput(UpdateCustomerInput, input)
  if (!isUuid(data.id) || !canSeeCustomer(ctx.viewer, data.id)) throw new NotFoundError('That customer')
  requireCustomerWriter(ctx.viewer, data.id, 'change customers')
  return withTransaction(ctx, async (manager) => {
    const customer = await manager
      .createQueryBuilder(Customer, 'c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id: data.id })
      .getOne()
    if (!customer) throw new NotFoundError('That customer')
    if (customer.version !== data.expectedVersion) throw new ConflictError()
    const before = snapshot(customer)
    if (data.name != null) customer.name = data.name
    if (data.homeDesk != null) customer.homeDesk = data.homeDesk
    if (data.currency != null) customer.currency = data.currency
    await manager.save(customer)
    await recordAudit(manager, ctx, {
      action: 'customer.updated',
      entityType: 'Customer',
      entityId: customer.id,
      customerId: customer.id,
      before,
      after: snapshot(customer),
    })
    const [row]: CustomerRow[] = await manager.query(`${SELECT_CUSTOMER} WHERE c.id = $1`, [customer.id])
    return toView(row!)
  })
}
