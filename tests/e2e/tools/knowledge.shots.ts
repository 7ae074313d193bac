import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { DEMO, launchBrowser, newPage, PHONE, signIn } from '../harness/browser'
import { startProduct, type Product } from '../harness/product'

// Screenshots of the knowledge base, newsletter, releases and downloads screens (issue 7), for a person to look at.
// Not part of `pnpm test`:
//   SHOTS=knowledge.shots.ts SHOTS_DIR=/tmp/shots/knowledge pnpm exec vitest run -c tests/e2e/tools/shots.config.ts
const OUT = process.env.SHOTS_DIR ?? '/tmp/shots/knowledge'
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

async function shot(page: Page, name: string) {
  await page.waitForTimeout(200)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true })
}

/** Answers one GraphQL operation by name; everything else goes to the product. */
async function stub(page: Page, operation: string, answer: (route: Route) => Promise<void> | void) {
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string; query?: string } | null
    const name = body?.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1]
    return name === operation ? answer(route) : route.fallback()
  })
}
const json = (route: Route, body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) })
const pending = () => new Promise<void>(() => {})
const failed = (route: Route) => json(route, { errors: [{ message: 'Unexpected error.' }] })

async function signedIn(app: 'admin' | 'portal', email: string, viewport: { width: number; height: number }) {
  const opened = await newPage(browser, product.url, viewport)
  await opened.page.goto(`/${app}/login`)
  await signIn(opened.page, email)
  await opened.page.waitForURL((url) => !url.pathname.endsWith('/login'))
  return opened
}

for (const [size, viewport] of Object.entries(sizes)) {
  it(`admin knowledge, newsletter and releases (${size})`, async () => {
    const { context, page } = await signedIn('admin', DEMO.admin, viewport)
    await page.goto('/admin/knowledge')
    await page.getByTestId('article-row').first().waitFor()
    await shot(page, `admin-knowledge-${size}`)
    await page.getByLabel('Search articles').fill('zzqx')
    await page.getByText('No articles match').waitFor()
    await shot(page, `admin-knowledge-no-match-${size}`)

    for (const [name, answer] of [
      ['loading', () => pending()],
      ['error', failed],
      ['empty', (route: Route) => json(route, { data: { articles: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } })],
    ] as const) {
      await stub(page, 'AdminArticles', answer)
      await page.goto('/admin/knowledge')
      await page.locator('.cv-state').waitFor()
      await shot(page, `admin-knowledge-${name}-${size}`)
      await page.unrouteAll({ behavior: 'ignoreErrors' })
    }

    await page.goto('/admin/knowledge/articles/new')
    await page.getByTestId('article-form').waitFor()
    await shot(page, `admin-article-new-${size}`)
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByTestId('form-problem').waitFor()
    await shot(page, `admin-article-new-required-${size}`)
    await page.getByLabel('Title', { exact: true }).fill('Filtering bots from reports')
    await page.getByLabel('Who may read it').selectOption('CUSTOMERS')
    await page.getByLabel('Tags').fill('reports, bots')
    await page
      .getByLabel('Text', { exact: true })
      .fill('## Why bots\n\nCrawlers inflate **visits**.\n\n1. Open *Settings*.\n2. Turn on `bot filter`.\n\n<script>alert(1)</script>[unsafe](javascript:alert(1))')
    await page.getByTestId('preview-body').locator('h2').waitFor()
    await shot(page, `admin-article-new-preview-${size}`)
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByTestId('article-message').waitFor()
    await page.getByLabel('Text', { exact: true }).fill('## Why bots\n\nCrawlers inflate **visits** and page views.')
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByText('Draft saved.').waitFor()
    await page.getByTestId('revision').nth(1).waitFor()
    await page.getByTestId('revision').nth(1).getByText('Show this version’s text').click()
    await shot(page, `admin-article-draft-${size}`)

    await page.goto('/admin/knowledge/newsletter')
    await page.getByTestId('issue-row').first().waitFor()
    await shot(page, `admin-newsletter-${size}`)
    await page.getByTestId('issue-row').first().getByRole('link').click()
    await page.getByTestId('issue-form').waitFor()
    await shot(page, `admin-newsletter-issue-${size}`)
    await page.goto('/admin/knowledge/newsletter/new')
    await page.getByTestId('issue-form').waitFor()
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByTestId('form-problem').waitFor()
    await shot(page, `admin-newsletter-new-${size}`)

    await page.goto('/admin/releases')
    await page.getByTestId('release-row').first().waitFor()
    await shot(page, `admin-releases-${size}`)
    await page.getByRole('button', { name: 'New release' }).click()
    await page.getByTestId('release-form').getByLabel('Version').fill('9.0.1')
    await page.getByTestId('release-form').getByLabel('Release notes').fill('- Faster **exports**')
    await page.getByRole('button', { name: 'Add release' }).click()
    await page.getByTestId('form-problem').waitFor()
    await shot(page, `admin-release-new-taken-${size}`)
    await context.close()
  })

  it(`portal knowledge, newsletter, downloads and suggestions (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/portal/knowledge')
    await page.getByTestId('article-item').first().waitFor()
    await shot(page, `portal-knowledge-visitor-${size}`)
    await page.getByLabel('Search the knowledge base').fill('report totals')
    await page.getByTestId('search-hit').first().waitFor()
    await shot(page, `portal-search-${size}`)
    await page.getByTestId('search-hit').first().getByRole('link').click()
    await page.getByTestId('article').waitFor()
    await shot(page, `portal-article-${size}`)
    await page.goto('/portal/knowledge/articles/setting-up-basic-labels')
    await page.getByTestId('article-missing').waitFor()
    await shot(page, `portal-article-for-customers-${size}`)
    await page.goto(`/portal/knowledge?q=${encodeURIComponent('"unclosed & | !( zzqx')}`)
    await page.getByTestId('no-matches').waitFor()
    await shot(page, `portal-search-nothing-${size}`)
    for (const [name, answer] of [
      ['loading', () => pending()],
      ['error', failed],
    ] as const) {
      await stub(page, 'PortalSearchKnowledge', answer)
      await page.goto('/portal/knowledge?q=labels')
      await page.locator('.cv-state').waitFor()
      await shot(page, `portal-search-${name}-${size}`)
      await page.unrouteAll({ behavior: 'ignoreErrors' })
    }
    await page.goto('/portal/newsletter')
    await page.getByTestId('newsletter-issue').first().waitFor()
    await shot(page, `portal-newsletter-${size}`)
    await page.getByTestId('newsletter-issue').first().getByRole('link').click()
    await page.getByTestId('newsletter').waitFor()
    await shot(page, `portal-newsletter-issue-${size}`)
    await context.close()

    for (const [who, email] of [
      ['active', DEMO.contact],
      ['lapsed', 'priya@brightwater.example'],
    ] as const) {
      const contact = await signedIn('portal', email, viewport)
      await contact.page.goto('/portal/downloads')
      await contact.page.getByTestId('download').first().waitFor()
      await shot(contact.page, `portal-downloads-${who}-${size}`)
      if (who === 'active') {
        await contact.page.goto('/portal/knowledge')
        await contact.page.getByTestId('article-item').first().waitFor()
        await shot(contact.page, `portal-knowledge-contact-${size}`)
        await contact.page.goto('/portal/tickets/new')
        await contact.page.getByLabel('Subject', { exact: true }).pressSequentially('Report totals differ', { delay: 30 })
        await contact.page.getByTestId('article-suggestions').waitFor()
        await shot(contact.page, `portal-new-ticket-suggestions-${size}`)
      }
      await contact.context.close()
    }
  })
}
