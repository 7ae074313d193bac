import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { DEMO, launchBrowser, newPage, PHONE, signIn } from '../harness/browser'
import { startProduct, type Product } from '../harness/product'

// The screens built from packages/ui's shared pieces (password pages, paged-list footers, labelled fields,
// publication buttons):  SHOTS=shared-ui.shots.ts pnpm exec vitest run -c tests/e2e/tools/shots.config.ts
const OUT = process.env.SHOTS_DIR ?? '/tmp/shots'
const LAPTOP = { width: 1366, height: 850 }
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

/** Makes the first page of `operation`'s connection say there is another, so the list shows its footer. */
async function morePages(page: Page, operation: string, field: string) {
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string; variables?: { after?: string } } | null
    if (body?.operationName !== operation) return route.fallback()
    const response = await route.fetch()
    const json = (await response.json()) as { data?: Record<string, { pageInfo: { hasNextPage: boolean; endCursor: string | null } }> }
    const connection = json.data?.[field]
    if (connection && !body.variables?.after) connection.pageInfo = { hasNextPage: true, endCursor: connection.pageInfo.endCursor ?? 'next' }
    else if (body.variables?.after) return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'Unexpected error.' }] }) })
    return route.fulfill({ response, json })
  })
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(150)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true })
}

for (const [size, viewport] of Object.entries({ laptop: LAPTOP, phone: PHONE })) {
  it(`shared pages and pieces (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/admin/forgot-password')
    await page.getByLabel('Email address').waitFor()
    await shot(page, `shared-admin-forgot-password-${size}`)
    await page.goto('/portal/set-password?token=not-a-real-link')
    await page.getByTestId('invalid-link').waitFor()
    await shot(page, `shared-portal-set-password-invalid-${size}`)

    await page.goto('/portal/knowledge')
    await page.getByRole('heading', { level: 1 }).first().waitFor()
    await page.waitForLoadState('networkidle')
    await shot(page, `shared-portal-knowledge-${size}`)
    await morePages(page, 'PortalArticles', 'articles')
    await page.goto('/portal/knowledge')
    await page.getByRole('button', { name: 'More articles' }).click()
    await page.getByText('Something went wrong on our side').waitFor()
    await shot(page, `shared-portal-knowledge-more-failed-${size}`)
    await page.unrouteAll()
    await page.goto('/portal/newsletter')
    await page.waitForLoadState('networkidle')
    await shot(page, `shared-portal-newsletter-${size}`)

    await page.goto('/admin/login')
    await signIn(page, DEMO.admin)
    await page.waitForURL('**/admin/customers')
    await page.getByTestId('customer-row').first().waitFor()
    await shot(page, `shared-admin-customers-${size}`)
    await page.goto('/admin/knowledge/articles/new')
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByText('Check the fields marked below.').waitFor()
    await shot(page, `shared-admin-article-checks-${size}`)
    await page.goto('/admin/releases')
    await page.waitForLoadState('networkidle')
    await shot(page, `shared-admin-releases-${size}`)
    await context.close()
  })
}
