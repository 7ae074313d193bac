import { request, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, DEMO_PASSWORD, launchBrowser, newPage, PHONE, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

// The portal's ticket pages on their own (issue 5): open a ticket, see it listed, reply, and see support's reply
// and the met first response arrive live. Support's side is played through the API here.

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

/** An engineer working through the API, with a session cookie of their own. */
async function engineer() {
  const api = await request.newContext({ baseURL: product.url, extraHTTPHeaders: { 'x-requested-with': 'covered' } })
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await api.post('/graphql', { data: { query, variables } })
    const body = (await response.json()) as { data?: Record<string, { __typename: string }>; errors?: unknown }
    if (body.errors) throw new Error(JSON.stringify(body.errors))
    return body.data!
  }
  await gql('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', { e: DEMO.engineer, p: DEMO_PASSWORD })
  return {
    reply: async (ticketId: string, body: string) =>
      (await gql('mutation ($t: ID!, $b: String!) { replyToTicket(ticketId: $t, body: $b) { __typename } }', { t: ticketId, b: body })).replyToTicket!
        .__typename,
    dispose: () => api.dispose(),
  }
}

/** On a failure: what the page showed and what the product logged last (e.g. an unexpected server error). */
async function explain(page: Page) {
  const shown = await page.locator('body').innerText().catch(() => '(no page)')
  console.log(`--- page ${page.url()} ---\n${shown}\n--- product output (end) ---\n${product.output().slice(-4000)}`)
}

describe('portal tickets', () => {
  it('opens a ticket once however often Send is pressed, lists it, and takes a reply', async () => {
    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/portal/login')
      await signIn(page, DEMO.contact)
      await page.getByRole('heading', { name: 'Acme Analytics', level: 1 }).waitFor()

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click()
      await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor()
      await page.getByRole('link', { name: 'New ticket' }).click()
      await page.waitForURL('**/portal/tickets/new')

      await page.getByLabel('Subject', { exact: true }).fill('Visits report differs from last week')
      await page.getByLabel('Category', { exact: true }).selectOption('SERVER_LOG_FILES')
      expect(await page.getByTestId('scope-hint').innerText()).toContain('This usually needs Professional Services')
      await page.getByLabel('Category', { exact: true }).selectOption('DATA_DISCREPANCY')
      await page.getByLabel('Describe your question', { exact: true }).fill('Monday shows 1,204 visits; last week the same day said 1,310.')
      // Alex is a premium key contact in Denver: a guarantee, in Mountain Time.
      const expected = page.getByTestId('expected-first-response')
      await expected.waitFor()
      expect(await expected.innerText()).toMatch(/^Sent now, a first response is guaranteed by \w{3} \d{1,2} \w{3}( \d{4})?, \d{2}:\d{2} \(Mountain Time\)\.$/)

      await page.getByRole('button', { name: 'Send', exact: true }).dblclick()
      await page.waitForURL(/\/portal\/tickets\/(?!new)[^/]+$/)
      const ticketId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!)
      await page.getByRole('heading', { name: 'Visits report differs from last week', level: 1 }).waitFor()
      expect(await page.getByTestId('ticket-number').innerText()).toMatch(/^CT-\d{6}$/)
      expect(await page.getByTestId('first-response').innerText()).toMatch(/^First response: answered within 4 business hours, guaranteed by /)

      await page.getByRole('link', { name: '← Tickets' }).click()
      const rows = page.getByTestId('ticket-row').filter({ hasText: 'Visits report differs from last week' })
      await rows.first().waitFor()
      expect(await rows.count()).toBe(1) // the double click opened one ticket

      await rows.first().getByRole('link').click()
      await page.getByLabel('Your reply', { exact: true }).fill('The difference started after the site moved to the new CDN.')
      await page.getByRole('button', { name: 'Send reply', exact: true }).click()
      await page.getByTestId('message').filter({ hasText: 'new CDN' }).waitFor()
      // The live update can show the message a moment before the reply's own answer empties the box.
      await expect.poll(() => page.getByLabel('Your reply', { exact: true }).inputValue()).toBe('')

      // Support answers: the reply and the met first response appear without a reload.
      const staff = await engineer()
      try {
        await page.waitForTimeout(300) // the live subscription is open once the page has loaded
        expect(await staff.reply(ticketId, 'Monday was reprocessed overnight; 1,204 is the corrected count.')).toBe('MutationReplyToTicketSuccess')
        await page.getByTestId('message').filter({ hasText: 'reprocessed overnight' }).waitFor()
        await page.getByText(/^First response: met at /).waitFor()
      } finally {
        await staff.dispose()
      }
    } catch (error) {
      await explain(page)
      throw error
    } finally {
      await context.close()
    }
  })

  it('works at phone width: sign in on the way, open a ticket, find it in the list in the contact’s time zone', async () => {
    const { context, page } = await newPage(browser, product.url, PHONE)
    try {
      await page.goto('/portal/tickets/new')
      await page.waitForURL('**/portal/login?redirect=**')
      await signIn(page, DEMO.contact)
      await page.waitForURL('**/portal/tickets/new')

      await page.getByLabel('Subject', { exact: true }).fill('Dashboard export on a phone')
      await page.getByLabel('Category', { exact: true }).selectOption('FEATURE_HELP')
      await page.getByLabel('Describe your question', { exact: true }).fill('Can I export a dashboard from my phone?')
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await page.waitForURL(/\/portal\/tickets\/(?!new)[^/]+$/)

      await page.getByRole('link', { name: '← Tickets' }).click()
      const row = page.getByTestId('ticket-row').filter({ hasText: 'Dashboard export on a phone' })
      await row.waitFor()
      expect(await row.innerText()).toMatch(/CT-\d{6}/)
      expect(await page.getByTestId('time-zone').innerText()).toBe('Times are in Mountain Time (America/Denver).')
    } catch (error) {
      await explain(page)
      throw error
    } finally {
      await context.close()
    }
  })
})
