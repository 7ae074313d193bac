import type { DataSource } from 'typeorm'
import { hashPassword } from '../src/modules/accounts/passwords.js'
import { StaffUser } from '../src/modules/accounts/staff-user.entity.js'
import { Contact } from '../src/modules/customers/contact.entity.js'
import { Customer } from '../src/modules/customers/customer.entity.js'
import { TEST_PASSWORD } from './harness.js'

let passwordHash: Promise<string> | undefined
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD))
let sequence = 0
const next = () => ++sequence

/** Test data written straight to the database, with the password TEST_PASSWORD. */
export async function makeStaff(db: DataSource, overrides: Partial<StaffUser> = {}): Promise<StaffUser> {
  const n = next()
  return db.getRepository(StaffUser).save({
    email: `staff${n}@covered.test`,
    name: `Staff ${n}`,
    role: 'ENGINEER',
    desk: 'PACIFIC',
    passwordHash: await testPasswordHash(),
    ...overrides,
  })
}

export async function makeCustomer(db: DataSource, overrides: Partial<Customer> = {}): Promise<Customer> {
  return db.getRepository(Customer).save({ name: `Customer ${next()}`, homeDesk: 'PACIFIC', currency: 'USD', ...overrides })
}

export async function makeContact(db: DataSource, customer: Customer, overrides: Partial<Contact> = {}): Promise<Contact> {
  const n = next()
  return db.getRepository(Contact).save({
    customerId: customer.id,
    email: `contact${n}@customer.test`,
    name: `Contact ${n}`,
    portalAccess: true,
    passwordHash: await testPasswordHash(),
    ...overrides,
  })
}

export function globalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64')
}

export async function editionId(db: DataSource, name: 'Standard' | 'Pro' | 'Enterprise' = 'Pro'): Promise<string> {
  const [row] = await db.query('SELECT id FROM product_editions WHERE name = $1', [name])
  return row.id
}

/** A license row; `retired` or `replaced` put it in history. */
export async function makeLicense(
  db: DataSource,
  customer: Customer,
  overrides: { edition?: 'Standard' | 'Pro' | 'Enterprise'; priceMinor?: number; currency?: 'USD' | 'GBP'; retired?: boolean; purchasedOn?: string } = {},
): Promise<{ id: string }> {
  const [row] = await db.query(
    `INSERT INTO licenses (customer_id, edition_id, price_minor, currency, purchased_on, license_key, retired_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      customer.id,
      await editionId(db, overrides.edition),
      overrides.priceMinor ?? 100_000,
      overrides.currency ?? customer.currency,
      overrides.purchasedOn ?? '2026-01-01',
      `TEST-${next()}-${Math.random().toString(36).slice(2, 8)}`,
      overrides.retired ? new Date('2026-01-02T00:00:00Z') : null,
    ],
  )
  return row
}

/** A contract with one term, straight into the database; `keyContacts` are named on it. */
export async function makeContract(
  db: DataSource,
  customer: Customer,
  license: { id: string },
  kind: 'MAINTENANCE' | 'PREMIUM_SUPPORT',
  term: { start: string; end: string },
  keyContacts: { id: string }[] = [],
): Promise<{ id: string }> {
  const [contract] = await db.query(`INSERT INTO contracts (customer_id, license_id, kind) VALUES ($1, $2, $3) RETURNING id`, [customer.id, license.id, kind])
  await db.query(`INSERT INTO contract_terms (contract_id, start_date, end_date, fee_minor, currency) VALUES ($1, $2, $3, 1000, $4)`, [contract.id, term.start, term.end, customer.currency])
  for (const contact of keyContacts) {
    await db.query(`INSERT INTO contract_key_contacts (contract_id, contact_id) VALUES ($1, $2)`, [contract.id, contact.id])
  }
  return contract
}

/** A customer with maintenance (and premium when asked) covering 2026–2027, and one key contact signed up for the portal. */
export async function makeCoveredCustomer(
  db: DataSource,
  options: { premium?: boolean; homeDesk?: 'PACIFIC' | 'UK'; name?: string } = {},
): Promise<{ customer: Customer; keyContact: Contact; otherContact: Contact }> {
  const customer = await makeCustomer(db, { homeDesk: options.homeDesk ?? 'PACIFIC', currency: options.homeDesk === 'UK' ? 'GBP' : 'USD', ...(options.name ? { name: options.name } : {}) })
  const license = await makeLicense(db, customer)
  const keyContact = await makeContact(db, customer)
  const otherContact = await makeContact(db, customer)
  const term = { start: '2026-01-01', end: '2027-12-31' }
  await makeContract(db, customer, license, 'MAINTENANCE', term, [keyContact])
  if (options.premium) await makeContract(db, customer, license, 'PREMIUM_SUPPORT', term, [keyContact])
  return { customer, keyContact, otherContact }
}
