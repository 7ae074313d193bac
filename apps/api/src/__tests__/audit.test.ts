import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeStaff } from '../../test/factories.js'
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.js'
import { operationFor, plainValue, rootFields } from '../../test/schema-walk.js'
import { withTransaction, type RequestContext } from '../context.js'
import { getSchema } from '../graphql/schema.js'
import { recordAudit } from '../modules/audit/audit.js'
import { requestScope } from '../request-scope.js'
import { linkIn } from '../modules/accounts/__tests__/mailbox.js'

/** Every mutation leaves exactly one audit row, in its own transaction; a failed one leaves none. */
let app: TestApp
let owner: pg.Client
let adminCookie: string

const rawId = (id: string) => Buffer.from(id, 'base64').toString('utf8').split(':')[1]!
const auditCount = async () => Number((await owner.query('SELECT count(*) AS n FROM audit_log')).rows[0].n)

beforeAll(async () => {
  app = await createTestApp()
  owner = new pg.Client({ connectionString: app.url })
  await owner.connect()
  adminCookie = await app.signIn((await makeStaff(app.database.dataSource, { role: 'ADMIN', desk: null })).email)
})
afterAll(async () => {
  await owner?.end()
  await app?.close()
})

const audited: string[] = []

/** Calls one mutation that must succeed, and checks it wrote exactly one audit row naming it. */
async function succeeds(field: string, query: string, variables: Record<string, unknown> = {}, cookie: string | undefined = adminCookie) {
  const before = await auditCount()
  const response = await app.gql(query, variables, { cookie })
  const result = response.data?.[field]
  expect(response.errors, `${field}: ${JSON.stringify(response.errors)}`).toBeUndefined()
  expect(typeof result === 'object' && result !== null ? result.__typename : 'ok', `${field}: ${JSON.stringify(result)}`).not.toMatch(/Error$/)
  const rows = (await owner.query('SELECT operation, request_id, related FROM audit_log ORDER BY id DESC LIMIT 2')).rows
  expect(await auditCount(), `${field} audit rows`).toBe(before + 1)
  expect(rows[0].operation).toBe(field)
  expect(rows[0].request_id).toMatch(/^[0-9a-f-]{36}$/)
  audited.push(field)
  return result
}

describe('the audit rows themselves', () => {
  it('the application role cannot change or remove them; the owner is stopped by a trigger', async () => {
    await succeeds('createCustomer', `mutation { createCustomer(input: { name: "Audited", homeDesk: UK, currency: GBP }) { __typename } }`)
    const db = app.database.dataSource
    await expect(db.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/permission denied/)
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/)
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/)
    // The owner (the connecting user, here with any role dropped for the transaction) is stopped by the trigger.
    for (const statement of [`UPDATE audit_log SET action = 'forged'`, `DELETE FROM audit_log`]) {
      await owner.query('BEGIN')
      await owner.query('SET LOCAL ROLE NONE')
      await expect(owner.query(statement)).rejects.toThrow(/append-only/)
      await owner.query('ROLLBACK')
    }
    expect((await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'forged'`)).rows[0].n).toBe(0)
  })
})

describe('one row per successful mutation', () => {
  it('a chain of real mutations, each with exactly one row', async () => {
    const RESULT = (extra = '') => `__typename ... on Error { code message } ${extra}`
    const customer = await succeeds('createCustomer', `mutation { createCustomer(input: { name: "Chain Co", homeDesk: PACIFIC, currency: USD }) { ${RESULT('... on MutationCreateCustomerSuccess { customer { id version } }')} } }`)
    const customerId = customer.customer.id
    await succeeds('updateCustomer', `mutation($id: ID!) { updateCustomer(input: { id: $id, expectedVersion: 1, name: "Chain Company" }) { ${RESULT()} } }`, { id: customerId })
    const contact = await succeeds(
      'createContact',
      `mutation($c: ID!) { createContact(input: { customerId: $c, email: "chain@chain.test", name: "Casey Chain", portalAccess: true, isCustomerAdmin: true }) { ${RESULT('... on MutationCreateContactSuccess { contact { id version } }')} } }`,
      { c: customerId },
    )
    const contactId = contact.contact.id
    // Portal access comes by an emailed invitation: the contact sets a password from its one-time link.
    const [invitation] = (await owner.query(`SELECT text_body FROM email_messages WHERE to_address = 'chain@chain.test' AND kind = 'CONTACT_INVITE'`)).rows
    await succeeds(
      'setPasswordWithLink',
      `mutation($t: String!, $p: String!) { setPasswordWithLink(token: $t, password: $p) { ${RESULT()} } }`,
      { t: linkIn(invitation.text_body).token, p: TEST_PASSWORD },
      undefined,
    )
    const { version } = (await app.gql('query($id: ID!) { node(id: $id) { ... on Contact { version } } }', { id: contactId }, { cookie: adminCookie })).data.node
    await succeeds('updateContact', `mutation($id: ID!, $v: Int!) { updateContact(input: { id: $id, expectedVersion: $v, name: "Casey Chain-Smith" }) { ${RESULT()} } }`, { id: contactId, v: version })
    const edition = (await app.gql('{ productEditions { id name } }', {}, { cookie: adminCookie })).data.productEditions.find((e: { name: string }) => e.name === 'Pro')
    const license = await succeeds(
      'createLicense',
      `mutation($c: ID!, $e: ID!) { createLicense(input: { customerId: $c, editionId: $e, price: { amount: "1000", currency: USD }, purchasedOn: "2026-01-01" }) { ${RESULT('... on MutationCreateLicenseSuccess { license { id } }')} } }`,
      { c: customerId, e: edition.id },
    )
    const contract = await succeeds(
      'createContract',
      `mutation($l: ID!, $k: [ID!]) { createContract(input: { kind: MAINTENANCE, licenseId: $l, startsOn: "2026-01-01", keyContactIds: $k }) { ${RESULT('... on MutationCreateContractSuccess { contract { id version } }')} } }`,
      { l: license.license.id, k: [contactId] },
    )
    const renewed = await succeeds(
      'renewContract',
      `mutation($c: ID!, $v: Int!) { renewContract(contractId: $c, expectedVersion: $v) { ${RESULT('... on MutationRenewContractSuccess { contract { version } }')} } }`,
      { c: contract.contract.id, v: contract.contract.version },
    )
    await succeeds(
      'changeKeyContacts',
      `mutation($c: ID!, $v: Int!, $r: ID) { changeKeyContacts(contractId: $c, expectedVersion: $v, removeContactId: $r, reason: "Left the team") { ${RESULT()} } }`,
      { c: contract.contract.id, v: renewed.contract.version, r: contactId },
    )
    // A contact signs in, opens a ticket and replies; staff work it.
    const login = await app.gql(`mutation { login(email: "chain@chain.test", password: "${TEST_PASSWORD}") { __typename } }`)
    expect(login.data.login.__typename).toBe('MutationLoginSuccess')
    const contactCookie = login.headers.get('set-cookie')!.split(';')[0]!
    const ticket = await succeeds(
      'openTicket',
      `mutation { openTicket(input: { subject: "Chain question", body: "Details", category: DATA_DISCREPANCY }) { ${RESULT('... on MutationOpenTicketSuccess { ticket { id } }')} } }`,
      {},
      contactCookie,
    )
    const ticketId = ticket.ticket.id
    await succeeds('replyToTicket', `mutation($t: ID!) { replyToTicket(ticketId: $t, body: "More details") { ${RESULT()} } }`, { t: ticketId }, contactCookie)
    await succeeds('replyToTicket', `mutation($t: ID!) { replyToTicket(ticketId: $t, body: "Looking", internal: true) { ${RESULT()} } }`, { t: ticketId })
    await succeeds('changeTicketStatus', `mutation($t: ID!) { changeTicketStatus(ticketId: $t, status: WAITING_ON_CUSTOMER) { ${RESULT()} } }`, { t: ticketId })
    await succeeds('assignTicket', `mutation($t: ID!) { assignTicket(ticketId: $t) { ${RESULT()} } }`, { t: ticketId })
    await succeeds('decideTicketScope', `mutation($t: ID!) { decideTicketScope(ticketId: $t, scope: NEEDS_REVIEW, reason: "Might be a custom report") { ${RESULT()} } }`, { t: ticketId })
    const escalated = await succeeds(
      'escalateTicket',
      `mutation($t: ID!) { escalateTicket(ticketId: $t, estimatedHours: "2") { ${RESULT('... on MutationEscalateTicketSuccess { quote { id } }')} } }`,
      { t: ticketId },
    )
    await succeeds('sendQuote', `mutation($q: ID!) { sendQuote(quoteId: $q) { ${RESULT()} } }`, { q: escalated.quote.id })
    await succeeds('acceptQuote', `mutation($q: ID!) { acceptQuote(quoteId: $q, note: "Go ahead") { ${RESULT()} } }`, { q: escalated.quote.id }, contactCookie)
    await succeeds('logTime', `mutation($t: ID!) { logTime(ticketId: $t, minutes: 30, note: "Investigated") { ${RESULT()} } }`, { t: ticketId })
    await succeeds('createRenewalQuote', `mutation($c: ID!) { createRenewalQuote(contractId: $c) { ${RESULT()} } }`, { c: contract.contract.id })
    const quote = await succeeds(
      'createQuote',
      `mutation($c: ID!) { createQuote(customerId: $c, lines: [{ kind: HOURS, quantity: "2" }], validUntil: "2026-12-31") { ${RESULT('... on MutationCreateQuoteSuccess { quote { id } }')} } }`,
      { c: customerId },
    )
    await succeeds('sendQuote', `mutation($q: ID!) { sendQuote(quoteId: $q) { ${RESULT()} } }`, { q: quote.quote.id })
    await succeeds('withdrawQuote', `mutation($q: ID!) { withdrawQuote(quoteId: $q) { ${RESULT()} } }`, { q: quote.quote.id })
    const token = await succeeds('createApiToken', `mutation { createApiToken(input: { name: "Chain token", scope: READ }) { ${RESULT('... on MutationCreateApiTokenSuccess { created { apiToken { id } } }')} } }`)
    await succeeds('revokeApiToken', `mutation($id: ID!) { revokeApiToken(id: $id) { ${RESULT()} } }`, { id: token.created.apiToken.id })
    await succeeds('addDeskHoliday', `mutation { addDeskHoliday(desk: UK, date: "2026-12-15", name: "Chain day") { ${RESULT()} } }`)
    await succeeds('removeDeskHoliday', `mutation { removeDeskHoliday(desk: UK, date: "2026-12-15") { ${RESULT()} } }`)
    const release = await succeeds('createRelease', `mutation { createRelease(input: { version: "9.9.9", releasedOn: "2026-11-01", notes: "Chain" }) { ${RESULT('... on MutationCreateReleaseSuccess { release { id lockVersion } }')} } }`)
    await succeeds('deleteRelease', `mutation($id: ID!, $v: Int!) { deleteRelease(id: $id, expectedLockVersion: $v) { ${RESULT()} } }`, { id: release.release.id, v: release.release.lockVersion })
    const article = await succeeds('createArticle', `mutation { createArticle(input: { title: "Chain article", body: "Body", visibility: PUBLIC }) { ${RESULT('... on MutationCreateArticleSuccess { article { id version } }')} } }`)
    await succeeds('publishArticle', `mutation($id: ID!, $v: Int!) { publishArticle(id: $id, expectedVersion: $v) { ${RESULT()} } }`, { id: article.article.id, v: article.article.version })
    await succeeds('citeArticles', `mutation($t: ID!, $a: [ID!]!) { citeArticles(ticketId: $t, articleIds: $a) { ${RESULT()} } }`, { t: ticketId, a: [article.article.id] })
    await succeeds('cancelContract', `mutation($c: ID!) { cancelContract(contractId: $c, expectedVersion: ${'$'}v, reason: "Customer left") { ${RESULT()} } }`.replace('mutation($c: ID!)', 'mutation($c: ID!, $v: Int!)'), {
      c: contract.contract.id,
      v: (await owner.query('SELECT version FROM contracts WHERE id = $1', [Buffer.from(contract.contract.id, 'base64').toString().split(':')[1]])).rows[0].version,
    })
    await succeeds(
      'submitConsultingRequest',
      `mutation { submitConsultingRequest(name: "Nia", email: "nia@new.test", organisation: "New Org", message: "We would like help with a migration.") { ${RESULT()} } }`,
      {},
      undefined,
    )
    // Quotes: a revision of a sent quote and its draft edited; another declined by the customer.
    const sentForRevision = await succeeds('createQuote', `mutation($c: ID!) { createQuote(customerId: $c, lines: [{ kind: HOURS, quantity: "1" }], validUntil: "2026-12-31") { ${RESULT('... on MutationCreateQuoteSuccess { quote { id } }')} } }`, { c: customerId })
    await succeeds('sendQuote', `mutation($q: ID!) { sendQuote(quoteId: $q) { ${RESULT()} } }`, { q: sentForRevision.quote.id })
    const revision = await succeeds('reviseQuote', `mutation($q: ID!) { reviseQuote(quoteId: $q) { ${RESULT('... on MutationReviseQuoteSuccess { quote { id } }')} } }`, { q: sentForRevision.quote.id })
    await succeeds('updateDraftQuote', `mutation($q: ID!) { updateDraftQuote(quoteId: $q, lines: [{ kind: HOURS, quantity: "4" }]) { ${RESULT()} } }`, { q: revision.quote.id })
    await succeeds('sendQuote', `mutation($q: ID!) { sendQuote(quoteId: $q) { ${RESULT()} } }`, { q: revision.quote.id })
    await succeeds('declineQuote', `mutation($q: ID!) { declineQuote(quoteId: $q, note: "Not now") { ${RESULT()} } }`, { q: revision.quote.id }, contactCookie)
    // Licenses: a second one upgraded, then the upgrade retired.
    const editions = (await app.gql('{ productEditions { id name } }', {}, { cookie: adminCookie })).data.productEditions
    const standard = await succeeds(
      'createLicense',
      `mutation($c: ID!, $e: ID!) { createLicense(input: { customerId: $c, editionId: $e, price: { amount: "500", currency: USD }, purchasedOn: "2026-02-01" }) { ${RESULT('... on MutationCreateLicenseSuccess { license { id version } }')} } }`,
      { c: customerId, e: editions.find((e: { name: string }) => e.name === 'Standard').id },
    )
    const upgraded = await succeeds(
      'upgradeLicense',
      `mutation($l: ID!, $v: Int!, $e: ID!) { upgradeLicense(input: { licenseId: $l, expectedVersion: $v, editionId: $e, price: { amount: "900", currency: USD }, purchasedOn: "2026-03-01" }) { ${RESULT('... on MutationUpgradeLicenseSuccess { license { id version } }')} } }`,
      { l: standard.license.id, v: standard.license.version, e: editions.find((e: { name: string }) => e.name === 'Enterprise').id },
    )
    await succeeds('retireLicense', `mutation($l: ID!, $v: Int!) { retireLicense(licenseId: $l, expectedVersion: $v, reason: "Moved to the cloud") { ${RESULT()} } }`, { l: upgraded.license.id, v: upgraded.license.version })
    // Knowledge: the cited article edited, put in a newsletter issue, and both taken back.
    const articleRow = async () => (await owner.query('SELECT version FROM articles WHERE id = $1', [rawId(article.article.id)])).rows[0].version as number
    await succeeds('updateArticle', `mutation($id: ID!, $v: Int!) { updateArticle(input: { id: $id, expectedVersion: $v, body: "Body, revised" }) { ${RESULT()} } }`, { id: article.article.id, v: await articleRow() })
    const issue = await succeeds(
      'createNewsletterIssue',
      `mutation($a: [ID!]) { createNewsletterIssue(input: { month: "2026-10", title: "October", intro: "News", articleIds: $a }) { ${RESULT('... on MutationCreateNewsletterIssueSuccess { issue { id version } }')} } }`,
      { a: [article.article.id] },
    )
    const issueVersion = async () => (await owner.query('SELECT version FROM newsletter_issues WHERE id = $1', [rawId(issue.issue.id)])).rows[0].version as number
    await succeeds('updateNewsletterIssue', `mutation($id: ID!, $v: Int!) { updateNewsletterIssue(input: { id: $id, expectedVersion: $v, title: "October news" }) { ${RESULT()} } }`, { id: issue.issue.id, v: await issueVersion() })
    await succeeds('publishNewsletterIssue', `mutation($id: ID!, $v: Int!) { publishNewsletterIssue(id: $id, expectedVersion: $v) { ${RESULT()} } }`, { id: issue.issue.id, v: await issueVersion() })
    await succeeds('unpublishNewsletterIssue', `mutation($id: ID!, $v: Int!) { unpublishNewsletterIssue(id: $id, expectedVersion: $v) { ${RESULT()} } }`, { id: issue.issue.id, v: await issueVersion() })
    await succeeds('unpublishArticle', `mutation($id: ID!, $v: Int!) { unpublishArticle(id: $id, expectedVersion: $v) { ${RESULT()} } }`, { id: article.article.id, v: await articleRow() })
    await succeeds('restoreArticleRevision', `mutation($id: ID!, $v: Int!) { restoreArticleRevision(id: $id, expectedVersion: $v, revision: 1) { ${RESULT()} } }`, { id: article.article.id, v: await articleRow() })
    // Releases and desk hours.
    const other = await succeeds('createRelease', `mutation { createRelease(input: { version: "9.9.10", releasedOn: "2026-11-02" }) { ${RESULT('... on MutationCreateReleaseSuccess { release { id lockVersion } }')} } }`)
    await succeeds('updateRelease', `mutation($id: ID!, $v: Int!) { updateRelease(input: { id: $id, expectedLockVersion: $v, notes: "Fixes" }) { ${RESULT()} } }`, { id: other.release.id, v: other.release.lockVersion })
    const desk = (await app.gql('{ desks { code version } }', {}, { cookie: adminCookie })).data.desks.find((d: { code: string }) => d.code === 'UK')
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '18:00' }))
    await succeeds('setDeskHours', `mutation($v: Int!, $h: [DeskHoursInput!]!) { setDeskHours(desk: UK, expectedVersion: $v, hours: $h) { ${RESULT()} } }`, { v: desk.version, h: hours })
    await succeeds('logout', `mutation { logout }`, {}, contactCookie)
    await succeeds('login', `mutation { login(email: "chain@chain.test", password: "${TEST_PASSWORD}") { ${RESULT()} } }`, {}, undefined)
  })

  it('a mutation that records several changes writes one row, the others merged into it; a failed one none', async () => {
    const ctx = { requestId: randomUUID(), viewer: { kind: 'anonymous' }, db: app.database.dataSource, now: () => new Date() } as unknown as RequestContext
    const record = (n: number) => ({ action: `thing.changed`, entityType: 'Thing', entityId: randomUUID(), customerId: null, after: { n } })
    const scope = () => ({ requestId: ctx.requestId, tenant: null, mutation: { field: 'changeThings', open: new Map(), written: 0 } })
    const before = await auditCount()
    await requestScope.run(scope(), () =>
      withTransaction(ctx, async (manager) => {
        for (const n of [1, 2, 3]) await recordAudit(manager, ctx, record(n))
      }),
    )
    expect(await auditCount()).toBe(before + 1)
    const [row] = (await owner.query(`SELECT operation, after, related FROM audit_log WHERE request_id = $1`, [ctx.requestId])).rows
    expect(row.operation).toBe('changeThings')
    expect(row.after).toEqual({ n: 1 })
    expect(row.related.map((r: { after: { n: number } }) => r.after.n)).toEqual([2, 3])
    await expect(
      requestScope.run(scope(), () =>
        withTransaction(ctx, async (manager) => {
          await recordAudit(manager, ctx, record(4))
          throw new Error('the change fails after recording')
        }),
      ),
    ).rejects.toThrow('the change fails')
    expect(await auditCount()).toBe(before + 1)
  })
})

describe('every mutation field of the schema', () => {
  it('called with plain but wrong arguments: a failure writes no row, a success exactly one', async () => {
    const fields = rootFields(getSchema(), 'mutation')
    const report: string[] = []
    for (const field of fields) {
      for (const cookie of [adminCookie, undefined]) {
        const { query, variables } = operationFor('mutation', field, plainValue, { depth: 1 })
        const before = await auditCount()
        const response = await app.gql(query, variables, { cookie })
        const result = response.data?.[field.name]
        const succeeded = !response.errors && result !== undefined && result !== null && !(typeof result === 'object' && /Error$/.test(result.__typename))
        const added = (await auditCount()) - before
        expect(added, `${field.name} as ${cookie ? 'admin' : 'anonymous'}: ${succeeded ? 'succeeded' : 'failed'} ${JSON.stringify(response.errors ?? result).slice(0, 200)}`).toBe(succeeded ? 1 : 0)
        if (succeeded) report.push(`${field.name}${cookie ? '' : ' (anonymous)'}`)
      }
    }
    const covered = new Set(audited)
    const neverSucceeded = fields.map((f) => f.name).filter((name) => !covered.has(name) && !report.some((r) => r.startsWith(name)))
    console.log(
      `audit walk: ${fields.length} mutations failed with no row (as admin and anonymous); ` +
        `succeeded with exactly one row: ${[...covered].length} in the chain, ${report.length} with plain arguments (${report.join(', ')}). ` +
        `Proven only by failure: ${neverSucceeded.join(', ')}`,
    )
  })
})
