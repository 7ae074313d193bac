import fs from 'node:fs'
import path from 'node:path'
import type { APIRequestContext, Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { DEMO, launchBrowser, newPage, signIn } from '../harness/browser'
import { startProduct, type Product } from '../harness/product'

// Screenshots of the printable quote, the rate card and the pipeline (issue 6), for a person to look at, plus the
// PDFs the print makes. Not part of `pnpm test`:
//   SHOTS_DIR=/tmp/shots/issue6-quotes pnpm exec vitest run -c <a config including this file>
const OUT = process.env.SHOTS_DIR ?? '/tmp/shots/issue6-quotes'
const SIZES = { laptop: { width: 1366, height: 850 }, phone: { width: 390, height: 844 } } as const
let product: Product
let browser: Browser
let quote = { id: '', number: '' }

async function gql<T = Record<string, unknown>>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post('/graphql', {
    data: { query, variables },
    headers: { 'x-requested-with': 'covered', 'content-type': 'application/json' },
  })
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] }
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '))
  return body.data!
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(150)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true })
}

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true })
  product = await startProduct()
  browser = await launchBrowser()
  const { context, page } = await newPage(browser, product.url)
  await page.goto('/admin/login')
  await signIn(page, DEMO.admin)
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
  const found = await gql<any>(context.request, `{ customers(first: 5, search: "alex@acme.example") { edges { node { id contacts { id email } } } } }`)
  const acme = found.customers.edges[0].node
  const alex = acme.contacts.find((c: any) => c.email === DEMO.contact)
  const opened = await gql<any>(context.request, `mutation($input: OpenTicketInput!) { openTicket(input: $input) { ... on MutationOpenTicketSuccess { ticket { id } } } }`, {
    input: { requesterId: alex.id, subject: 'Campaign tracking for the spring launch', category: 'SERVER_LOG_FILES', body: 'Please help us set it up.' },
  })
  const modules = await gql<any>(context.request, '{ trainingModules { id name } }')
  const lines = [
    { kind: 'HOURS', quantity: '6.5', description: 'Set up campaign and revenue tracking on the shop and the blog, and check the first week of data with your team' },
    { kind: 'TRAINING_MODULE', quantity: '2', trainingModuleId: modules.trainingModules.find((m: any) => m.name === 'Labels in depth').id },
    { kind: 'TRAINING_MODULE', quantity: '1', trainingModuleId: modules.trainingModules.find((m: any) => m.name === 'Analyst fundamentals').id },
    { kind: 'DAILY_DEMO', quantity: '1' },
    { kind: 'OTHER', quantity: '1', description: 'Travel to your office (one day on site)', unitPrice: '320.00' },
  ]
  const created = await gql<any>(context.request, `mutation($c: ID!, $t: ID, $lines: [QuoteLineInput!]!) { createQuote(customerId: $c, ticketId: $t, lines: $lines) { ... on MutationCreateQuoteSuccess { quote { id number } } } }`, {
    c: acme.id,
    t: opened.openTicket.ticket.id,
    lines,
  })
  quote = created.createQuote.quote
  await gql(context.request, `mutation($q: ID!) { sendQuote(quoteId: $q) { __typename } }`, { q: quote.id })

  // A second quote on the same ticket, accepted by Alex, with time delivered against it (for the pipeline).
  const accepted = await gql<any>(context.request, `mutation($c: ID!, $t: ID) { createQuote(customerId: $c, ticketId: $t, lines: [{ kind: HOURS, quantity: "2" }]) { ... on MutationCreateQuoteSuccess { quote { id } } } }`, {
    c: acme.id,
    t: opened.openTicket.ticket.id,
  })
  await gql(context.request, `mutation($q: ID!) { sendQuote(quoteId: $q) { __typename } }`, { q: accepted.createQuote.quote.id })
  const alexSession = await newPage(browser, product.url)
  await alexSession.page.goto('/portal/login')
  await signIn(alexSession.page, DEMO.contact)
  await alexSession.page.getByRole('heading', { name: 'Acme Analytics' }).waitFor()
  await gql(alexSession.context.request, `mutation($q: ID!) { acceptQuote(quoteId: $q) { __typename } }`, { q: accepted.createQuote.quote.id })
  await alexSession.context.close()
  await gql(context.request, `mutation($t: ID!) { logTime(ticketId: $t, minutes: 100, note: "Set up the tracking") { __typename } }`, { t: opened.openTicket.ticket.id })
  await context.close()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

for (const [size, viewport] of Object.entries(SIZES)) {
  it(`admin: quote page, printable quote, rate card, pipeline (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/admin/login')
    await signIn(page, DEMO.admin)
    await page.waitForURL((url) => !url.pathname.endsWith('/login'))

    await page.goto(`/admin/quotes/${quote.id}`)
    await page.getByTestId('print-link').waitFor()
    await shot(page, `admin-quote-${size}`)
    await page.getByTestId('print-link').click()
    await page.getByTestId('quote-document').waitFor()
    await shot(page, `admin-quote-print-screen-${size}`)
    await page.emulateMedia({ media: 'print' })
    await shot(page, `admin-quote-print-media-${size}`)
    if (size === 'laptop') await page.pdf({ path: path.join(OUT, 'admin-quote.pdf'), format: 'A4' })
    await page.emulateMedia({ media: 'screen' })

    await page.goto('/admin/quotes/rate-card')
    await page.getByTestId('hourly-rate').first().waitFor()
    await shot(page, `admin-rate-card-${size}`)
    await page.getByLabel('New hourly rate (USD)').fill('-5')
    await page.getByRole('button', { name: 'Save USD rate' }).click()
    await page.locator('.cv-field__error').first().waitFor()
    await page.getByRole('button', { name: /Change prices of Labels in depth/ }).click()
    await page.getByLabel('Price in GBP').fill('12.345')
    await page.getByRole('button', { name: 'Save prices' }).click()
    await page.getByTestId('module-prices').filter({ hasText: 'Labels in depth' }).locator('.cv-field__error').waitFor()
    await shot(page, `admin-rate-card-errors-${size}`)
    await page.getByLabel('New hourly rate (USD)').fill('165')
    await page.getByRole('button', { name: 'Save USD rate' }).click()
    await page.getByTestId('rate-saved').waitFor()
    await shot(page, `admin-rate-card-saved-${size}`)
    await page.getByLabel('New hourly rate (USD)').fill('150')
    await page.getByRole('button', { name: 'Save USD rate' }).click()
    await page.getByTestId('rate-saved').waitFor()

    await page.goto('/admin/quotes')
    await page.getByTestId('pipeline-tile').first().waitFor()
    await page.getByTestId('pipeline-coverage').getByText('Quotes created').waitFor()
    await shot(page, `admin-pipeline-${size}`)
    await context.close()
  })

  it(`engineer: read-only rate card (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/admin/login')
    await signIn(page, DEMO.engineer)
    await page.waitForURL((url) => !url.pathname.endsWith('/login'))
    await page.goto('/admin/quotes/rate-card')
    await page.getByTestId('read-only-notice').waitFor()
    await shot(page, `admin-rate-card-engineer-${size}`)
    await context.close()
  })

  it(`portal: printable quote and a quote that is not theirs (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/portal/login')
    await signIn(page, DEMO.contact)
    await page.getByRole('heading', { name: 'Acme Analytics' }).waitFor()
    await page.goto(`/portal/quotes/${quote.id}`)
    await page.getByTestId('print-link').waitFor()
    await shot(page, `portal-quote-${size}`)
    await page.getByTestId('print-link').click()
    await page.getByTestId('quote-document').waitFor()
    await shot(page, `portal-quote-print-screen-${size}`)
    await page.emulateMedia({ media: 'print' })
    await shot(page, `portal-quote-print-media-${size}`)
    if (size === 'laptop') await page.pdf({ path: path.join(OUT, 'portal-quote.pdf'), format: 'Letter' })
    await page.emulateMedia({ media: 'screen' })
    await page.goto('/portal/quotes/UXVvdGU6MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAx/print')
    await page.getByText('There is no such quote').waitFor()
    await shot(page, `portal-quote-print-missing-${size}`)
    await context.close()
  })
}
