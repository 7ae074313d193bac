import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, launchBrowser, newPage, PHONE, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

let product: Product
let browser: Browser

beforeAll(async () => {
  // PostgreSQL, so the test can read the invitation from the email outbox.
  product = await startProduct({ database: 'postgres' })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

describe('contracts and key contacts', () => {
  it('the admin sets up a customer with a maintenance contract and a key contact, who then sees it in the portal', async () => {
    const stamp = Date.now().toString(36)
    const customerName = `Harbour Lights ${stamp}`
    const contactName = 'Morgan Lee'
    const contactEmail = `morgan.${stamp}@harbour.example`
    const password = 'harbour-lights-first'

    // --- Admin: a customer, a license, a maintenance contract, a contact named as key contact.
    const admin = await newPage(browser, product.url)
    let term: string
    try {
      const { page } = admin
      await page.goto('/admin/customers/new')
      await page.waitForURL('**/admin/login**')
      await signIn(page, DEMO.admin)
      await page.waitForURL('**/admin/customers/new')
      await page.getByLabel('Name').fill(customerName)
      await page.getByLabel('Home desk').selectOption('UK')
      await page.getByRole('button', { name: 'Create customer' }).click()
      await page.getByText(`${customerName} was added.`).waitFor()
      await page.getByRole('link', { name: customerName }).click()
      await page.getByRole('heading', { name: customerName, level: 1 }).waitFor()
      expect(await page.getByTestId('customer-status').innerText()).toBe('Prospect')

      // License.
      await page.getByRole('button', { name: 'Add license' }).click()
      const licenseForm = page.getByTestId('license-form')
      await licenseForm.getByLabel('Edition').selectOption({ label: 'Pro' })
      await licenseForm.getByRole('textbox', { name: /Price paid/ }).fill('3950.00')
      await licenseForm.getByRole('button', { name: 'Add license' }).click()
      await page.getByText('Pro license recorded.').waitFor()
      const licenseRow = page.getByTestId('license-row')
      await expect.poll(() => licenseRow.innerText()).toContain('£3,950.00')
      await expect.poll(() => page.getByTestId('customer-status').innerText()).toBe('Customer')

      // Maintenance contract on that license, from today at the customer's desk; 20% of the price.
      await page.getByRole('button', { name: 'New contract' }).click()
      const contractForm = page.getByTestId('contract-form')
      expect(await contractForm.getByTestId('fee-preview').innerText()).toContain('£790.00 a year (20% of £3,950.00)')
      await contractForm.getByRole('button', { name: 'Create contract' }).click()
      const contract = page.getByTestId('contract')
      await contract.waitFor()
      expect(await contract.getByRole('heading', { level: 3 }).innerText()).toContain('Maintenance')
      expect(await contract.getByTestId('contract-status').innerText()).toBe('Active')
      expect(await contract.innerText()).toContain('£790.00')
      term = (await contract.getByTestId('contract-term').innerText()).split('·')[0]!.trim()
      expect(term).toMatch(/^\d{1,2} \w{3} \d{4} – \d{1,2} \w{3} \d{4}$/)
      expect(await contract.getByTestId('key-contact-cap').innerText()).toBe('0 of 3 key contacts named')

      // A contact invited to the portal: they are emailed a link to choose their own password.
      await page.getByRole('button', { name: 'Add contact' }).click()
      const contactForm = page.getByTestId('contact-form')
      await contactForm.getByLabel('Name').fill(contactName)
      await contactForm.getByLabel('Email').fill(contactEmail)
      await contactForm.getByLabel('Invite to the portal').check()
      await contactForm.getByRole('button', { name: 'Add contact' }).click()
      await page.getByText(`${contactName} was added and invited to the portal`).waitFor()
      const contactRow = page.getByTestId('contact-row').filter({ hasText: contactEmail })
      await expect.poll(() => contactRow.getByTestId('entitlement-plan').innerText()).toBe('Not entitled')

      // Named as a key contact, with a reason.
      const keyContacts = contract.getByTestId('key-contacts')
      await keyContacts.getByRole('button', { name: 'Name a key contact' }).click()
      await keyContacts.getByLabel('Contact').selectOption({ label: `${contactName} (${contactEmail})` })
      await keyContacts.getByLabel('Reason').fill('Named on the kick-off call.')
      await keyContacts.getByRole('button', { name: 'Name key contact' }).click()
      await page.getByText(`${contactName} is now a key contact.`).waitFor()
      await expect.poll(() => keyContacts.getByTestId('key-contact-cap').innerText()).toBe('1 of 3 key contacts named')
      expect(await keyContacts.getByTestId('key-contact').innerText()).toContain(contactName)
      await expect.poll(() => contactRow.getByTestId('entitlement-plan').innerText()).toBe('Standard')

      // The audit trail says who did it and why.
      const latest = page.getByTestId('audit-entry').first()
      await expect.poll(() => latest.innerText()).toContain('Key contact named')
      expect(await latest.innerText()).toContain('Reason: Named on the kick-off call.')
    } finally {
      await admin.context.close()
    }

    // --- Portal: the contact follows the invitation's link, chooses a password, signs in and sees the contract,
    // and that they are a key contact on Standard.
    const [invitation] = await product.query<{ text_body: string }>(
      `SELECT text_body FROM email_messages WHERE to_address = $1 AND kind = 'CONTACT_INVITE'`,
      [contactEmail],
    )
    const link = /http:\/\/\S+\/portal\/set-password\?token=[\w-]+/.exec(invitation!.text_body)![0]
    const portal = await newPage(browser, product.url, PHONE)
    try {
      const { page } = portal
      await page.goto(link)
      await page.getByRole('heading', { name: 'Choose your password' }).waitFor()
      await page.getByLabel('New password').fill(password)
      await page.getByLabel('Type it again').fill(password)
      await page.getByRole('button', { name: 'Set my password' }).click()
      await page.getByRole('heading', { name: 'Your password is set' }).waitFor()
      await page.getByRole('link', { name: 'Sign in' }).click()
      await page.waitForURL('**/portal/login**')
      await signIn(page, contactEmail, password)
      await page.getByRole('heading', { name: customerName, level: 1 }).waitFor()
      await page.getByRole('link', { name: 'See contracts and your support' }).click()
      await page.waitForURL('**/portal/contracts')

      const contract = page.getByTestId('contract')
      await contract.waitFor()
      expect(await contract.count()).toBe(1)
      expect(await contract.getByRole('heading', { level: 3 }).innerText()).toContain('Maintenance')
      expect(await contract.getByTestId('contract-status').innerText()).toBe('Active')
      expect(await contract.getByTestId('contract-term').innerText()).toContain(term)
      expect(await contract.getByTestId('you-are-key-contact').innerText()).toBe('You are a key contact')
      expect(await contract.getByTestId('key-contact').innerText()).toContain(`${contactName} (you)`)
      // Not a customer admin: the key contacts are read-only.
      expect(await contract.getByTestId('key-contacts').getByRole('button').count()).toBe(0)

      const mine = page.getByTestId('my-support')
      expect(await mine.getByTestId('entitlement-plan').innerText()).toBe('Standard')
      expect(await mine.getByTestId('my-key-contact').innerText()).toBe('You are a key contact on: Maintenance.')
      expect(await mine.getByTestId('entitlement-reasons').innerText()).toMatch(/key contact/i)
    } finally {
      await portal.context.close()
    }
  })
})
