import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, describedError, launchBrowser, newPage, PHONE, signIn } from './harness/browser'
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

describe('admin', () => {
  it('signs the admin in, creates a customer and lists it', async () => {
    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/admin/')
      await page.waitForURL('**/admin/login**')
      await signIn(page, DEMO.admin)

      await page.waitForURL('**/admin/customers')
      await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor()
      const who = page.getByTestId('signed-in-user')
      expect(await who.innerText()).toMatch(/Admin/)

      await page.getByRole('link', { name: 'New customer' }).click()
      await page.waitForURL('**/admin/customers/new')

      // An empty name is refused, with the message beside the field.
      const name = page.getByLabel('Name')
      await page.getByRole('button', { name: 'Create customer' }).click()
      await expect.poll(() => describedError(page, name)).toBe('Enter the organisation’s name.')
      expect(await name.getAttribute('aria-invalid')).toBe('true')

      // A name the API refuses: its field error lands beside the field too.
      await name.fill('N'.repeat(201))
      await page.getByLabel('Home desk').selectOption({ label: 'UK (08:00–17:00 London)' })
      await page.getByRole('button', { name: 'Create customer' }).click()
      await expect.poll(() => describedError(page, name)).toBe('Use at most 200 characters for the name.')

      const stamp = String(Date.now())
      const customerName = `Harbour Lights ${stamp}`
      await name.fill(customerName)
      expect(await page.getByLabel('Billing currency').inputValue()).toBe('GBP')
      await page.getByRole('button', { name: 'Create customer' }).click()

      await page.waitForURL('**/admin/customers')
      await page.getByText(`${customerName} was added.`).waitFor()
      const row = page.getByTestId('customer-row').filter({ hasText: customerName })
      await row.waitFor()
      expect(await row.innerText()).toMatch(/UK/)
      expect(await row.innerText()).toMatch(/GBP/)
      expect(await row.innerText()).toMatch(/Prospect/)

      // Search narrows the list (by name or a contact's email); a search that matches nothing says so.
      const search = page.getByLabel('Search customers')
      await search.fill(stamp)
      await expect.poll(() => page.getByTestId('customer-row').allInnerTexts()).toEqual([expect.stringContaining(customerName)])
      await search.fill('olivia@northwind')
      await expect
        .poll(() => page.getByTestId('customer-row').allInnerTexts())
        .toEqual([expect.stringContaining('Northwind Traders Ltd')])
      await search.fill('no-such-customer')
      await page.getByText('No customers match ‘no-such-customer’').waitFor()
    } finally {
      await context.close()
    }
  })

  it('shows a clear message for a wrong password', async () => {
    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/admin/login')
      await signIn(page, DEMO.engineer, 'not-the-password')
      const alert = page.getByTestId('login-error')
      await alert.waitFor()
      expect(await alert.innerText()).toContain('do not match')
      expect(page.url()).toContain('/admin/login')
    } finally {
      await context.close()
    }
  })

  it('sends a signed-out visitor to sign in and back, and signs out again', async () => {
    const { context, page } = await newPage(browser, product.url, PHONE)
    try {
      await page.goto('/admin/customers/new')
      await page.waitForURL('**/admin/login?redirect=**')
      await signIn(page, DEMO.engineer)
      await page.waitForURL('**/admin/customers/new')
      await page.getByRole('heading', { name: 'New customer' }).waitFor()

      await page.getByRole('button', { name: /Sign out/ }).click()
      await page.waitForURL('**/admin/login')
      await page.goto('/admin/customers')
      await page.waitForURL('**/admin/login?redirect=**')
    } finally {
      await context.close()
    }
  })
})
