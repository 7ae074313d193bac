import { z } from 'zod'
import { withTransaction, type RequestContext, type Viewer } from '../../context.js'
import { ForbiddenError, NotFoundError } from '../../errors.js'
import { CURRENCIES, DESKS, type Currency, type CustomerStatus, type DeskCode } from '../../graphql/enums.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { customerStatusFromLicenses } from './customer-status.js'
import { Customer } from './customer.entity.js'

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
  holds_license: boolean
  held_license: boolean
}

const SELECT_CUSTOMER = `
  SELECT c.id, c.name, c.home_desk, c.currency, c.created_at, c.version,
         EXISTS (SELECT 1 FROM licenses l WHERE l.customer_id = c.id AND l.retired_at IS NULL) AS holds_license,
         EXISTS (SELECT 1 FROM licenses l WHERE l.customer_id = c.id) AS held_license
    FROM customers c`

function toView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    name: row.name,
    homeDesk: row.home_desk,
    currency: row.currency,
    status: customerStatusFromLicenses({ holdsLicense: row.holds_license, heldLicense: row.held_license }),
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
  const rows: CustomerRow[] = wanted.length ? await ctx.db.query(`${SELECT_CUSTOMER} WHERE c.id = ANY($1::uuid[])`, [wanted]) : []
  const byId = new Map(rows.map((row) => [row.id, toView(row)]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That customer'))
}

const isUuid = (id: string) => z.uuid().safeParse(id).success

export interface CustomerFilter extends PageArgs {
  /** Matches part of the name or of a contact's email address. */
  search?: string | null
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
  if (search) {
    const pattern = param(`%${escapeLike(search.toLowerCase())}%`)
    where.push(`(lower(c.name) LIKE ${pattern}
      OR EXISTS (SELECT 1 FROM contacts ct WHERE ct.customer_id = c.id AND lower(ct.email) LIKE ${pattern}))`)
  }
  const cursor = page.backwards ? page.before : page.after
  if (cursor) {
    const [name, id] = decodeCursor(cursor, 2)
    where.push(`(c.name, c.id) ${page.backwards ? '<' : '>'} (${param(String(name))}, ${param(String(id))}::uuid)`)
  }
  const direction = page.backwards ? 'DESC' : 'ASC'
  const sql = `${SELECT_CUSTOMER}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY c.name ${direction}, c.id ${direction}
    LIMIT ${param(page.limit + 1)}`
  const rows: CustomerRow[] = await ctx.db.query(sql, params)
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

function requireCustomerWriter(viewer: Viewer): void {
  if (viewer.kind === 'staff') return
  if (viewer.kind === 'token' && viewer.scope === 'READ_WRITE' && viewer.customerId === null) return
  throw new ForbiddenError('Only staff and read-write API tokens for all customers can create customers.')
}

/** Creates a customer (a prospect until it holds a license) and records it in the audit trail. */
export async function createCustomer(ctx: RequestContext, input: z.input<typeof CreateCustomerInput>): Promise<CustomerView> {
  requireCustomerWriter(ctx.viewer)
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
      holds_license: false,
      held_license: false,
    })
  })
}

function snapshot(customer: Customer): Record<string, unknown> {
  return { name: customer.name, homeDesk: customer.homeDesk, currency: customer.currency }
}
