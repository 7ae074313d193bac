import type { DataSource } from 'typeorm'
import { hashPassword } from '../modules/accounts/passwords.js'
import { StaffUser } from '../modules/accounts/staff-user.entity.js'
import { Contact } from '../modules/customers/contact.entity.js'
import { Customer } from '../modules/customers/customer.entity.js'
import { License } from '../modules/customers/license.entity.js'

/** The demo logins printed at start and listed in the README. */
export const DEMO_PASSWORD = 'covered-demo'
export const DEMO_LOGINS = [
  { role: 'Admin', app: 'admin', email: 'admin@covered.example' },
  { role: 'Engineer (Pacific desk)', app: 'admin', email: 'engineer@covered.example' },
  { role: 'Customer contact (Acme Analytics)', app: 'portal', email: 'alex@acme.example' },
] as const

export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  const [row]: { count: string }[] = await dataSource.query('SELECT count(*) AS count FROM staff_users')
  return Number(row?.count ?? 0) === 0
}

/** Demo data for a first look: staff, customers on both desks and currencies, a prospect, a former customer. */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await dataSource.transaction(async (manager) => {
    await manager.insert(StaffUser, [
      { email: 'admin@covered.example', name: 'Avery Admin', role: 'ADMIN', desk: null, passwordHash },
      { email: 'engineer@covered.example', name: 'Eli Engineer', role: 'ENGINEER', desk: 'PACIFIC', passwordHash },
      { email: 'uk.engineer@covered.example', name: 'Harriet Hughes', role: 'ENGINEER', desk: 'UK', passwordHash },
    ])
    const customers = await manager.save(
      Customer,
      [
        { name: 'Acme Analytics', homeDesk: 'PACIFIC', currency: 'USD' },
        { name: 'Northwind Traders Ltd', homeDesk: 'UK', currency: 'GBP' },
        { name: 'Globex Evaluations', homeDesk: 'PACIFIC', currency: 'USD' },
        { name: 'Initech Web', homeDesk: 'PACIFIC', currency: 'USD' },
        { name: 'Brightwater Media plc', homeDesk: 'UK', currency: 'GBP' },
      ].map((customer) => manager.create(Customer, customer as Partial<Customer>)),
    )
    const [acme, northwind, globex, initech, brightwater] = customers as [Customer, Customer, Customer, Customer, Customer]
    await manager.insert(Contact, [
      { customerId: acme.id, email: 'alex@acme.example', name: 'Alex Rivera', isCustomerAdmin: true, portalAccess: true, passwordHash, timeZone: 'America/Denver' },
      { customerId: acme.id, email: 'sam@acme.example', name: 'Sam Okafor', portalAccess: true, passwordHash },
      { customerId: northwind.id, email: 'olivia@northwind.example', name: 'Olivia Bennett', isCustomerAdmin: true, portalAccess: true, passwordHash, timeZone: 'Europe/London' },
      { customerId: globex.id, email: 'hank@globex.example', name: 'Hank Scorpio', portalAccess: true, passwordHash },
      { customerId: initech.id, email: 'peter@initech.example', name: 'Peter Gibbons' },
      { customerId: brightwater.id, email: 'priya@brightwater.example', name: 'Priya Shah', portalAccess: true, passwordHash },
    ])
    await manager.insert(License, [
      { customerId: acme.id, edition: 'Pro', priceMinor: '495000', currency: 'USD', purchasedOn: '2025-03-14', licenseKey: 'CT-PRO-ACME-0001' },
      { customerId: northwind.id, edition: 'Enterprise', priceMinor: '1200000', currency: 'GBP', purchasedOn: '2024-09-02', licenseKey: 'CT-ENT-NWND-0001' },
      { customerId: brightwater.id, edition: 'Pro', priceMinor: '395000', currency: 'GBP', purchasedOn: '2026-01-20', licenseKey: 'CT-PRO-BRWM-0001' },
      { customerId: initech.id, edition: 'Standard', priceMinor: '99000', currency: 'USD', purchasedOn: '2021-06-01', licenseKey: 'CT-STD-INIT-0001', retiredAt: new Date('2024-06-01T00:00:00Z') },
    ])
  })
}
