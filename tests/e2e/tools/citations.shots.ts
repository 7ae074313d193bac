import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { DEMO, launchBrowser, newPage, PHONE, signIn } from '../harness/browser'
import { startProduct, type Product } from '../harness/product'

// Screenshots of citing articles in replies and of release downloads (issue 7), for a person to look at.
// Not part of `pnpm test`:
//   SHOTS=citations.shots.ts SHOTS_DIR=/tmp/shots/citations pnpm exec vitest run -c tests/e2e/tools/shots.config.ts
const OUT = process.env.SHOTS_DIR ?? '/tmp/shots/citations'
const sizes = { laptop: { width: 1366, height: 850 }, phone: PHONE } as const
let product: Product
let browser: Browser

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true })
  product = await startProduct()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForTimeout(200)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage })
}

async function stub(page: Page, operation: string, answer: (route: Route) => Promise<void> | void) {
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string; query?: string } | null
    const name = body?.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1]
    return name === operation ? answer(route) : route.fallback()
  })
}
const json = (route: Route, body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) })

async function signedIn(app: 'admin' | 'portal', email: string, viewport: { width: number; height: number }) {
  const opened = await newPage(browser, product.url, viewport)
  await opened.page.goto(`/${app}/login`)
  await signIn(opened.page, email)
  await opened.page.waitForURL((url) => !url.pathname.endsWith('/login'))
  return opened
}

async function gql<T>(context: BrowserContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await context.request.post('/graphql', { data: { query, variables }, headers: { 'x-requested-with': 'covered', 'content-type': 'application/json' } })
  return ((await response.json()) as { data: T }).data
}

for (const [size, viewport] of Object.entries(sizes)) {
  it(`citing an article in a reply (${size})`, async () => {
    const contact = await signedIn('portal', DEMO.contact, viewport)
    const opened = await gql<{ openTicket: { ticket: { id: string } } }>(
      contact.context,
      `mutation($input: OpenTicketInput!) { openTicket(input: $input) { ... on MutationOpenTicketSuccess { ticket { id } } } }`,
      { input: { subject: 'Monday’s visits changed overnight', body: 'The visits report said 1,310 yesterday and 1,204 today.', category: 'DATA_DISCREPANCY' } },
    )
    const id = encodeURIComponent(opened.openTicket.ticket.id)

    const { context, page } = await signedIn('admin', DEMO.engineer, viewport)
    await page.goto(`/admin/tickets/${id}`)
    const message = page.getByLabel('Your message')
    await message.fill('Totals for the last two days are provisional; the details are in')
    await page.getByRole('button', { name: 'Cite an article' }).click()
    await page.getByLabel('Find an article to cite').pressSequentially('report', { delay: 20 })
    await page.getByTestId('cite-result').first().waitFor()
    await page.locator('.ticket-composer').scrollIntoViewIfNeeded()
    await shot(page, `admin-cite-picker-${size}`)
    await page.locator('.ticket-composer').screenshot({ path: path.join(OUT, `admin-cite-picker-composer-${size}.png`) })

    // An internal article in a reply is refused before sending.
    await page.getByTestId('cite-result').filter({ hasText: 'Reprocessing log files' }).click()
    await page.getByRole('button', { name: 'Reply', exact: true }).click()
    await page.locator('.ticket-composer .cv-field__error').waitFor()
    await page.locator('.ticket-composer').screenshot({ path: path.join(OUT, `admin-cite-internal-refused-${size}.png`) })
    await page.getByRole('button', { name: 'Remove the link to Reprocessing log files after a CDN move' }).click()

    await page.getByRole('button', { name: 'Cite an article' }).click()
    await page.getByLabel('Find an article to cite').pressSequentially('report totals', { delay: 20 })
    await page.getByTestId('cite-result').first().waitFor()
    await page.getByLabel('Find an article to cite').press('Enter')
    await message.pressSequentially('. Reply here if Monday still differs tomorrow.', { delay: 2 })
    await page.locator('.ticket-composer').screenshot({ path: path.join(OUT, `admin-cite-chosen-${size}.png`) })
    await page.getByRole('button', { name: 'Reply', exact: true }).click()
    await page.getByTestId('cited-article').first().waitFor()
    await shot(page, `admin-ticket-cited-${size}`)
    await page.getByTestId('citations-panel').screenshot({ path: path.join(OUT, `admin-citations-panel-${size}.png`) })

    // The picker's loading, empty and error states.
    for (const [name, answer] of [
      ['loading', () => new Promise<void>(() => {})],
      ['empty', (route: Route) => json(route, { data: { suggestArticles: [] } })],
      ['error', (route: Route) => json(route, { errors: [{ message: 'Unexpected error.' }] })],
    ] as const) {
      await stub(page, 'CitableArticles', answer)
      await page.getByRole('button', { name: 'Cite an article' }).click()
      await page.getByLabel('Find an article to cite').fill(`zz ${name}`)
      await page.waitForTimeout(600)
      await page.getByTestId('cite-picker').screenshot({ path: path.join(OUT, `admin-cite-picker-${name}-${size}.png`) })
      await page.getByLabel('Find an article to cite').press('Escape')
      await page.unrouteAll({ behavior: 'ignoreErrors' })
    }
    await context.close()

    await contact.page.goto(`/portal/tickets/${id}`)
    await contact.page.getByTestId('message').filter({ hasText: 'provisional' }).waitFor()
    await shot(contact.page, `portal-ticket-cited-${size}`)
    await contact.context.close()
  })

  it(`downloads and releases (${size})`, async () => {
    const alex = await signedIn('portal', DEMO.contact, viewport)
    await alex.page.goto('/portal/downloads')
    await alex.page.getByTestId('download').first().waitFor()
    await shot(alex.page, `portal-downloads-${size}`)
    await alex.context.close()

    const priya = await signedIn('portal', 'priya@brightwater.example', viewport)
    await priya.page.goto('/portal/downloads')
    await priya.page.getByTestId('withheld').waitFor()
    await shot(priya.page, `portal-downloads-withheld-${size}`)
    await priya.context.close()

    const admin = await signedIn('admin', DEMO.admin, viewport)
    await admin.page.goto('/admin/releases')
    await admin.page.getByTestId('release-row').first().waitFor()
    await shot(admin.page, `admin-releases-${size}`)
    await admin.page.getByRole('button', { name: 'Edit 9.0.1' }).click()
    await admin.page.getByLabel('Download address').fill('http://downloads.covered.example/covered-9.0.1.zip')
    await admin.page.getByRole('button', { name: 'Save changes' }).click()
    await admin.page.getByText('Use a whole https:// address').waitFor()
    await admin.page.getByTestId('release-form').screenshot({ path: path.join(OUT, `admin-release-form-${size}.png`) })
    await admin.context.close()
  })
}
