import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, DEMO_PASSWORD, launchBrowser, newPage, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

// Integrations (issue 9) in the built product: an admin creates an API token and revokes it, and registers a
// webhook endpoint whose deliveries (one failure, then success) show up with their attempts.
let product: Product
let browser: Browser
let receiver: http.Server
let receiverUrl = ''
const received: { headers: http.IncomingHttpHeaders; body: string }[] = []

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(received.length === 1 ? 500 : 204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`
  product = await startProduct()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  receiver?.close()
})

async function tickets(secret: string) {
  const response = await fetch(`${product.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'e2e', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: '{ tickets(first: 5) { edges { node { number } } } }' }),
  })
  return { status: response.status, body: (await response.json()) as { errors?: { message: string }[] } }
}

describe('admin integrations', () => {
  it('creates an API token whose secret, shown once, works at once; revoking it refuses the next request', async () => {
    const { page } = await newPage(browser, product.url)
    await page.goto('/admin/login')
    await signIn(page, DEMO.admin)
    await page.waitForURL('**/admin/customers')
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('button', { name: 'More' }).click()
    await nav.getByRole('link', { name: 'Integrations' }).click()
    await page.getByText('No API tokens yet').waitFor()

    await page.getByRole('button', { name: 'New token' }).click()
    await page.locator('input[name="name"]').fill('CRM sync')
    await page.getByRole('button', { name: 'Create token' }).click()
    const secret = await page.getByTestId('secret-value').inputValue()
    expect(secret).toMatch(/^cov_[\w-]{43}$/)
    expect((await tickets(secret)).status).toBe(200)

    await page.getByTestId('secret-done').click()
    await expect.poll(() => page.getByTestId('secret-once').count()).toBe(0)
    expect(await page.content()).not.toContain(secret)
    const row = page.getByTestId('token-row').filter({ hasText: 'CRM sync' })
    await page.reload()
    await row.waitFor()
    // The request above is recorded as the token's last use.
    expect(await row.locator('td[data-label="Last used"]').innerText()).not.toContain('Not yet')

    await row.getByRole('button', { name: 'Revoke CRM sync' }).click()
    await row.getByTestId('confirm-revoke').click()
    await page.getByText('“CRM sync” is revoked').waitFor()
    const refused = await tickets(secret)
    expect(refused.status).toBe(401)
    expect(refused.body.errors?.[0]?.message).toContain('revoked or expired')
  })

  it('registers a webhook endpoint; a customer’s new ticket is delivered after one failed attempt, both logged', async () => {
    const { page } = await newPage(browser, product.url)
    await page.goto('/admin/login')
    await signIn(page, DEMO.admin)
    await page.waitForURL('**/admin/customers')
    await page.goto('/admin/integrations')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.locator('input[name="url"]').fill(receiverUrl)
    await page.getByLabel('Ticket opened').check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const signingSecret = await page.getByTestId('secret-value').inputValue()
    expect(signingSecret).toMatch(/^whsec_/)
    await page.getByTestId('secret-done').click()

    const login = await fetch(`${product.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'e2e' },
      body: JSON.stringify({ query: `mutation { login(email: "${DEMO.contact}", password: "${DEMO_PASSWORD}") { __typename } }` }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    await fetch(`${product.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'e2e', cookie },
      body: JSON.stringify({ query: `mutation { openTicket(input: { subject: "Webhook in the browser test", body: "Hello", category: BUG }) { __typename } }` }),
    })
    // The worker tries at once (500), then again after a backoff of 1 to 30 seconds.
    await expect.poll(() => received.length, { timeout: 45_000, interval: 500 }).toBe(2)
    expect(new Set(received.map((r) => r.headers['covered-event-id'])).size).toBe(1)
    expect(JSON.parse(received[1]!.body)).toMatchObject({ type: 'ticket.created', data: { subject: 'Webhook in the browser test' } })

    await page.reload()
    await page.getByTestId('webhook-row').getByRole('link').click()
    const delivery = page.getByTestId('delivery').first()
    await delivery.locator('.cv-badge', { hasText: 'Delivered' }).waitFor()
    await delivery.locator('summary').click()
    const attempts = await delivery.getByTestId('attempt').allInnerTexts()
    expect(attempts).toHaveLength(2)
    expect(attempts[0]).toContain('500')
    expect(attempts[1]).toContain('204')
  })
})
