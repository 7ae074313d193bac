import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, launchBrowser, newPage, signIn } from './harness/browser'
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

/** Marks the document, so a test can tell later that the page was never reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { __notReloaded?: boolean }).__notReloaded = true))
}
async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true)
}

/** The desk and assignee the API gave a ticket, read with the engineer's session. */
async function routing(page: Page, id: string): Promise<{ desk: 'PACIFIC' | 'UK'; assignee: string | null }> {
  const response = await page.request.post('/graphql', {
    headers: { 'x-requested-with': 'covered', 'content-type': 'application/json' },
    data: { query: 'query E2eRouting($id: ID!) { ticket(id: $id) { desk assignee { name } } }', variables: { id } },
  })
  const body = (await response.json()) as { data: { ticket: { desk: 'PACIFIC' | 'UK'; assignee: { name: string } | null } } }
  return { desk: body.data.ticket.desk, assignee: body.data.ticket.assignee?.name ?? null }
}

describe('tickets', () => {
  it('a contact opens a ticket in the portal, an engineer replies in the admin, and the portal shows it without a reload', async () => {
    const contact = await newPage(browser, product.url)
    const engineer = await newPage(browser, product.url)
    try {
      // Alex (a key contact on Acme's Premium Support contract) opens a ticket in the portal.
      const subject = `Dashboards are blank ${Date.now()}`
      await contact.page.goto('/portal/login')
      await signIn(contact.page, DEMO.contact)
      await contact.page.waitForURL((url) => !url.pathname.endsWith('/login'))
      await contact.page.goto('/portal/tickets/new')
      await contact.page.getByLabel('Subject').fill(subject)
      await contact.page.getByLabel('Category').selectOption('BUG')
      await contact.page.getByLabel('Describe your question').fill('Every dashboard has been blank since 6am. Nothing changed on our side.')
      await contact.page.getByRole('button', { name: 'Send' }).click()
      await contact.page.waitForURL(/\/portal\/tickets\/(?!new)[^/?#]+$/)
      await contact.page.getByText(subject).first().waitFor()
      const ticketId = decodeURIComponent(new URL(contact.page.url()).pathname.split('/').pop()!)
      await markDocument(contact.page)

      // The engineer signs in to the admin in another browser profile.
      await engineer.page.goto('/admin/login')
      await signIn(engineer.page, DEMO.engineer)
      await engineer.page.waitForURL('**/admin/customers')
      await engineer.page.getByRole('link', { name: 'Tickets', exact: true }).click()
      await engineer.page.waitForURL('**/admin/tickets')

      // Premium routing assigns it at intake to an engineer of the desk that is open now, else of the desk that
      // opens next: the Pacific desk while it is open (or opens first), the UK desk otherwise (e.g. on a US
      // holiday night). The engineer opens it from that desk's queue.
      const routed = await routing(engineer.page, ticketId)
      expect(routed.assignee).toBe(routed.desk === 'PACIFIC' ? 'Eli Engineer' : 'Harriet Hughes')
      await engineer.page.getByRole('link', { name: routed.desk === 'PACIFIC' ? 'Pacific desk' : 'UK desk' }).click()
      const row = engineer.page.getByTestId('ticket-row').filter({ hasText: subject })
      await row.waitFor()
      expect(await row.innerText()).toContain(routed.assignee!)
      await row.getByRole('link').click()
      await engineer.page.waitForURL(/\/admin\/tickets\/[^/?#]+$/)
      await engineer.page.getByRole('heading', { name: subject, level: 1 }).waitFor()

      // A public reply from the engineer.
      const reply = 'Hi Alex, thanks for the details: the collector key was rotated. Could you reload a dashboard now?'
      await engineer.page.getByLabel('Your message', { exact: true }).fill(reply)
      await engineer.page.getByRole('button', { name: 'Reply', exact: true }).click()
      await engineer.page.getByText('Reply sent to the customer.').waitFor()
      await expect.poll(() => engineer.page.getByTestId('sla-first-response').getByTestId('sla-state').innerText()).toBe('Met')

      // The portal page, never reloaded, shows the reply and that the first response was met.
      await contact.page.getByText(reply).waitFor()
      await contact.page.getByText(/First response:?\s*met/i).first().waitFor()
      expect(await stillSameDocument(contact.page)).toBe(true)
    } catch (error) {
      // What each person saw when it failed, for whoever reads the failure.
      for (const [who, { page }] of Object.entries({ contact, engineer })) {
        await page.screenshot({ path: path.join(os.tmpdir(), `covered-e2e-tickets-${who}.png`), fullPage: true }).catch(() => {})
      }
      throw error
    } finally {
      await contact.context.close()
      await engineer.context.close()
    }
  })
})
