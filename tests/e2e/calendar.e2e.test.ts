import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, LAPTOP, launchBrowser, newPage, PHONE, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

// The SLA calendar (issue 4): the admin calendar screen and the portal's public help page, in the built product.
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

const names = (items: Locator) => items.locator('.holiday-list__name').allInnerTexts()

/** "Fri 27 Nov, 02:00" for an instant in a zone, worked out here with Intl, independently of the page. */
function expected(instant: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  )
  return `${parts.weekday} ${parts.day} ${parts.month}, ${parts.hour}:${parts.minute}`
}

describe('admin calendar', () => {
  it('an admin adds a holiday on the UK desk and sees it listed', async () => {
    const { context, page } = await newPage(browser, product.url, LAPTOP)
    try {
      await page.goto('/admin/login')
      await signIn(page, DEMO.admin)
      await page.waitForURL('**/admin/customers')
      const nav = page.getByRole('navigation', { name: 'Main' })
      await nav.getByRole('button', { name: 'More' }).click()
      await nav.getByRole('link', { name: 'Desk calendar' }).click()
      await page.waitForURL('**/admin/calendar')

      const uk = page.getByRole('region', { name: 'UK desk' })
      await uk.getByTestId('holiday').first().waitFor()
      expect(await uk.getByLabel('Year', { exact: true }).inputValue()).toBe('2026')
      expect(await names(uk.getByTestId('holiday'))).not.toContain('Christmas Eve (office closed)')

      await uk.getByLabel(/^Date/).fill('2026-12-24')
      await uk.getByLabel(/^Name/).fill('Christmas Eve (office closed)')
      await uk.getByRole('button', { name: 'Add holiday' }).click()

      await expect.poll(() => names(uk.getByTestId('holiday'))).toContain('Christmas Eve (office closed)')
      expect(await uk.getByTestId('holiday-message').innerText()).toContain('Added Christmas Eve (office closed) on Thu 24 Dec 2026.')
      const added = uk.getByTestId('holiday').filter({ hasText: 'Christmas Eve (office closed)' })
      expect(await added.locator('time').getAttribute('datetime')).toBe('2026-12-24')
      // In date order, between the bank holidays around it.
      const list = await names(uk.getByTestId('holiday'))
      expect(list.indexOf('Christmas Eve (office closed)')).toBe(list.indexOf('Christmas Day') - 1)

      // Kept: after a reload it is still there, on the UK desk only.
      await page.reload()
      await uk.getByTestId('holiday').first().waitFor()
      expect(await names(uk.getByTestId('holiday'))).toContain('Christmas Eve (office closed)')
      const pacific = page.getByRole('region', { name: 'Pacific desk' })
      expect(await names(pacific.getByTestId('holiday'))).not.toContain('Christmas Eve (office closed)')

      // The week of 21 December shows the UK desk closed that day.
      await page.getByLabel('Go to the week of').fill('2026-12-24')
      await expect.poll(() => page.getByTestId('week-UK').innerText()).toContain('Closed Thu 24 Dec: Christmas Eve (office closed)')
    } finally {
      await context.close()
    }
  })

  it('an engineer sees the calendar without the edit controls', async () => {
    const { context, page } = await newPage(browser, product.url, PHONE)
    try {
      await page.goto('/admin/login')
      await signIn(page, DEMO.engineer)
      await page.waitForURL('**/admin/customers')
      await page.goto('/admin/calendar')
      const uk = page.getByRole('region', { name: 'UK desk' })
      await uk.getByTestId('holiday').first().waitFor()
      await page.getByTestId('week-BOTH').getByTestId('stretch').first().waitFor()

      expect(await page.getByRole('button', { name: 'Edit hours' }).count()).toBe(0)
      expect(await page.getByRole('button', { name: 'Add holiday' }).count()).toBe(0)
      expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0)
      expect(await page.getByText('Only admins can change them.').count()).toBe(1)
    } finally {
      await context.close()
    }
  })
})

describe('portal help page', () => {
  it('a signed-out visitor opens /portal/help and sees "answered by" times for both plans', async () => {
    const timeZone = 'Asia/Tokyo'
    const context = await browser.newContext({ baseURL: product.url, viewport: PHONE, locale: 'en-GB', timezoneId: timeZone })
    context.setDefaultTimeout(15_000)
    const page = await context.newPage()
    try {
      // From the sign-in page, without signing in.
      await page.goto('/portal/login')
      await page.getByRole('link', { name: 'Support hours and response times' }).click()
      await page.waitForURL('**/portal/help')
      await page.getByRole('heading', { name: 'Sent now, answered by …' }).waitFor()
      await page.getByTestId('first-response').first().waitFor()

      expect(await page.getByTestId('time-zone').innerText()).toContain('Asia/Tokyo')
      const standard = page.getByTestId('plan-STANDARD')
      const premium = page.getByTestId('plan-PREMIUM')
      expect(await standard.getByTestId('first-response').count()).toBe(2) // Pacific and UK home desks
      expect(await premium.getByTestId('first-response').count()).toBeGreaterThanOrEqual(1)
      expect(await premium.innerText()).toContain('Guarantee')

      // Each time is the API's UTC instant, shown in the visitor's zone.
      for (const plan of [standard, premium]) {
        for (const cell of await plan.locator('[data-testid="first-response"], [data-testid="resolution"]').all()) {
          const instant = await cell.locator('time').getAttribute('datetime')
          expect(instant).toMatch(/Z$/)
          expect(await cell.locator('time').innerText()).toBe(expected(instant!, timeZone))
        }
      }
      // Still signed out: the page offers to sign in.
      expect(await page.getByRole('main').getByRole('link', { name: 'Sign in' }).count()).toBe(1)
    } finally {
      await context.close()
    }
  })
})
