import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, launchBrowser, newPage, PHONE, signIn } from './harness/browser'
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

describe('portal', () => {
  it('signs the demo contact in and shows their organisation', async () => {
    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/portal/')
      await page.waitForURL('**/portal/login**')
      await signIn(page, DEMO.contact)

      await page.getByRole('heading', { name: 'Acme Analytics', level: 1 }).waitFor()
      expect(new URL(page.url()).pathname).toBe('/portal/')
      const organisation = await page.getByTestId('organisation').innerText()
      expect(organisation).toContain('Acme Analytics')
      expect(organisation).toMatch(/Support hours: Monday–Friday/)
      const contact = await page.getByTestId('contact').innerText()
      expect(contact).toContain(DEMO.contact)

      // Still signed in after a reload (the session cookie).
      await page.reload()
      await page.getByRole('heading', { name: 'Acme Analytics', level: 1 }).waitFor()
    } finally {
      await context.close()
    }
  })

  it('shows a clear message for a wrong password', async () => {
    const { context, page } = await newPage(browser, product.url, PHONE)
    try {
      await page.goto('/portal/login')
      await signIn(page, DEMO.contact, 'wrong-password')
      const alert = page.getByTestId('login-error')
      await alert.waitFor()
      expect(await alert.innerText()).toContain('do not match')
      expect(page.url()).toContain('/portal/login')
    } finally {
      await context.close()
    }
  })

  it('tells staff that the portal is for customer contacts', async () => {
    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/portal/login')
      await signIn(page, DEMO.engineer)
      const notice = page.getByTestId('staff-notice')
      await notice.waitFor()
      expect(await notice.innerText()).toContain('This portal is for customer contacts')
    } finally {
      await context.close()
    }
  })
})
