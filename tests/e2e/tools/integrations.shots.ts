import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { DEMO, DEMO_PASSWORD, launchBrowser, newPage, signIn } from '../harness/browser'
import { startProduct, type Product } from '../harness/product'

// Screenshots of the integrations screens (issue 9: API tokens, webhooks), for a person to look at. Not part
// of `pnpm test`:  SHOTS_DIR=/tmp/shots/issue9 pnpm exec vitest run -c <a config including this file>
const OUT = process.env.SHOTS_DIR ?? '/tmp/shots/issue9'
const sizes = { laptop: { width: 1366, height: 850 }, phone: { width: 390, height: 844 } } as const
let product: Product
let browser: Browser
let receiver: http.Server
let receiverUrl = ''
let received = 0

async function gql(query: string, variables: Record<string, unknown>, cookie: string) {
  const response = await fetch(`${product.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'shots', cookie },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] }
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '))
  return body.data
}

async function login(email: string) {
  const response = await fetch(`${product.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'shots' },
    body: JSON.stringify({ query: `mutation { login(email: "${email}", password: "${DEMO_PASSWORD}") { __typename } }` }),
  })
  return response.headers.get('set-cookie')!.split(';')[0]!
}

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true })
  // A receiver that fails its first two requests, then accepts.
  receiver = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(received++ < 2 ? 503 : 204).end())
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/covered`
  product = await startProduct()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  receiver?.close()
})

async function shot(page: Page, name: string) {
  await page.waitForTimeout(200)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true })
}

for (const [size, viewport] of Object.entries(sizes)) {
  it(`integrations screens (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/admin/login')
    await signIn(page, DEMO.admin)
    await page.waitForURL('**/admin/customers')
    await page.goto('/admin/integrations')
    await page.getByRole('heading', { name: 'API tokens' }).waitFor()
    await shot(page, `integrations-${size === 'laptop' ? 'empty' : 'start'}-${size}`)

    await page.getByTestId('new-token').click()
    await page.getByRole('button', { name: 'Create token' }).click()
    await shot(page, `token-form-required-${size}`)
    await page.locator('input[name="name"]').fill(`CRM sync (${size})`)
    await page.locator('.cv-choice__option', { hasText: 'Read and write' }).click()
    await page.getByRole('button', { name: 'Create token' }).click()
    await page.getByTestId('secret-once').waitFor()
    await shot(page, `token-secret-once-${size}`)
    await page.getByTestId('secret-done').click()

    // More tokens through the API: one bound to a customer with an expiry and used once, one revoked.
    const admin = await login(DEMO.admin)
    const customers = await gql(`{ customers(first: 5, search: "Acme") { edges { node { id } } } }`, {}, admin)
    const bound = await gql(
      `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { ... on MutationCreateApiTokenSuccess { created { secret apiToken { id } } } } }`,
      { i: { name: `Acme chat widget (${size})`, scope: 'READ', customerId: customers.customers.edges[0].node.id, expiresAt: '2031-06-30T23:59:59Z' } },
      admin,
    )
    await fetch(`${product.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bound.createApiToken.created.secret}` },
      body: JSON.stringify({ query: '{ tickets(first: 1) { edges { node { number } } } }' }),
    })
    const old = await gql(
      `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { ... on MutationCreateApiTokenSuccess { created { apiToken { id } } } } }`,
      { i: { name: `Old billing export (${size})`, scope: 'READ' } },
      admin,
    )
    await gql(`mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }`, { id: old.createApiToken.created.apiToken.id }, admin)
    await page.reload()
    await page.getByTestId('token-row').first().waitFor()
    await shot(page, `tokens-list-${size}`)
    await page.getByTestId('revoke').first().click()
    await shot(page, `token-revoke-confirm-${size}`)
    await page.getByTestId('confirm-revoke').click()
    await page.getByText('is revoked').waitFor()

    await page.getByTestId('new-webhook').click()
    await page.locator('input[name="url"]').fill('not a url')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await shot(page, `webhook-form-errors-${size}`)
    await page.locator('input[name="url"]').fill(receiverUrl)
    await page.locator('input[name="description"]').fill(`CRM: ticket activity (${size})`)
    for (const label of ['Ticket opened', 'Status changed', 'Public reply added', 'SLA breached']) await page.getByLabel(label).check()
    await shot(page, `webhook-form-filled-${size}`)
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.getByTestId('secret-once').waitFor()
    await shot(page, `webhook-secret-once-${size}`)

    // Events for the endpoint: a customer opens tickets; the receiver fails twice, then accepts.
    const alex = await login(DEMO.contact)
    for (const subject of ['Dashboard totals differ from export', 'How do I add a second site?']) {
      await gql(`mutation($s: String!) { openTicket(input: { subject: $s, body: "Details inside.", category: DATA_DISCREPANCY }) { __typename } }`, { s: subject }, alex)
    }
    await page.waitForTimeout(4000)
    await page.getByTestId('secret-done').click()
    await page.reload()
    await page.getByTestId('webhook-row').first().waitFor()
    await shot(page, `integrations-lists-${size}`)

    await page.getByTestId('webhook-row').first().getByRole('link').click()
    await page.getByRole('heading', { name: 'Deliveries' }).waitFor()
    await shot(page, `webhook-endpoint-${size}`)
    await page.locator('[data-testid="delivery"] summary').first().click()
    await shot(page, `webhook-delivery-open-${size}`)
    await context.close()
  })
}
