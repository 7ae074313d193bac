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

interface Figures {
  met: number
  breached: number
  open: number
}

/** This month's first-response figures (tickets received from the 1st up to today), read from the API. */
async function firstResponseFigures(page: Page, month: string): Promise<{ guarantee: Figures; goal: Figures }> {
  const data = await gql<{ slaSummary: { summary: { byMonth: (Figures & { month: string; target: string; kind: string })[] } } }>(
    page,
    `query E2eSla($filter: ReportFilter!) { slaSummary(filter: $filter) { ... on QuerySlaSummarySuccess { summary { byMonth { month target kind met breached open } } } } }`,
    { filter: { from: `${month}-01T00:00:00Z`, to: `${utcDay(1)}T00:00:00Z` } },
  )
  const figures = (kind: string): Figures => {
    const row = data.slaSummary.summary.byMonth.find((r) => r.month === month && r.target === 'FIRST_RESPONSE' && r.kind === kind)
    return { met: row?.met ?? 0, breached: row?.breached ?? 0, open: row?.open ?? 0 }
  }
  return { guarantee: figures('GUARANTEE'), goal: figures('GOAL') }
}

const rate = (f: Figures) => (f.met + f.breached === 0 ? null : f.met / (f.met + f.breached))
/** Met, breached, not decided and attainment as the table shows them ("–" when nothing is decided yet). */
const cells = (f: Figures) => {
  const r = rate(f)
  return [String(f.met), String(f.breached), String(f.open), r === null ? '–' : `${(Math.round(r * 1000) / 10).toLocaleString('en-GB')}%`]
}
/** The same figures as a CSV row: the attainment as a fraction to 4 places, empty when nothing is decided. */
const csvCells = (f: Figures) => {
  const r = rate(f)
  return `${f.met},${f.breached},${f.open},${r === null ? '' : Math.round(r * 10_000) / 10_000}`
}
/** "2026-11" -> "Nov 2026", as the table names a month. */
const monthLabel = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })

describe('reports', () => {
  it('an admin opens the dashboard, changes the date range and the figures follow, and downloads a table as CSV', async () => {
    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/admin/login')
      await signIn(page, DEMO.admin)
      await page.waitForURL('**/admin/customers')

      // The demo data has tickets of the last days. This month's figures before two more questions today from the
      // demo customers: Alex (Acme, premium) is answered; Olivia (Northwind, standard) waits.
      const month = utcDay().slice(0, 7)
      const before = await firstResponseFigures(page, month)
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
      // One more premium guarantee met, one more standard goal running.
      const after = await firstResponseFigures(page, month)
      expect(after).toEqual({
        guarantee: { ...before.guarantee, met: before.guarantee.met + 1 },
        goal: { ...before.goal, open: before.goal.open + 1 },
      })

      // The dashboard opens on the last 90 days and shows this month's figures, the two new tickets counted.
      await page.getByRole('link', { name: 'Reports', exact: true }).click()
      await page.waitForURL('**/admin/reports')
      const sla = page.getByTestId('report-sla')
      const thisMonth = (label: string) => sla.getByRole('row').filter({ hasText: monthLabel(month) }).filter({ hasText: label })
      const guarantee = thisMonth('First response (premium guarantee)')
      await guarantee.first().waitFor()
      expect(await guarantee.count()).toBe(1)
      expect((await guarantee.getByRole('cell').allInnerTexts()).slice(1, 5)).toEqual(cells(after.guarantee)) // met, breached, not decided, attainment
      expect((await thisMonth('First response (goal)').getByRole('cell').allInnerTexts()).slice(1, 5)).toEqual(cells(after.goal))
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
      expect(lines).toContainEqual(`${month},First response (premium guarantee),${csvCells(after.guarantee)}`)
      expect(lines).toContainEqual(`${month},First response (goal),${csvCells(after.goal)}`)
      expect(lines.at(-1)).toBe('')
    } catch (error) {
      await page.screenshot({ path: path.join(os.tmpdir(), 'covered-e2e-reports.png'), fullPage: true }).catch(() => {})
      throw error
    } finally {
      await context.close()
    }
  })
})
