import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO, launchBrowser, newPage, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

// The printable quote (issue 6) in both apps: a clean document on paper (no menu, no buttons), and a PDF from the
// browser's print. An engineer drafts and sends a quote for Acme; Alex (Acme) prints it in the portal, and cannot
// open Northwind's.
let product: Product
let browser: Browser
let engineer: { context: BrowserContext; page: Page }
const acmeQuote = { id: '', number: '' }
const northwindQuote = { id: '', number: '' }

beforeAll(async () => {
  product = await startProduct()
  browser = await launchBrowser()
  engineer = await newPage(browser, product.url)
  await engineer.page.goto('/admin/login')
  await signIn(engineer.page, DEMO.engineer)
  await engineer.page.waitForURL((url) => !url.pathname.endsWith('/login'))
  Object.assign(acmeQuote, await sentQuote(engineer.context, 'alex@acme.example', true))
  Object.assign(northwindQuote, await sentQuote(engineer.context, 'olivia@northwind.example', false))
})

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    console.error(`--- product output (last lines) ---\n${product.output().split('\n').slice(-40).join('\n')}`)
    await engineer.page.screenshot({ path: `/tmp/quote-print-e2e-${task.name.slice(0, 30).replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {})
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

/** A sent quote for the contact's organisation: 2.5 hours, a training module and the free Daily Demo; for Acme on a ticket Alex asked. */
async function sentQuote(context: BrowserContext, email: string, onTicket: boolean): Promise<{ id: string; number: string }> {
  const found = await gql<{ customers: { edges: { node: { id: string; contacts: { id: string; email: string }[] } }[] } }>(
    context,
    `query($s: String) { customers(first: 5, search: $s) { edges { node { id contacts { id email } } } } }`,
    { s: email },
  )
  const customer = found.customers.edges.find((e) => e.node.contacts.some((c) => c.email === email))!.node
  let ticketId: string | null = null
  if (onTicket) {
    const opened = await gql<{ openTicket: { ticket: { id: string } } }>(
      context,
      `mutation($input: OpenTicketInput!) { openTicket(input: $input) { ... on MutationOpenTicketSuccess { ticket { id } } } }`,
      { input: { requesterId: customer.contacts.find((c) => c.email === email)!.id, subject: 'Tracking for the spring campaign', category: 'SERVER_LOG_FILES', body: 'Please set it up with us.' } },
    )
    ticketId = opened.openTicket.ticket.id
  }
  const modules = await gql<{ trainingModules: { id: string; name: string }[] }>(context, '{ trainingModules { id name } }')
  const labels = modules.trainingModules.find((m) => m.name === 'Labels in depth')!
  const created = await gql<{ createQuote: { __typename: string; quote: { id: string; number: string } } }>(
    context,
    `mutation($c: ID!, $t: ID, $lines: [QuoteLineInput!]!) { createQuote(customerId: $c, ticketId: $t, lines: $lines) {
      __typename ... on MutationCreateQuoteSuccess { quote { id number } } } }`,
    {
      c: customer.id,
      t: ticketId,
      lines: [
        { kind: 'HOURS', quantity: '2.5', description: 'Set up campaign tracking' },
        { kind: 'TRAINING_MODULE', quantity: '1', trainingModuleId: labels.id, description: 'Workshop for the marketing team' },
        { kind: 'DAILY_DEMO', quantity: '1' },
      ],
    },
  )
  expect(created.createQuote.__typename).toBe('MutationCreateQuoteSuccess')
  const sent = await gql<{ sendQuote: { __typename: string } }>(context, `mutation($q: ID!) { sendQuote(quoteId: $q) { __typename } }`, { q: created.createQuote.quote.id })
  expect(sent.sendQuote.__typename).toBe('MutationSendQuoteSuccess')
  return created.createQuote.quote
}

/** On paper: no menu, no toolbar or buttons; the number, every line and the total are there; the PDF is a PDF that names the quote. */
async function checkPrinted(page: Page, number: string, total: string) {
  const nav = page.getByRole('navigation', { name: 'Main' })
  const toolbar = page.getByTestId('print-toolbar')
  const sheet = page.getByTestId('quote-document')
  expect(await nav.isVisible()).toBe(true)
  expect(await toolbar.getByRole('button', { name: 'Print / Save as PDF' }).isVisible()).toBe(true)

  await page.emulateMedia({ media: 'print' })
  try {
    expect(await nav.isVisible()).toBe(false)
    expect(await toolbar.isVisible()).toBe(false)
    expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0)
    expect(await sheet.getByTestId('document-number').innerText()).toBe(number)
    const lines = sheet.getByTestId('document-line')
    expect(await lines.count()).toBe(3)
    for (let i = 0; i < 3; i++) expect(await lines.nth(i).isVisible()).toBe(true)
    expect(await lines.nth(0).innerText()).toMatch(/Set up campaign tracking[\s\S]*2\.50 h[\s\S]*\$150\.00[\s\S]*\$375\.00/)
    expect(await lines.nth(1).innerText()).toMatch(/Workshop for the marketing team\s+Training module: Labels in depth/)
    expect(await lines.nth(2).innerText()).toContain('Free')
    const totalRow = sheet.getByTestId('document-total')
    expect(await totalRow.isVisible()).toBe(true)
    expect((await totalRow.innerText()).replace(/\s+/g, ' ')).toBe(`Total (USD) ${total}`)
    const terms = await sheet.getByTestId('document-terms').innerText()
    expect(terms).toContain('Nothing is delivered before acceptance')
    expect(terms).toContain('Hours quoted: 2h 30m')
    // A line is never split across pages, and the page has margins of its own.
    expect(await lines.nth(0).evaluate((row) => getComputedStyle(row).breakInside)).toBe('avoid')
    const pageMargin = await page.evaluate(() =>
      [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).find((rule): rule is CSSPageRule => rule instanceof CSSPageRule)?.style.margin,
    )
    expect(pageMargin).toBe('16mm 15mm 18mm')
    // Black on white.
    const colours = await sheet.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor])
    expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)'])

    const pdf = await page.pdf({ printBackground: false })
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // Chromium writes the page's title (which starts with the quote number) into the PDF's metadata, as UTF-16.
    const title = Buffer.from(`Quote ${number}`, 'utf16le').swap16().toString('hex').toUpperCase()
    expect(pdf.toString('latin1').toUpperCase()).toContain(title)
  } finally {
    await page.emulateMedia({ media: 'screen' })
  }
}

describe('the printable quote', () => {
  it('staff open it from the quote page; printed, it is a clean document and a PDF', async () => {
    const { page } = engineer
    await page.goto(`/admin/quotes/${acmeQuote.id}`)
    await page.getByRole('heading', { name: `Quote ${acmeQuote.number}` }).waitFor()
    await page.getByTestId('print-link').click()
    await page.waitForURL(`**/admin/quotes/${acmeQuote.id}/print`)
    const sheet = page.getByTestId('quote-document')
    await sheet.waitFor()
    expect(await sheet.getByTestId('document-customer').innerText()).toBe('Acme Analytics')
    expect(await sheet.getByTestId('document-recipient').innerText()).toContain('Attention: Alex Rivera')
    const facts = await sheet.getByTestId('document-facts').innerText()
    expect(facts).toMatch(/Status\s+Sent/)
    expect(facts).toMatch(/Ticket\s+CT-\d+ · Tracking for the spring campaign/)
    expect(await page.title()).toBe(`Quote ${acmeQuote.number} – Acme Analytics · Covered Admin`)
    await checkPrinted(page, acmeQuote.number, '$825.00')
  })

  it('the customer prints their own quote in the portal, and another organisation’s is not found', async () => {
    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/portal/login')
      await signIn(page, DEMO.contact)
      await page.getByRole('heading', { name: 'Acme Analytics' }).waitFor()
      await page.goto(`/portal/quotes/${acmeQuote.id}`)
      await page.getByRole('heading', { name: `Quote ${acmeQuote.number}` }).waitFor()
      await page.getByTestId('print-link').click()
      await page.waitForURL(`**/portal/quotes/${acmeQuote.id}/print`)
      await page.getByTestId('quote-document').waitFor()
      await checkPrinted(page, acmeQuote.number, '$825.00')

      await page.goto(`/portal/quotes/${northwindQuote.id}/print`)
      await page.getByText('There is no such quote').waitFor()
      expect(await page.getByTestId('quote-document').count()).toBe(0)
      expect(await page.content()).not.toContain(northwindQuote.number)
    } finally {
      await context.close()
    }
  })
})
