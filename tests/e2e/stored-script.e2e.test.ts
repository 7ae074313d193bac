import { request, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, DEMO_PASSWORD, launchBrowser, newPage, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

// Stored script (issue 10): text people type (a customer's name, a contact's name, a ticket's subject and
// messages, a quote line) is shown as text in both apps. Every payload, if it ever ran, would set a flag or
// open a dialog; neither may happen on any page that shows them.

const PAYLOADS = [
  `<script>window.__xss = (window.__xss || 0) + 1</script>`,
  `<img src=x onerror="window.__xss = (window.__xss || 0) + 1">`,
  `<svg onload="alert('svg')"></svg>`,
  `"><iframe src="javascript:alert('iframe')"></iframe>`,
  `{{ $el.ownerDocument.defaultView.alert('template') }}`,
]
const HOSTILE = PAYLOADS.join(' ')

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

async function api(email: string, password = DEMO_PASSWORD) {
  const context = await request.newContext({ baseURL: product.url, extraHTTPHeaders: { 'x-requested-with': 'covered' } })
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await context.post('/graphql', { data: { query, variables } })
    const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown }
    if (body.errors) throw new Error(JSON.stringify(body.errors))
    return body.data!
  }
  const login = await gql('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', { e: email, p: password })
  expect(login.login.__typename).toBe('MutationLoginSuccess')
  return { gql, dispose: () => context.dispose() }
}

/** Visits a page and checks that nothing in it ran: no flag set, no dialog, and the payload shown as text. */
async function visit(page: Page, path: string, ready: string, dialogs: string[]) {
  await page.goto(path)
  try {
    await page.getByText(ready, { exact: false }).first().waitFor()
  } catch (error) {
    console.log(`--- ${path} showed ---\n${await page.locator('body').innerText().catch(() => '(nothing)')}\n--- product output (end) ---\n${product.output().slice(-3000)}`)
    throw error
  }
  await page.waitForTimeout(300)
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0), `script ran on ${path}`).toBe(0)
  expect(dialogs, `dialog opened on ${path}`).toEqual([])
  expect(await page.locator('body').innerText()).toContain('<script>')
  expect(await page.locator('img[src="x"], svg[onload], iframe').count(), `markup injected on ${path}`).toBe(0)
  // To look at what people see: STORED_SCRIPT_SHOTS=/some/dir pnpm test tests/e2e/stored-script.e2e.test.ts
  if (process.env.STORED_SCRIPT_SHOTS) await page.screenshot({ path: `${process.env.STORED_SCRIPT_SHOTS}/${path.replace(/\W+/g, '_')}.png`, fullPage: true })
}

describe('stored script is inert', () => {
  it('in the admin app and the portal', async () => {
    const admin = await api(DEMO.admin)
    const created = await admin.gql(
      `mutation ($name: String!) { createCustomer(input: { name: $name, homeDesk: UK, currency: GBP }) { ... on MutationCreateCustomerSuccess { customer { id } } ... on Error { message } } }`,
      { name: `Mallory ${PAYLOADS[0]}`.slice(0, 200) },
    )
    const customerId = created.createCustomer.customer.id as string
    await admin.gql(
      `mutation ($c: ID!, $name: String!) { createContact(input: { customerId: $c, email: "mallory@mallory.example", name: $name, portalAccess: true, isCustomerAdmin: true }) { __typename ... on Error { message } } }`,
      { c: customerId, name: `Mal ${PAYLOADS[1]}`.slice(0, 200) },
    )
    // The contact chooses a password through the invitation's one-time link (read from the sent-mail log).
    const mail = await admin.gql(`{ emailMessages(first: 1, search: "mallory@mallory.example") { edges { node { textBody } } } }`)
    const token = /set-password\?token=([A-Za-z0-9_-]+)/.exec(mail.emailMessages.edges[0].node.textBody)![1]
    const set = await admin.gql(`mutation ($t: String!) { setPasswordWithLink(token: $t, password: "mallory-password-1") { __typename } }`, { t: token })
    expect(set.setPasswordWithLink.__typename).toBe('MutationSetPasswordWithLinkSuccess')
    const contact = await api('mallory@mallory.example', 'mallory-password-1')
    const opened = await contact.gql(
      `mutation ($s: String!, $b: String!) { openTicket(input: { subject: $s, body: $b, category: DATA_DISCREPANCY }) { ... on MutationOpenTicketSuccess { ticket { id } } ... on Error { message } } }`,
      { s: `Help ${PAYLOADS[0]}`.slice(0, 200), b: HOSTILE },
    )
    const ticketId = opened.openTicket.ticket.id as string
    await contact.gql(`mutation ($t: ID!, $b: String!) { replyToTicket(ticketId: $t, body: $b) { __typename } }`, { t: ticketId, b: `Reply ${HOSTILE}` })
    await admin.gql(`mutation ($t: ID!, $b: String!) { replyToTicket(ticketId: $t, body: $b) { __typename } }`, { t: ticketId, b: `Support ${HOSTILE}` })
    await admin.dispose()
    await contact.dispose()

    const dialogs: string[] = []
    const watch = async (page: Page) => {
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
    }

    const staff = await newPage(browser, product.url)
    try {
      await watch(staff.page)
      await staff.page.goto('/admin/login')
      await signIn(staff.page, DEMO.admin)
      await staff.page.waitForURL('**/admin/customers')
      await visit(staff.page, '/admin/customers', 'Mallory', dialogs)
      await visit(staff.page, `/admin/customers/${encodeURIComponent(customerId)}`, 'Mallory', dialogs)
      await visit(staff.page, '/admin/tickets', 'Help', dialogs)
      await visit(staff.page, `/admin/tickets/${encodeURIComponent(ticketId)}`, 'Support', dialogs)
    } finally {
      await staff.context.close()
    }

    const customer = await newPage(browser, product.url)
    try {
      await watch(customer.page)
      await customer.page.goto('/portal/login')
      await signIn(customer.page, 'mallory@mallory.example', 'mallory-password-1')
      await customer.page.waitForURL((url) => !url.pathname.endsWith('/login'))
      await visit(customer.page, '/portal/', 'Mallory', dialogs)
      await visit(customer.page, '/portal/tickets', 'Help', dialogs)
      await visit(customer.page, `/portal/tickets/${encodeURIComponent(ticketId)}`, 'Support', dialogs)
    } finally {
      await customer.context.close()
    }
  })
})
