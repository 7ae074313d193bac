import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, launchBrowser, newPage, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

let product: Product
let browser: Browser

beforeAll(async () => {
  product = await startProduct()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

/** A GraphQL call with the signed-in person's session (the page's cookies). */
async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/graphql', {
    headers: { 'x-requested-with': 'covered', 'content-type': 'application/json' },
    data: { query, variables },
  })
  const body = (await response.json()) as { data: T; errors?: unknown }
  if (body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data
}

/** Today as YYYY-MM-DD in UTC, and the same day shifted by whole days. */
const utcDay = (shift = 0) => new Date(Date.now() + shift * 86_400_000).toISOString().slice(0, 10)

describe('reports', () => {
  it('an admin opens the dashboard, changes the date range and the figures follow, and downloads a table as CSV', async () => {
    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/admin/login')
      await signIn(page, DEMO.admin)
      await page.waitForURL('**/admin/customers')

      // Two questions today from the demo customers: Alex (Acme, premium) is answered; Olivia (Northwind, standard) waits.
      const customers = await gql<{ customers: { edges: { node: { name: string; contacts: { id: string; email: string }[] } }[] } }>(
        page,
        'query E2eCustomers { customers(first: 50) { edges { node { name contacts { id email } } } } }',
      )
      const contact = (email: string) => customers.customers.edges.flatMap((e) => e.node.contacts).find((c) => c.email === email)!.id
      const open = (requesterId: string, subject: string) =>
        gql<{ openTicket: { ticket: { id: string; plan: string } } }>(
          page,
          `mutation E2eOpen($r: ID!, $s: String!) { openTicket(input: { subject: $s, body: "Our dashboards show no data since this morning.", category: BUG, requesterId: $r }) {
             ... on MutationOpenTicketSuccess { ticket { id plan } } } }`,
          { r: requesterId, s: subject },
        )
      const answered = await open(contact('alex@acme.example'), 'Dashboards are blank')
      const waiting = await open(contact('olivia@northwind.example'), 'Export times out')
      expect([answered.openTicket.ticket.plan, waiting.openTicket.ticket.plan]).toEqual(['PREMIUM', 'STANDARD'])
      await gql(page, 'mutation E2eReply($id: ID!) { replyToTicket(ticketId: $id, body: "The collector key was rotated; please reload.") { __typename } }', {
        id: answered.openTicket.ticket.id,
      })

      // The dashboard opens on the last 90 days: this month has one premium guarantee met, one standard goal running.
      await page.getByRole('link', { name: 'Reports', exact: true }).click()
      await page.waitForURL('**/admin/reports')
      const sla = page.getByTestId('report-sla')
      const guarantee = sla.getByRole('row').filter({ hasText: 'First response (premium guarantee)' })
      await guarantee.first().waitFor()
      expect(await guarantee.count()).toBe(1)
      const cells = await guarantee.first().getByRole('cell').allInnerTexts()
      expect(cells.slice(1, 5)).toEqual(['1', '0', '0', '100%']) // met, breached, not decided, attainment
      expect(await sla.getByRole('row').filter({ hasText: 'First response (goal)' }).first().getByRole('cell').allInnerTexts()).toEqual([
        'First response (goal)',
        '0',
        '0',
        '1',
        '–',
      ])
      await expect.poll(() => page.getByTestId('report-backlog').getByRole('row').filter({ hasText: 'New' }).count()).toBeGreaterThan(0)

      // A range that ended before these tickets: the figures change to none, and the URL keeps the range.
      const from = utcDay(-400)
      const to = utcDay(-370)
      await page.getByLabel('From', { exact: true }).fill(from)
      await page.getByLabel('To', { exact: true }).fill(to)
      await sla.getByText('No tickets received in this range').waitFor()
      expect(new URL(page.url()).searchParams.get('from')).toBe(from)
      expect(new URL(page.url()).searchParams.get('to')).toBe(to)
      expect(await page.getByRole('button', { name: 'Download CSV of SLA attainment' }).isDisabled()).toBe(true)

      // Back to a range with today in it: the figures come back, and the table downloads as CSV.
      await page.getByRole('radio', { name: '30 days' }).check()
      await guarantee.first().waitFor()
      expect(new URL(page.url()).searchParams.get('from')).toBe(utcDay(-29))
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV of SLA attainment' }).click()])
      expect(download.suggestedFilename()).toBe(`sla-attainment_${utcDay(-29)}_to_${utcDay()}.csv`)
      const csv = (await fs.readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '')
      const lines = csv.split('\r\n')
      expect(lines[0]).toBe('Month,Target,Met,Breached,Not decided,Attainment')
      const month = utcDay().slice(0, 7)
      expect(lines).toContainEqual(`${month},First response (premium guarantee),1,0,0,1`)
      expect(lines).toContainEqual(`${month},First response (goal),0,0,1,`)
      expect(lines.at(-1)).toBe('')
    } catch (error) {
      await page.screenshot({ path: path.join(os.tmpdir(), 'covered-e2e-reports.png'), fullPage: true }).catch(() => {})
      throw error
    } finally {
      await context.close()
    }
  })
})
