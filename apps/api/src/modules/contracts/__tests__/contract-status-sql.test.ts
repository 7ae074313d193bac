import { addCalendarDays, contractStatus, type ContractTerm } from '@covered/domain'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeCustomer, makeLicense } from '../../../../test/factories.js'
import { createTestApp, type TestApp } from '../../../../test/harness.js'
import { contractStatusSql } from '../contract-status.sql.js'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

/** Term layouts that exercise every branch: renewals, gaps, cancellations before, during and after a term. */
const LAYOUTS: Record<string, ContractTerm[]> = {
  single: [{ start: '2026-01-01', end: '2026-12-31' }],
  leapYear: [{ start: '2027-03-01', end: '2028-02-29' }],
  renewed: [{ start: '2025-01-01', end: '2025-12-31' }, { start: '2026-01-01', end: '2026-12-31' }],
  renewedWithGap: [{ start: '2025-01-01', end: '2025-12-31' }, { start: '2026-03-01', end: '2027-02-28' }],
  cancelledMidTerm: [{ start: '2026-01-01', end: '2026-12-31', cancelledAt: '2026-07-01' }],
  cancelledBeforeStart: [{ start: '2026-01-01', end: '2026-12-31', cancelledAt: '2025-12-01' }],
  renewalCancelled: [{ start: '2025-01-01', end: '2025-12-31' }, { start: '2026-01-01', end: '2026-12-31', cancelledAt: '2026-01-01' }],
}

it('the SQL status agrees with the domain’s contractStatus on every day around every boundary', async () => {
  const db = app.database.dataSource
  const customer = await makeCustomer(db)
  const contracts: { id: string; terms: ContractTerm[] }[] = []
  for (const terms of Object.values(LAYOUTS)) {
    const license = await makeLicense(db, customer)
    const [row] = await db.query(`INSERT INTO contracts (customer_id, license_id, kind) VALUES ($1, $2, 'MAINTENANCE') RETURNING id`, [customer.id, license.id])
    for (const term of terms) {
      await db.query(`INSERT INTO contract_terms (contract_id, start_date, end_date, fee_minor, currency, cancelled_on) VALUES ($1, $2, $3, 0, 'USD', $4)`, [row.id, term.start, term.end, term.cancelledAt ?? null])
    }
    contracts.push({ id: row.id, terms })
  }
  const boundaries = Object.values(LAYOUTS).flatMap((terms) =>
    terms.flatMap((t) => [t.start, t.end, addCalendarDays(t.end, -59), addCalendarDays(t.end, -60), ...(t.cancelledAt ? [t.cancelledAt] : [])]),
  )
  const days = [...new Set(boundaries.flatMap((day) => [-1, 0, 1].map((offset) => addCalendarDays(day, offset))))].sort()
  let compared = 0
  for (const today of days) {
    const rows: { id: string; status: string }[] = await db.query(`SELECT k.id, ${contractStatusSql('k', '$1::date')} AS status FROM contracts k`, [today])
    for (const contract of contracts) {
      const sql = rows.find((row) => row.id === contract.id)!.status
      expect({ today, layout: contract.terms, status: sql }).toEqual({ today, layout: contract.terms, status: contractStatus(contract.terms, today) })
      compared++
    }
  }
  expect(compared).toBeGreaterThan(250)
})

it('the SQL customer status agrees with the domain on licenses held, replaced and retired', async () => {
  // Covered through the customers list; here the one case the list test does not reach: a replaced license only.
  const db = app.database.dataSource
  const customer = await makeCustomer(db)
  const license = await makeLicense(db, customer)
  await db.query('UPDATE licenses SET replaced_at = now() WHERE id = $1', [license.id])
  const { CUSTOMER_STATUS_SQL } = await import('../../customers/customers.service.js')
  const [row] = await db.query(`SELECT ${CUSTOMER_STATUS_SQL} AS status FROM customers c WHERE c.id = $1`, [customer.id])
  const { customerStatus } = await import('@covered/domain')
  expect(row.status).toBe(customerStatus([{ replacedAt: '2026-01-01' }]))
  expect(row.status).toBe('FORMER')
})
