import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO, launchBrowser, newPage, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

// Professional Services end to end (issue 6): an engineer escalates a ticket with an estimate and sends the quote,
// the customer's key contact accepts it in the portal, and the engineer logs time against it.
let product: Product
let browser: Browser
let engineer: { context: BrowserContext; page: Page }
let ticketId = ''
let ticketNumber = ''
let quoteNumber = ''

beforeAll(async () => {
  product = await startProduct()
  browser = await launchBrowser()
  engineer = await newPage(browser, product.url)
})

// A failure shows what the product logged and what the engineer's page showed.
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    console.error(`--- product output (last lines) ---\n${product.output().split('\n').slice(-40).join('\n')}`)
    await engineer.page.screenshot({ path: `/tmp/services-e2e-${task.name.slice(0, 30).replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {})
  })
})

afterAll(async () => {
  await engineer?.context.close()
  await browser?.close()
  await product?.stop()
})

async function gql<T>(context: BrowserContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await context.request.post('/graphql', {
    data: { query, variables },
    headers: { 'x-requested-with': 'covered', 'content-type': 'application/json' },
  })
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] }
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '))
  return body.data!
}

describe('Professional Services', () => {
  it('an engineer escalates a ticket with an estimate and sends the quote', async () => {
    const { context, page } = engineer
    await page.goto('/admin/login')
    await signIn(page, DEMO.engineer)
    await page.waitForURL((url) => !url.pathname.endsWith('/login'))

    // The ticket: alex@acme.example asks for work triage sends to Professional Services (opened through the API,
    // on the engineer's session).
    const found = await gql<{ customers: { edges: { node: { contacts: { id: string; email: string }[] } }[] } }>(
      context,
      `query { customers(first: 5, search: "alex@acme.example") { edges { node { contacts { id email } } } } }`,
    )
    const alex = found.customers.edges.flatMap((e) => e.node.contacts).find((c) => c.email === DEMO.contact)!
    const opened = await gql<{ openTicket: { __typename: string; ticket?: { id: string; number: string } } }>(
      context,
      `mutation Open($input: OpenTicketInput!) {
        openTicket(input: $input) { __typename ... on MutationOpenTicketSuccess { ticket { id number } } }
      }`,
      {
        input: {
          requesterId: alex.id,
          subject: 'Analyse our Apache server logs',
          category: 'SERVER_LOG_FILES',
          body: 'We would like to import six months of Apache logs.',
        },
      },
    )
    expect(opened.openTicket.__typename).toBe('MutationOpenTicketSuccess')
    ticketId = opened.openTicket.ticket!.id
    ticketNumber = opened.openTicket.ticket!.number

    await page.goto(`/admin/tickets/${ticketId}`)
    const panel = page.getByTestId('services-panel')
    await panel.scrollIntoViewIfNeeded()
    await panel.getByText('Triage says this needs Professional Services').waitFor()
    await panel.getByRole('button', { name: 'Escalate to Professional Services' }).click()
    await panel.getByLabel('Estimated hours').fill('2')
    await panel.getByRole('button', { name: 'Escalate and start a quote' }).click()
    const escalated = page.getByTestId('escalated')
    await escalated.waitFor()
    quoteNumber = /Q-\d{4}-\d{4}/.exec(await escalated.innerText())![0]
    expect(await escalated.innerText()).toContain(`Draft ${quoteNumber} started with 2 hours`)
    await expect.poll(() => panel.getByTestId('ticket-quote').first().innerText()).toContain('Draft')

    // The builder: the server priced the estimate at the rate card's rate; send it.
    await escalated.getByRole('link', { name: 'Finish and send the quote' }).click()
    await page.getByRole('heading', { name: `Quote ${quoteNumber}` }).waitFor()
    const line = page.getByTestId('quote-line-0')
    expect(await line.getByLabel('Hours').inputValue()).toBe('2.00')
    expect(await line.getByTestId('line-unit-price').innerText()).toBe('$150.00 an hour (rate card)')
    expect(await line.getByTestId('line-total').innerText()).toBe('$300.00')
    await page.getByRole('button', { name: 'Send to customer' }).click()
    await page.getByText(`${quoteNumber} was sent to Acme Analytics`).waitFor()
    expect(await page.getByTestId('quote-status').innerText()).toBe('Sent')
    expect(await page.getByTestId('read-only-notice').innerText()).toContain('A sent quote is never edited')
    expect(await page.getByRole('button', { name: 'Revise' }).isVisible()).toBe(true)
  })

  it('the key contact accepts it in the portal', async () => {
    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/portal/login')
      await signIn(page, DEMO.contact)
      await page.getByRole('heading', { name: 'Acme Analytics' }).waitFor()
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quotes' }).click()
      const item = page.getByTestId('quote-item').filter({ hasText: quoteNumber })
      expect(await item.innerText()).toContain('Waiting for your decision')
      expect(await item.innerText()).toContain('$300.00')
      await item.getByRole('link').click()

      await page.getByRole('heading', { name: `Quote ${quoteNumber}` }).waitFor()
      expect(await page.getByTestId('quote-total').innerText()).toBe('$300.00')
      await page.getByRole('button', { name: 'Accept quote' }).click()
      const confirm = page.getByTestId('decision-confirm')
      expect(await confirm.innerText()).toContain(`Accept ${quoteNumber} for $300.00?`)
      await confirm.getByLabel('Note for Covered').fill('PO 4471')
      await confirm.getByRole('button', { name: 'Yes, accept' }).click()
      await page.getByTestId('decision-done').waitFor()
      expect(await page.getByTestId('decided-by').innerText()).toMatch(/^Accepted by Alex Rivera on \d{1,2} \w{3} \d{4}, \d{2}:\d{2}\./)
      expect(await page.getByTestId('quote-status').innerText()).toBe('Accepted')
      expect(await page.getByRole('button', { name: 'Accept quote' }).count()).toBe(0)
    } finally {
      await context.close()
    }
  })

  it('the engineer logs time against it: a warning from 80%, a refusal past 100%, and the delivered hours', async () => {
    const { page } = engineer
    await page.goto(`/admin/tickets/${ticketId}`)
    const panel = page.getByTestId('services-panel')
    await panel.scrollIntoViewIfNeeded()
    const quote = panel.getByTestId('ticket-quote').filter({ hasText: quoteNumber })
    await expect.poll(() => quote.innerText()).toContain('Accepted')
    expect(await quote.getByTestId('progress-meter').innerText()).toBe('0m of 2h delivered (0%)')

    const form = panel.getByTestId('time-entry-form')
    const log = async (minutes: string, note: string) => {
      await form.getByLabel('Minutes').fill(minutes)
      await form.getByLabel('What was done').fill(note)
      await form.getByRole('button', { name: 'Log time' }).click()
    }
    await log('90', 'Imported the January to March logs')
    await expect.poll(() => form.getByTestId('time-logged').innerText()).toBe(`Logged 1h 30m on ${quoteNumber}; 30m of the quoted time left.`)
    expect(await form.getByTestId('time-warning').count()).toBe(0)
    await expect.poll(() => quote.getByTestId('progress-meter').innerText()).toBe('1h 30m of 2h delivered (75%)')

    await log('15', 'Checked the parser against April')
    await expect.poll(() => form.getByTestId('time-warning').innerText()).toContain('1h 45m of 2h quoted is now used (87%); 15m left.')
    await expect.poll(() => quote.getByTestId('progress-meter').getAttribute('data-tone')).toBe('warning')

    await log('30', 'More log work')
    const refusal = form.getByTestId('form-problem')
    await refusal.waitFor()
    expect(await refusal.innerText()).toContain('This time cannot be logged')
    expect(await refusal.innerText()).toContain('Time past the quote needs a change order')
    await expect.poll(() => quote.getByTestId('progress-meter').innerText()).toBe('1h 45m of 2h delivered (87%)')

    // The pipeline shows the same delivered hours for the accepted quote.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quotes' }).click()
    const delivered = page.getByTestId('delivered-item').filter({ hasText: quoteNumber })
    await delivered.waitFor()
    expect(await delivered.innerText()).toContain(ticketNumber)
    expect(await delivered.getByTestId('progress-meter').innerText()).toBe('1h 45m of 2h delivered (87%)')
    expect(await delivered.getByTestId('progress-meter').getAttribute('data-tone')).toBe('warning')
    // The pipeline's figures come from the API: the accepted quote's total, and its hours for the whole period.
    const acceptedTile = page.getByTestId('pipeline-tile').filter({ hasText: 'Accepted' })
    await expect.poll(() => acceptedTile.getAttribute('aria-label')).toBe('Accepted: 1 quote, $300.00')
    expect(await page.getByTestId('delivered-overall').getByTestId('progress-meter').innerText()).toBe('1h 45m of 2h delivered (87%)')
  })
})
