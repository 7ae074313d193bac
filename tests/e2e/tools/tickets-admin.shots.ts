import fs from 'node:fs'
import path from 'node:path'
import type { APIRequestContext, Browser, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { DEMO, DEMO_PASSWORD, launchBrowser, LAPTOP, newPage, PHONE, signIn } from '../harness/browser'
import { startProduct, type Product } from '../harness/product'

// Screenshots of the admin ticket screens (issue 5), for a person to look at. Not part of `pnpm test`:
//   SHOTS_DIR=/tmp/shots/issue5-admin pnpm exec vitest run -c <a config including this file>
const OUT = process.env.SHOTS_DIR ?? '/tmp/shots/issue5-admin'
let product: Product
let browser: Browser
const ids: Record<string, string> = {}

async function gql<T = Record<string, unknown>>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post('/graphql', {
    data: { query, variables },
    headers: { 'x-requested-with': 'covered', 'content-type': 'application/json' },
  })
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] }
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '))
  return body.data!
}

const OPEN = `mutation Open($input: OpenTicketInput!) { openTicket(input: $input) { __typename ... on MutationOpenTicketSuccess { ticket { id number plan } } ... on Error { message } } }`

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true })
  product = await startProduct()
  browser = await launchBrowser()

  // The demo data has no tickets: open some as staff on behalf of demo contacts.
  const { context } = await newPage(browser, product.url)
  const request = context.request
  await gql(request, `mutation { login(email: "${DEMO.admin}", password: "${DEMO_PASSWORD}") { __typename } }`)
  const data = await gql<{ customers: { edges: { node: { name: string; contacts: { id: string; email: string }[] } }[] } }>(
    request,
    `{ customers(first: 50) { edges { node { name contacts { id email } } } } }`,
  )
  const contact = (email: string) => {
    for (const { node } of data.customers.edges) for (const c of node.contacts) if (c.email === email) return c.id
    throw new Error(`no contact ${email}`)
  }
  const open = async (key: string, email: string, subject: string, category: string, body: string, extra: Record<string, unknown> = {}) => {
    const result = await gql<{ openTicket: { __typename: string; ticket?: { id: string }; message?: string } }>(request, OPEN, {
      input: { requesterId: contact(email), subject, category, body, ...extra },
    })
    if (!result.openTicket.ticket) throw new Error(`openTicket ${key}: ${result.openTicket.message}`)
    ids[key] = result.openTicket.ticket.id
  }
  await open('premium', 'alex@acme.example', 'Dashboards show no data since this morning', 'BUG', 'Every dashboard is blank since about 6am.\nWe have not changed anything.')
  await open('standard', 'sam@acme.example', 'How do I export a segment to CSV?', 'FEATURE_HELP', 'Where is the export button for segments?')
  await open('logs', 'ada@umbrella.example', 'Can you analyse our server log files?', 'SERVER_LOG_FILES', 'We would like help importing our Apache logs.')
  await open('review', 'ada@umbrella.example', 'Tracking across our three regional sites', 'MULTI_SITE_TRACKING', 'We run three sites and want one view.')
  await open('prospect', 'hank@globex.example', 'Does the Pro edition support SSO?', 'LICENSING', 'We are evaluating Covered for 40 users.')
  await open('uk', 'olivia@northwind.example', 'Numbers differ from our finance report', 'DATA_DISCREPANCY', 'March revenue is 3% lower than our books.')
  await open('lapsed', 'priya@brightwater.example', 'Upgrade path to Enterprise', 'LICENSE_UPGRADE', 'What would the upgrade cost?')
  await open('labels', 'olivia@northwind.example', 'Two new basic labels please', 'BASIC_LABELS', 'Please add labels for Campaign and Region.', { labelsRequested: 2 })

  // A conversation on the premium ticket: an internal note, then a public reply; one ticket waits on the customer.
  const reply = `mutation R($id: ID!, $body: String!, $internal: Boolean) { replyToTicket(ticketId: $id, body: $body, internal: $internal) { __typename } }`
  await gql(request, reply, { id: ids.premium, body: 'Their ingest key was rotated yesterday — checking the collector logs.', internal: true })
  await gql(request, reply, { id: ids.premium, body: 'Hi Alex, we are on it. Could you confirm the site ID you are looking at?', internal: false })
  await gql(request, reply, { id: ids.standard, body: 'Could you tell us which edition you are on?', internal: false })
  await gql(request, `mutation S($id: ID!) { changeTicketStatus(ticketId: $id, status: WAITING_ON_CUSTOMER) { __typename } }`, { id: ids.standard })
  await context.close()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

async function shot(page: Page, name: string) {
  await page.waitForTimeout(250)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true })
}

async function stubOperation(page: Page, operation: string, answer: (route: Route) => Promise<void> | void) {
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string; query?: string } | null
    const name = body?.operationName ?? /(?:query|mutation|subscription)\s+(\w+)/.exec(body?.query ?? '')?.[1]
    if (name === operation) return answer(route)
    return route.fallback()
  })
}
const json = (route: Route, body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) })
const pending = () => new Promise<void>(() => {})

for (const [size, viewport] of Object.entries({ laptop: LAPTOP, phone: PHONE })) {
  it(`admin ticket screens (${size})`, async () => {
    // Eli works the Pacific desk from Los Angeles: times show in his zone, named.
    const context = await browser.newContext({ baseURL: product.url, viewport, locale: 'en-GB', timezoneId: 'America/Los_Angeles' })
    context.setDefaultTimeout(15_000)
    const page = await context.newPage()
    await page.goto('/admin/login')
    await signIn(page, DEMO.engineer)
    await page.waitForURL('**/admin/customers')

    await page.getByRole('link', { name: 'Tickets', exact: true }).click()
    await page.getByTestId('ticket-row').first().waitFor()
    await shot(page, `tickets-queue-pacific-${size}`)

    await page.getByRole('link', { name: 'UK desk' }).click()
    await page.waitForURL('**/admin/tickets?queue=uk')
    await page.getByTestId('ticket-row').first().waitFor()
    await shot(page, `tickets-queue-uk-${size}`)

    await page.getByRole('link', { name: 'All open' }).click()
    await page.waitForURL('**/admin/tickets?queue=all')
    if (size === 'phone') {
      // On a phone the filters fold away behind a button.
      await page.getByRole('button', { name: 'Filters and order' }).click()
      await shot(page, `tickets-queue-filters-open-${size}`)
    }
    await page.getByLabel('Order').selectOption('activity')
    await page.waitForURL('**/admin/tickets?**order=activity**')
    await page.getByLabel('Status').selectOption('any')
    await page.waitForURL('**/admin/tickets?**status=any**')
    try {
      await page.getByTestId('ticket-row').first().waitFor()
    } catch (error) {
      await shot(page, `FAILED-all-recent-${size}`)
      throw error
    }
    await shot(page, `tickets-queue-all-recent-${size}`)

    await page.getByLabel('Plan').selectOption('NOT_ENTITLED')
    await page.getByLabel('Scope').selectOption('NEEDS_REVIEW')
    await page.getByText('No tickets match these filters').waitFor()
    await shot(page, `tickets-queue-no-match-${size}`)

    await page.getByRole('link', { name: 'Mine' }).click()
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await page.waitForTimeout(300)
    await shot(page, `tickets-queue-mine-${size}`)

    // States the real data does not show: loading, empty, error.
    await page.goto('/admin/tickets?queue=pacific')
    await stubOperation(page, 'TicketQueue', () => pending())
    await page.reload()
    await page.getByText('Loading the queue…').waitFor()
    await shot(page, `tickets-queue-loading-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await stubOperation(page, 'TicketQueue', (route) => json(route, { data: { tickets: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } }))
    await page.reload()
    await page.getByText('queue is clear').waitFor()
    await shot(page, `tickets-queue-empty-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await stubOperation(page, 'TicketQueue', (route) => json(route, { errors: [{ message: 'Unexpected error.' }] }))
    await page.reload()
    await page.getByText('The queue could not be loaded').waitFor()
    await shot(page, `tickets-queue-error-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })

    // The premium ticket: conversation with an internal note, SLA, entitlement and triage, timeline.
    await page.goto(`/admin/tickets/${ids.premium}`)
    await page.getByTestId('ticket-message').first().waitFor()
    await shot(page, `ticket-premium-${size}`)

    // Writing: an empty reply is refused beside the field.
    await page.getByRole('button', { name: 'Reply', exact: true }).click()
    await page.getByText('Write the reply first.').waitFor()
    await shot(page, `ticket-reply-empty-${size}`)

    // A status change the policy refuses (stubbed: the menu only offers allowed moves, so a stale page shows it).
    await stubOperation(page, 'ChangeTicketStatus', (route) =>
      json(route, {
        data: {
          changeTicketStatus: {
            __typename: 'PolicyError',
            code: 'POLICY',
            rule: 'INVALID_TRANSITION',
            message: 'A ticket can be resolved only after staff have sent at least one public reply: answer the customer first.',
          },
        },
      }),
    )
    await page.getByLabel('Change status').selectOption({ index: 1 })
    await page.getByRole('button', { name: 'Change status' }).click()
    await page.getByText('answer the customer first').waitFor()
    await page.getByTestId('ticket-work').scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(OUT, `ticket-status-refused-${size}.png`) })
    await page.unrouteAll({ behavior: 'ignoreErrors' })

    // Override: the reason is required.
    await page.goto(`/admin/tickets/${size === 'laptop' ? ids.logs : ids.labels}`)
    await page.getByRole('button', { name: 'Override scope' }).click()
    await page.getByLabel(size === 'laptop' ? 'In scope' : 'Needs Professional Services').check()
    await page.getByRole('button', { name: 'Save decision' }).click()
    await page.getByText('Write why: the reason goes into the exception register.').first().waitFor()
    await page.getByTestId('scope-form').scrollIntoViewIfNeeded()
    await shot(page, `ticket-override-reason-required-${size}`)
    await page.getByLabel('Reason').fill(
      size === 'laptop' ? 'Agreed at renewal: one log import is in scope this term.' : 'They asked for a full label plan, not two labels.',
    )
    await page.getByRole('button', { name: 'Save decision' }).click()
    await page.getByText('the reason is in the exception register').waitFor()
    await shot(page, `ticket-overridden-${size}`)

    // A case-by-case review: only an admin decides.
    await page.goto(`/admin/tickets/${ids.review}`)
    await page.getByTestId('review-admin-only').waitFor()
    await shot(page, `ticket-review-engineer-${size}`)

    // Someone not entitled: no clock, and why.
    await page.goto(`/admin/tickets/${ids.lapsed}`)
    await page.getByText('No SLA clock runs on this ticket').waitFor()
    await shot(page, `ticket-not-entitled-${size}`)

    // Waiting on the customer: clocks paused.
    await page.goto(`/admin/tickets/${ids.standard}`)
    await page.getByTestId('sla-paused').waitFor()
    await shot(page, `ticket-paused-${size}`)

    await page.goto('/admin/tickets/VGlja2V0OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==')
    await page.getByText('Ticket not found').waitFor()
    await shot(page, `ticket-not-found-${size}`)

    await stubOperation(page, 'TicketPage', () => pending())
    await page.goto(`/admin/tickets/${ids.premium}`)
    await page.getByText('Loading the ticket…').waitFor()
    await shot(page, `ticket-loading-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await stubOperation(page, 'TicketPage', (route) => json(route, { errors: [{ message: 'Unexpected error.' }] }))
    await page.reload()
    await page.getByText('The ticket could not be loaded').waitFor()
    await shot(page, `ticket-error-${size}`)
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await context.close()

    // An admin decides the review.
    const adminSession = await newPage(browser, product.url, viewport)
    await adminSession.page.goto(`/admin/login?redirect=/tickets/${ids.review}`)
    await signIn(adminSession.page, DEMO.admin)
    await adminSession.page.getByRole('button', { name: 'Decide this review' }).click()
    await adminSession.page.getByTestId('scope-form').scrollIntoViewIfNeeded()
    await shot(adminSession.page, `ticket-review-admin-${size}`)
    await adminSession.context.close()
  })
}
