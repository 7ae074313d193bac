import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, DEMO_PASSWORD, launchBrowser, newPage, PHONE, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

// The support team and password resets (issue 12), in the browser against the built product. The product runs on a
// PostgreSQL database of its own so the test can read the emails it queues (the email outbox).

let product: Product
let browser: Browser

beforeAll(async () => {
  product = await startProduct({ database: 'postgres' })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

/** Someone working through the API with a session of their own. */
async function apiAs(email: string): Promise<{ gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>; api: APIRequestContext }> {
  const api = await request.newContext({ baseURL: product.url, extraHTTPHeaders: { 'x-requested-with': 'covered' } })
  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await api.post('/graphql', { data: { query, variables } })
    const body = (await response.json()) as { data?: T; errors?: unknown }
    if (body.errors) throw new Error(JSON.stringify(body.errors))
    return body.data!
  }
  const login = await gql<{ login: { __typename: string } }>('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', {
    e: email,
    p: DEMO_PASSWORD,
  })
  expect(login.login.__typename).toBe('MutationLoginSuccess')
  return { gql, api }
}

/** On a failure: what the page showed and what the product logged last. */
async function explain(page: Page) {
  const shown = await page.locator('body').innerText().catch(() => '(no page)')
  console.log(`--- page ${page.url()} ---\n${shown}\n--- product output (end) ---\n${product.output().slice(-4000)}`)
}

describe('the support team', () => {
  it('an admin marks an engineer away, and the next premium ticket from a key contact goes to someone else', async () => {
    const contact = await apiAs(DEMO.contact) // Alex: a key contact on Acme's Premium Support contract
    const staff = await apiAs(DEMO.admin)
    const open = async (subject: string) => {
      const result = await contact.gql<{ openTicket: { __typename: string; ticket: { id: string; plan: string } } }>(
        'mutation ($input: OpenTicketInput!) { openTicket(input: $input) { __typename ... on MutationOpenTicketSuccess { ticket { id plan } } } }',
        { input: { subject, body: 'Every dashboard is blank since this morning.', category: 'BUG' } },
      )
      expect(result.openTicket).toMatchObject({ __typename: 'MutationOpenTicketSuccess', ticket: { plan: 'PREMIUM' } })
      return result.openTicket.ticket.id
    }
    const assigneeOf = async (id: string) =>
      (await staff.gql<{ ticket: { assignee: { name: string } | null } }>('query ($id: ID!) { ticket(id: $id) { assignee { name } } }', { id })).ticket.assignee?.name ?? null

    // Premium routing sends the first ticket to the engineer of the desk that is open (or opens next): the only
    // engineer on that desk, who would get the next one too.
    const stamp = Date.now().toString(36)
    const first = await open(`Blank dashboards ${stamp}`)
    const routedTo = await assigneeOf(first)
    expect(routedTo).not.toBeNull()

    const { context, page } = await newPage(browser, product.url)
    try {
      await page.goto('/admin/login')
      await signIn(page, DEMO.admin)
      await page.waitForURL((url) => !url.pathname.endsWith('/login'))
      const nav = page.getByRole('navigation', { name: 'Main' })
      await nav.getByRole('button', { name: 'More' }).click()
      await nav.getByRole('link', { name: 'Team' }).click()
      await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor()
      const row = page.getByTestId('team-row').filter({ hasText: routedTo! })
      await row.getByRole('button', { name: `Mark ${routedTo} away` }).click()
      await page.getByTestId('team-message').getByText(`${routedTo} is marked away`).waitFor()
      await expect.poll(() => row.getByRole('cell').nth(2).innerText()).toMatch(/^Away/)

      // The next premium ticket goes to someone who is not away.
      const subject = `Exports fail ${stamp}`
      const second = await open(subject)
      await page.goto(`/admin/tickets/${encodeURIComponent(second)}`)
      await page.getByRole('heading', { name: subject }).waitFor()
      const assignee = (await page.getByTestId('ticket-assignee').innerText()).trim()
      expect(assignee).not.toBe(routedTo)
      expect(assignee).not.toMatch(/Unassigned/)

      // The admin's queue shows it with that assignee too.
      await page.goto('/admin/tickets?queue=all')
      const queueRow = page.getByRole('row').filter({ hasText: subject })
      await queueRow.waitFor()
      expect(await queueRow.innerText()).toContain(assignee)
      expect(await queueRow.innerText()).not.toContain(routedTo!)
    } catch (error) {
      await explain(page)
      throw error
    } finally {
      await context.close()
      await contact.api.dispose()
      await staff.api.dispose()
    }
  })
})

describe('password reset', () => {
  it('a contact resets a forgotten password with the emailed link and signs in with the new one', async () => {
    const email = 'olivia@northwind.example'
    const newPassword = 'lighthouse keeper 42'
    const { context, page } = await newPage(browser, product.url, PHONE)
    try {
      await page.goto('/portal/login')
      await page.getByRole('link', { name: 'Forgot your password?' }).click()
      await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor()
      await page.getByLabel('Email address').fill(email)
      await page.getByRole('button', { name: 'Email me a link' }).click()
      await page.getByTestId('reset-requested').getByText('If that address has an account, a link is on its way').waitFor()

      // The link from the queued email, as the contact would open it.
      let text = ''
      await expect
        .poll(async () => {
          const [mail] = await product.query<{ text_body: string }>(
            `SELECT text_body FROM email_messages WHERE to_address = $1 AND kind = 'PASSWORD_RESET' ORDER BY created_at DESC LIMIT 1`,
            [email],
          )
          text = mail?.text_body ?? ''
          return text
        })
        .toContain('/portal/set-password?token=')
      const link = /http:\/\/\S+\/portal\/set-password\?token=[\w-]+/.exec(text)![0]
      expect(link.startsWith(product.url)).toBe(true)

      await page.goto(link)
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
      expect(await page.getByTestId('set-password-for').innerText()).toContain(`Olivia Bennett (${email})`)
      await page.getByLabel('New password').fill(newPassword)
      await page.getByLabel('Type it again').fill(newPassword)
      await page.getByRole('button', { name: 'Save new password' }).click()
      await page.getByRole('heading', { name: 'Your password is set' }).waitFor()

      // The link works once.
      await page.goto(link)
      await page.getByRole('heading', { name: 'This link has been used already' }).waitFor()

      // The old password no longer works; the new one does.
      await page.goto('/portal/login')
      await signIn(page, email, DEMO_PASSWORD)
      await page.getByTestId('login-error').waitFor()
      await page.reload()
      await signIn(page, email, newPassword)
      await page.getByRole('heading', { name: 'Northwind Traders Ltd', level: 1 }).waitFor()
    } catch (error) {
      await explain(page)
      throw error
    } finally {
      await context.close()
    }
  })
})
