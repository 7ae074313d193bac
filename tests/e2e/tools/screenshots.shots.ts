import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { DEMO, launchBrowser, LAPTOP, newPage, PHONE, signIn } from '../harness/browser'
import { startProduct, type Product } from '../harness/product'

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots'
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

const sizes = { laptop: LAPTOP, phone: PHONE } as const

async function shot(page: Page, name: string) {
  await page.waitForTimeout(150)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true })
}

/** Answers one GraphQL operation by name from the test; everything else goes to the product. */
async function stubOperation(page: Page, operation: string, answer: (route: Route) => Promise<void> | void) {
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string; query?: string } | null
    const name = body?.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1]
    if (name === operation) return answer(route)
    return route.fallback()
  })
}
const json = (route: Route, body: unknown) =>
  route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) })
const pending = () => new Promise<void>(() => {})

for (const [size, viewport] of Object.entries(sizes)) {
  it(`admin screens (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/admin/login')
    await page.getByLabel('Email address').waitFor()
    await shot(page, `admin-login-${size}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await shot(page, `admin-login-required-${size}`)
    await signIn(page, DEMO.engineer, 'wrong-password')
    await page.getByTestId('login-error').waitFor()
    await shot(page, `admin-login-wrong-password-${size}`)

    await page.getByLabel('Email address').fill('')
    await signIn(page, DEMO.admin)
    await page.waitForURL('**/admin/customers')
    await page.getByTestId('customer-row').first().waitFor()
    await shot(page, `admin-customers-${size}`)

    await page.getByLabel('Search customers').fill('zzz')
    await page.getByText('No customers match').waitFor()
    await shot(page, `admin-customers-no-match-${size}`)

    await page.getByRole('link', { name: 'New customer' }).click()
    await page.getByRole('heading', { name: 'New customer' }).waitFor()
    await shot(page, `admin-customer-new-${size}`)
    await page.getByRole('button', { name: 'Create customer' }).click()
    await shot(page, `admin-customer-new-required-${size}`)
    await page.getByLabel('Name').fill('N'.repeat(201))
    await page.getByLabel('Home desk').selectOption('PACIFIC')
    await page.getByRole('button', { name: 'Create customer' }).click()
    await page.getByTestId('form-error').waitFor()
    await shot(page, `admin-customer-new-server-error-${size}`)
    await page.getByLabel('Name').fill(`Harbour Lights (${size})`)
    await page.getByRole('button', { name: 'Create customer' }).click()
    await page.waitForURL('**/admin/customers')
    await page.getByText('was added').waitFor()
    await shot(page, `admin-customers-created-${size}`)

    // States the real data does not show: loading, empty, error.
    await stubOperation(page, 'Customers', () => pending())
    await page.reload()
    await page.getByText('Loading customers…').waitFor()
    await shot(page, `admin-customers-loading-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })

    await stubOperation(page, 'Customers', (route) =>
      json(route, { data: { customers: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } }),
    )
    await page.reload()
    await page.getByText('No customers yet').waitFor()
    await shot(page, `admin-customers-empty-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })

    await stubOperation(page, 'Customers', (route) => json(route, { errors: [{ message: 'Unexpected error.' }] }))
    await page.reload()
    await page.getByText('Customers could not be loaded').waitFor()
    await shot(page, `admin-customers-error-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })

    await stubOperation(page, 'AdminViewer', (route) => route.abort('connectionrefused'))
    await page.reload()
    await page.getByText('Covered is not answering').waitFor()
    await shot(page, `admin-unreachable-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })

    await page.goto('/admin/nowhere')
    await page.getByText('Page not found').waitFor()
    await shot(page, `admin-not-found-${size}`)

    // Keyboard: the skip link is the first stop.
    await page.goto('/admin/customers')
    await page.getByTestId('customer-row').first().waitFor()
    await page.keyboard.press('Tab')
    await shot(page, `admin-skip-link-focus-${size}`)
    await context.close()
  })

  it(`portal screens (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/portal/login')
    await page.getByLabel('Email address').waitFor()
    await shot(page, `portal-login-${size}`)
    await signIn(page, DEMO.contact, 'wrong-password')
    await page.getByTestId('login-error').waitFor()
    await shot(page, `portal-login-wrong-password-${size}`)
    await page.getByLabel('Email address').fill('')
    await signIn(page, DEMO.contact)
    await page.getByRole('heading', { name: 'Acme Analytics' }).waitFor()
    await shot(page, `portal-home-${size}`)

    await stubOperation(page, 'PortalOrganisation', () => pending())
    await page.reload()
    await page.getByText('Loading your organisation…').waitFor()
    await shot(page, `portal-home-loading-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await stubOperation(page, 'PortalOrganisation', (route) => json(route, { errors: [{ message: 'Unexpected error.' }] }))
    await page.reload()
    await page.getByText('Your organisation could not be loaded').waitFor()
    await shot(page, `portal-home-error-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await context.close()

    const staff = await newPage(browser, product.url, viewport)
    await staff.page.goto('/portal/login')
    await signIn(staff.page, DEMO.engineer)
    await staff.page.getByTestId('staff-notice').waitFor()
    await shot(staff.page, `portal-login-staff-${size}`)
    await staff.page.goto('/portal/')
    await staff.page.getByTestId('staff-notice').waitFor()
    await shot(staff.page, `portal-home-staff-${size}`)
    await staff.context.close()
  })
}
