import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { CREATE_ISSUE, newArticle, PUBLISH_ARTICLE, PUBLISH_ISSUE, rawId, RESULT, UPDATE_ISSUE } from './helpers.js'

const ISSUES = `{ newsletterIssues(first: 10) { edges { node { month title status articles { title } } } } }`
const BY_MONTH = `query($m: String!) { newsletterIssue(month: $m) { month title introHtml articles { title visibility } } }`
const CITE = `mutation($t: ID!, $a: [ID!]!) { citeArticles(ticketId: $t, articleIds: $a) { ${RESULT('MutationCiteArticlesSuccess', 'ticket { id citedArticles { title } }')} } }`
const TICKET = `query($id: ID!) { ticket(id: $id) { citedArticles { title visibility } timeline { kind summary } } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let staff: string
let contact: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  const db = app.database.dataSource
  staff = await app.signIn((await makeStaff(db, { role: 'ENGINEER' })).email)
  contact = await app.signIn((await makeCoveredCustomer(db)).keyContact.email)
})
afterAll(() => app.close())

describe('newsletter issues', () => {
  it('one issue a month, with its articles in order; customers see published issues and the articles they may read', async () => {
    const pub = await newArticle(app, staff, { title: 'News: faster reports', body: 'Reports are faster.', visibility: 'PUBLIC' })
    const cust = await newArticle(app, staff, { title: 'News: for customers', body: 'Customer news.', visibility: 'CUSTOMERS' })
    const draft = await newArticle(app, staff, { title: 'News: not yet', body: 'Soon.', visibility: 'PUBLIC', publish: false })
    const created = (await app.gql(CREATE_ISSUE, { input: { month: '2026-11', title: 'November 2026', intro: 'Hello <script>alert(1)</script>**readers**', articleIds: [cust.id, pub.id, draft.id] } }, { cookie: staff })).data.createNewsletterIssue
    expect(created.issue).toMatchObject({ month: '2026-11', status: 'DRAFT', introHtml: '<p>Hello <strong>readers</strong></p>' })
    expect(created.issue.articles.map((a: any) => a.title)).toEqual(['News: for customers', 'News: faster reports', 'News: not yet'])

    const again = (await app.gql(CREATE_ISSUE, { input: { month: '2026-11', title: 'Another November' } }, { cookie: staff })).data.createNewsletterIssue
    expect(again).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'month', message: 'There is already an issue for 2026-11; edit that one instead.' }] })

    // Not published yet: nobody but staff sees it.
    expect((await app.gql(BY_MONTH, { m: '2026-11' }, { cookie: contact })).data.newsletterIssue).toBeNull()
    const refused = (await app.gql(PUBLISH_ISSUE, { id: created.issue.id, v: 1 }, { cookie: staff })).data.publishNewsletterIssue
    expect(refused).toMatchObject({ __typename: 'PolicyError', rule: 'RULE_VIOLATION', message: 'Publish “News: not yet” first: readers of a published issue cannot open a draft.' })
    await app.gql(PUBLISH_ARTICLE, { id: draft.id, v: draft.version }, { cookie: staff })
    const reordered = (await app.gql(UPDATE_ISSUE, { input: { id: created.issue.id, expectedVersion: 1, articleIds: [pub.id, draft.id, cust.id] } }, { cookie: staff })).data.updateNewsletterIssue.issue
    expect(reordered.articles.map((a: any) => a.title)).toEqual(['News: faster reports', 'News: not yet', 'News: for customers'])
    const published = (await app.gql(PUBLISH_ISSUE, { id: created.issue.id, v: reordered.version }, { cookie: staff })).data.publishNewsletterIssue.issue
    expect(published.status).toBe('PUBLISHED')

    const visitor = (await app.gql(BY_MONTH, { m: '2026-11' })).data.newsletterIssue
    expect(visitor.articles.map((a: any) => a.title)).toEqual(['News: faster reports', 'News: not yet'])
    const asContact = (await app.gql(BY_MONTH, { m: '2026-11' }, { cookie: contact })).data.newsletterIssue
    expect(asContact.articles.map((a: any) => a.title)).toEqual(['News: faster reports', 'News: not yet', 'News: for customers'])
    expect((await app.gql(ISSUES)).data.newsletterIssues.edges.map((e: any) => e.node.month)).toEqual(['2026-11'])
    const actions = await app.database.dataSource.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [rawId(created.issue.id)])
    expect(actions.map((a: any) => a.action)).toEqual(['newsletter_issue.created', 'newsletter_issue.updated', 'newsletter_issue.published'])
  })

  it('refuses a malformed month, internal articles and an article twice', async () => {
    const internal = await newArticle(app, staff, { title: 'Internal runbook', body: 'Staff only.', visibility: 'INTERNAL' })
    const pub = await newArticle(app, staff, { title: 'Public note', body: 'Public.', visibility: 'PUBLIC' })
    const month = (await app.gql(CREATE_ISSUE, { input: { month: '2026-13', title: 'Bad' } }, { cookie: staff })).data.createNewsletterIssue
    expect(month.fieldErrors).toEqual([{ field: 'month', message: 'Write the month as YYYY-MM, e.g. 2026-11.' }])
    const withInternal = (await app.gql(CREATE_ISSUE, { input: { month: '2027-01', title: 'January', articleIds: [pub.id, internal.id] } }, { cookie: staff })).data.createNewsletterIssue
    expect(withInternal.fieldErrors).toEqual([{ field: 'articleIds.1', message: '“Internal runbook” is an internal article; the newsletter goes to customers.' }])
    const twice = (await app.gql(CREATE_ISSUE, { input: { month: '2027-01', title: 'January', articleIds: [pub.id, pub.id] } }, { cookie: staff })).data.createNewsletterIssue
    expect(twice.fieldErrors).toEqual([{ field: 'articleIds', message: 'Each article can appear only once in an issue.' }])
    const asContact = await app.gql(CREATE_ISSUE, { input: { month: '2027-02', title: 'Nope' } }, { cookie: contact })
    expect(asContact.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })
})

describe('citing articles on tickets', () => {
  async function openTicket() {
    const opened = await app.gql(
      `mutation { openTicket(input: { subject: "Reports look empty", body: "Since Monday.", category: FEATURE_HELP }) { ... on MutationOpenTicketSuccess { ticket { id } } } }`,
      {},
      { cookie: contact },
    )
    return opened.data.openTicket.ticket.id as string
  }

  it('an engineer cites published articles once per ticket; the timeline notes it; customers see only what they may read', async () => {
    const ticketId = await openTicket()
    const pub = await newArticle(app, staff, { title: 'Empty reports checklist', body: 'Check the filters.', visibility: 'PUBLIC' })
    const internal = await newArticle(app, staff, { title: 'Report pipeline internals', body: 'Queues.', visibility: 'INTERNAL' })
    const cited = (await app.gql(CITE, { t: ticketId, a: [pub.id, internal.id] }, { cookie: staff })).data.citeArticles
    expect(cited.ticket.citedArticles.map((a: any) => a.title)).toEqual(['Empty reports checklist', 'Report pipeline internals'])
    // Citing again changes nothing.
    await app.gql(CITE, { t: ticketId, a: [pub.id] }, { cookie: staff })

    const forStaff = (await app.gql(TICKET, { id: ticketId }, { cookie: staff })).data.ticket
    expect(forStaff.timeline.filter((e: any) => e.kind === 'ARTICLES_CITED').map((e: any) => e.summary)).toEqual([
      'Cited article: “Empty reports checklist”',
      'Cited internal article: “Report pipeline internals”',
    ])
    const forCustomer = (await app.gql(TICKET, { id: ticketId }, { cookie: contact })).data.ticket
    expect(forCustomer.citedArticles).toEqual([{ title: 'Empty reports checklist', visibility: 'PUBLIC' }])
    expect(forCustomer.timeline.filter((e: any) => e.kind === 'ARTICLES_CITED').map((e: any) => e.summary)).toEqual(['Cited article: “Empty reports checklist”'])
  })

  it('refuses drafts, unknown articles, unknown tickets and anyone but staff', async () => {
    const ticketId = await openTicket()
    const draft = await newArticle(app, staff, { title: 'Half written', body: 'TODO', visibility: 'PUBLIC', publish: false })
    expect((await app.gql(CITE, { t: ticketId, a: [draft.id] }, { cookie: staff })).data.citeArticles).toMatchObject({
      __typename: 'PolicyError',
      message: 'Publish “Half written” before citing it: a customer cannot open a draft.',
    })
    expect((await app.gql(CITE, { t: ticketId, a: [globalId('Article', randomUUID())] }, { cookie: staff })).data.citeArticles).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'articleIds.0', message: 'That article does not exist.' }],
    })
    const pub = await newArticle(app, staff, { title: 'Fine article', body: 'Fine.', visibility: 'PUBLIC' })
    expect((await app.gql(CITE, { t: globalId('Ticket', randomUUID()), a: [pub.id] }, { cookie: staff })).data.citeArticles).toMatchObject({ __typename: 'NotFoundError' })
    expect((await app.gql(CITE, { t: ticketId, a: [pub.id] }, { cookie: contact })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await app.gql(TICKET, { id: ticketId }, { cookie: staff })).data.ticket.citedArticles).toEqual([])
  })
})
