import { addCalendarDays, contractFee, DEFAULT_DESKS, oneYearTerm, todayIn, type ContractKind, type Currency } from '@covered/domain'
import type { DataSource, EntityManager } from 'typeorm'
import type { Config } from '../config.js'
import { hashPassword } from '../modules/accounts/passwords.js'
import { StaffUser } from '../modules/accounts/staff-user.entity.js'
import { Contact } from '../modules/customers/contact.entity.js'
import { Customer } from '../modules/customers/customer.entity.js'
import { License } from '../modules/customers/license.entity.js'
import { seedKnowledge } from './seed-knowledge.js'
import { seedDemoTickets, type DemoCast } from './seed-tickets.js'

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

/**
 * Demo data for a first look, dated relative to `now` so that statuses stay meaningful: customers on both
 * desks and in both currencies with premium, active, expiring and lapsed contracts, a prospect and a former
 * customer; knowledge base articles, newsletter issues and releases; and tickets of the last days on both desks
 * (seed-tickets.ts), made through the product's own services.
 */
export async function seedDemoData(dataSource: DataSource, config: Config, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const cast = await dataSource.transaction(async (manager): Promise<DemoCast> => {
    const staff = (email: string, name: string, role: StaffUser['role'], desk: StaffUser['desk']) =>
      manager.save(manager.create(StaffUser, { email, name, role, desk, passwordHash }))
    await staff('admin@covered.example', 'Avery Admin', 'ADMIN', null)
    const eli = await staff('engineer@covered.example', 'Eli Engineer', 'ENGINEER', 'PACIFIC')
    const harriet = await staff('uk.engineer@covered.example', 'Harriet Hughes', 'ENGINEER', 'UK')
    const editions = Object.fromEntries(
      ((await manager.query('SELECT id, name FROM product_editions')) as { id: string; name: string }[]).map((e) => [e.name, e.id]),
    )
    const customer = (name: string, homeDesk: 'PACIFIC' | 'UK', currency: Currency) =>
      manager.save(manager.create(Customer, { name, homeDesk, currency }))
    const contact = (customerId: string, email: string, name: string, extra: Partial<Contact> = {}) =>
      manager.save(manager.create(Contact, { customerId, email, name, portalAccess: true, passwordHash, ...extra }))
    const license = (customerId: string, edition: string, price: number, currency: Currency, purchasedOn: string, key: string, retiredAt: Date | null = null) =>
      manager.save(manager.create(License, { customerId, editionId: editions[edition], priceMinor: String(price), currency, purchasedOn, licenseKey: key, retiredAt }))
    const todayAt = (desk: 'PACIFIC' | 'UK') => todayIn(DEFAULT_DESKS[desk].timeZone, now)

    const acme = await customer('Acme Analytics', 'PACIFIC', 'USD')
    const alex = await contact(acme.id, 'alex@acme.example', 'Alex Rivera', { isCustomerAdmin: true, timeZone: 'America/Denver' })
    const sam = await contact(acme.id, 'sam@acme.example', 'Sam Okafor')
    const jo = await contact(acme.id, 'jo@acme.example', 'Jo Park', { portalAccess: false, passwordHash: null })
    const acmeLicense = await license(acme.id, 'Pro', 495_000, 'USD', addCalendarDays(todayAt('PACIFIC'), -400), 'CT-PRO-ACME-0001')
    const acmeStart = addCalendarDays(todayAt('PACIFIC'), -200)
    await contract(manager, acmeLicense, 'MAINTENANCE', acmeStart, [alex.id, sam.id])
    await contract(manager, acmeLicense, 'PREMIUM_SUPPORT', acmeStart, [alex.id])

    const northwind = await customer('Northwind Traders Ltd', 'UK', 'GBP')
    const olivia = await contact(northwind.id, 'olivia@northwind.example', 'Olivia Bennett', { isCustomerAdmin: true, timeZone: 'Europe/London' })
    await contact(northwind.id, 'tom@northwind.example', 'Tom Ashworth', { timeZone: 'Europe/London' })
    const northwindLicense = await license(northwind.id, 'Enterprise', 1_200_000, 'GBP', '2024-09-02', 'CT-ENT-NWND-0001')
    // Ends in about five weeks: EXPIRING, and in the renewals due.
    await contract(manager, northwindLicense, 'MAINTENANCE', addCalendarDays(todayAt('UK'), -330), [olivia.id])

    const brightwater = await customer('Brightwater Media plc', 'UK', 'GBP')
    const priya = await contact(brightwater.id, 'priya@brightwater.example', 'Priya Shah', { timeZone: 'Europe/London' })
    const brightwaterLicense = await license(brightwater.id, 'Pro', 395_000, 'GBP', '2024-01-20', 'CT-PRO-BRWM-0001')
    // Ended three weeks ago and not renewed: LAPSED.
    await contract(manager, brightwaterLicense, 'MAINTENANCE', addCalendarDays(todayAt('UK'), -386), [priya.id])

    const globex = await customer('Globex Evaluations', 'PACIFIC', 'USD')
    const hank = await contact(globex.id, 'hank@globex.example', 'Hank Scorpio')

    const initech = await customer('Initech Web', 'PACIFIC', 'USD')
    await contact(initech.id, 'peter@initech.example', 'Peter Gibbons', { portalAccess: false, passwordHash: null })
    await license(initech.id, 'Standard', 99_000, 'USD', '2021-06-01', 'CT-STD-INIT-0001', new Date('2024-06-01T00:00:00Z'))

    const umbrella = await customer('Umbrella Insights', 'PACIFIC', 'USD')
    const ada = await contact(umbrella.id, 'ada@umbrella.example', 'Ada Lin', { isCustomerAdmin: true, timeZone: 'America/Los_Angeles' })
    const umbrellaLicense = await license(umbrella.id, 'Enterprise', 1_450_000, 'USD', addCalendarDays(todayAt('PACIFIC'), -30), 'CT-ENT-UMBR-0001')
    await contract(manager, umbrellaLicense, 'MAINTENANCE', addCalendarDays(todayAt('PACIFIC'), -30), [ada.id])

    await seedKnowledge(manager, now, todayAt('PACIFIC'))
    return { staff: { eli, harriet }, contacts: { alex, sam, jo, ada, hank, olivia, priya } }
  })
  await seedDemoTickets(dataSource, config, cast, now)
}

async function contract(manager: EntityManager, license: License, kind: ContractKind, start: string, keyContactIds: string[]): Promise<void> {
  const term = oneYearTerm(start)
  const fee = contractFee(kind, { amountMinor: Number(license.priceMinor), currency: license.currency })
  const [inserted]: { id: string }[] = await manager.query(
    'INSERT INTO contracts (customer_id, license_id, kind) VALUES ($1, $2, $3) RETURNING id',
    [license.customerId, license.id, kind],
  )
  await manager.query('INSERT INTO contract_terms (contract_id, start_date, end_date, fee_minor, currency) VALUES ($1, $2, $3, $4, $5)', [
    inserted!.id,
    term.start,
    term.end,
    fee.amountMinor,
    fee.currency,
  ])
  for (const contactId of keyContactIds) {
    await manager.query('INSERT INTO contract_key_contacts (contract_id, contact_id) VALUES ($1, $2)', [inserted!.id, contactId])
  }
}
