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
