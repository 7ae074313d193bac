import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { newArticle, rawId, RESULT } from './helpers.js'

// A reply and the articles it cites are one change (issue 7, item 3): `replyToTicket(citedArticleIds)`.
const TICKET_FIELDS = 'id status citedArticles { title } messages { id body internal } timeline { kind summary }'
const REPLY = `mutation($t: ID!, $b: String!, $i: Boolean, $c: [ID!]) {
  replyToTicket(ticketId: $t, body: $b, internal: $i, citedArticleIds: $c) { ${RESULT('MutationReplyToTicketSuccess', `ticket { ${TICKET_FIELDS} }`)} }
}`
const TICKET = `query($id: ID!) { ticket(id: $id) { ${TICKET_FIELDS} } }`
const CITATIONS = `query($id: ID!) { ticket(id: $id) { articleCitations { article { title } citedByName customerVisible } } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let staff: string
let staffName: string
let contact: string
let pub: any
let forCustomers: any
let internal: any
let draft: any
beforeAll(async () => {
  app = await createTestApp({ clock })
  const db = app.database.dataSource
  const engineer = await makeStaff(db, { role: 'ENGINEER' })
  staffName = engineer.name
  staff = await app.signIn(engineer.email)
  contact = await app.signIn((await makeCoveredCustomer(db)).keyContact.email)
  pub = await newArticle(app, staff, { title: 'Empty reports checklist', body: 'Check the filters.', visibility: 'PUBLIC' })
  forCustomers = await newArticle(app, staff, { title: 'Report filters for customers', body: 'Filters.', visibility: 'CUSTOMERS' })
  internal = await newArticle(app, staff, { title: 'Report pipeline internals', body: 'Queues.', visibility: 'INTERNAL' })
  draft = await newArticle(app, staff, { title: 'Half written', body: 'TODO', visibility: 'PUBLIC', publish: false })
})
afterAll(() => app.close())

async function openTicket(): Promise<string> {
  const opened = await app.gql(
    `mutation { openTicket(input: { subject: "Reports look empty", body: "Since Monday.", category: FEATURE_HELP }) { ... on MutationOpenTicketSuccess { ticket { id } } } }`,
    {},
    { cookie: contact },
  )
  return opened.data.openTicket.ticket.id as string
}

const db = () => app.database.dataSource
const citationRows = (ticketId: string) =>
  db().query(
    `SELECT a.title, c.message_id, c.customer_visible, c.xmin::text AS tx FROM ticket_article_citations c JOIN articles a ON a.id = c.article_id WHERE c.ticket_id = $1 ORDER BY a.title`,
    [rawId(ticketId)],
  )
const messageCount = async (ticketId: string) => Number((await db().query('SELECT count(*) AS n FROM ticket_messages WHERE ticket_id = $1', [rawId(ticketId)]))[0].n)

describe('a reply cites articles in the same transaction', () => {
  it('records the reply and its citations together, linked to the message; the customer sees both', async () => {
    const ticketId = await openTicket()
    const body = `Please work through [Empty reports checklist](/portal/knowledge/articles/${pub.slug}) and [Report filters for customers](/portal/knowledge/articles/${forCustomers.slug}).`
    const replied = (await app.gql(REPLY, { t: ticketId, b: body, c: [pub.id, forCustomers.id, pub.id] }, { cookie: staff })).data.replyToTicket
    expect(replied.__typename).toBe('MutationReplyToTicketSuccess')
    expect(replied.ticket.citedArticles.map((a: any) => a.title)).toEqual(['Empty reports checklist', 'Report filters for customers'])
    const message = replied.ticket.messages.at(-1)
    expect(message).toMatchObject({ body, internal: false })

    // One transaction: both citations point at the reply and were written by the same transaction as the message.
    const [{ tx: messageTx }] = await db().query('SELECT xmin::text AS tx FROM ticket_messages WHERE id = $1', [message.id])
    const rows = await citationRows(ticketId)
    expect(rows.map((r: any) => ({ title: r.title, message: r.message_id, visible: r.customer_visible, tx: r.tx }))).toEqual([
      { title: 'Empty reports checklist', message: message.id, visible: true, tx: messageTx },
      { title: 'Report filters for customers', message: message.id, visible: true, tx: messageTx },
    ])
    // The mutation's one audit row.
    const audit = await db().query(`SELECT action FROM audit_log WHERE entity_id = $1 AND operation = 'replyToTicket'`, [rawId(ticketId)])
    expect(audit).toHaveLength(1)

    const seen = (await app.gql(TICKET, { id: ticketId }, { cookie: contact })).data.ticket
    expect(seen.citedArticles.map((a: any) => a.title)).toEqual(['Empty reports checklist', 'Report filters for customers'])
    expect(seen.messages.at(-1).body).toBe(body)
    expect(seen.timeline.filter((e: any) => e.kind === 'ARTICLES_CITED').map((e: any) => e.summary)).toEqual([
      'Cited articles: “Empty reports checklist”, “Report filters for customers”',
    ])

    // Citing one again with a later reply changes nothing.
    const again = (await app.gql(REPLY, { t: ticketId, b: 'See the checklist again.', c: [pub.id] }, { cookie: staff })).data.replyToTicket
    expect(again.ticket.timeline.filter((e: any) => e.kind === 'ARTICLES_CITED')).toHaveLength(1)
    expect((await citationRows(ticketId)).map((r: any) => r.message_id)).toEqual([message.id, message.id])
  })

  it('refuses an INTERNAL article in a public reply with a typed error, and writes nothing at all', async () => {
    const ticketId = await openTicket()
    const before = (await app.gql(TICKET, { id: ticketId }, { cookie: staff })).data.ticket
    const refused = (
      await app.gql(REPLY, { t: ticketId, b: 'See the internals and the checklist.', c: [pub.id, internal.id] }, { cookie: staff })
    ).data.replyToTicket
    expect(refused).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION',
      message: '“Report pipeline internals” is an internal article: the customer cannot open it. Remove its link from the reply, or send the text as an internal note.',
      fieldErrors: [
        {
          field: 'citedArticleIds.1',
          message: '“Report pipeline internals” is an internal article: the customer cannot open it. Remove its link from the reply, or send the text as an internal note.',
        },
      ],
    })
    // Neither the reply nor the public article's citation was kept, and the first response is still due.
    expect(await messageCount(ticketId)).toBe(1)
    expect(await citationRows(ticketId)).toEqual([])
    const after = (await app.gql(TICKET, { id: ticketId }, { cookie: staff })).data.ticket
    expect(after).toEqual(before)
  })

  it('an internal note may cite any published article; the customer sees none of it until a public reply cites it', async () => {
    const ticketId = await openTicket()
    const noted = (
      await app.gql(REPLY, { t: ticketId, b: 'Pipeline internals and the checklist explain it.', i: true, c: [internal.id, pub.id] }, { cookie: staff })
    ).data.replyToTicket
    expect(noted.__typename).toBe('MutationReplyToTicketSuccess')
    expect(noted.ticket.citedArticles.map((a: any) => a.title)).toEqual(['Empty reports checklist', 'Report pipeline internals'])
    expect(noted.ticket.timeline.filter((e: any) => e.kind === 'ARTICLES_CITED').map((e: any) => e.summary)).toEqual([
      'Cited in an internal note: “Report pipeline internals”, “Empty reports checklist”',
    ])
    expect((await app.gql(CITATIONS, { id: ticketId }, { cookie: staff })).data.ticket.articleCitations).toEqual([
      { article: { title: 'Empty reports checklist' }, citedByName: staffName, customerVisible: false },
      { article: { title: 'Report pipeline internals' }, citedByName: staffName, customerVisible: false },
    ])
    const hidden = (await app.gql(TICKET, { id: ticketId }, { cookie: contact })).data.ticket
    expect(hidden.citedArticles).toEqual([])
    expect(hidden.timeline.filter((e: any) => e.kind === 'ARTICLES_CITED')).toEqual([])

    await app.gql(REPLY, { t: ticketId, b: `Please read [the checklist](/portal/knowledge/articles/${pub.slug}).`, c: [pub.id] }, { cookie: staff })
    const shown = (await app.gql(TICKET, { id: ticketId }, { cookie: contact })).data.ticket
    expect(shown.citedArticles.map((a: any) => a.title)).toEqual(['Empty reports checklist'])
    expect(shown.timeline.filter((e: any) => e.kind === 'ARTICLES_CITED').map((e: any) => e.summary)).toEqual(['Cited article: “Empty reports checklist”'])
    expect((await app.gql(CITATIONS, { id: ticketId }, { cookie: staff })).data.ticket.articleCitations.map((c: any) => c.customerVisible)).toEqual([true, false])
    // Who cited which article is for staff.
    expect((await app.gql(CITATIONS, { id: ticketId }, { cookie: contact })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('refuses drafts, unknown articles, too many and a contact citing, keeping nothing', async () => {
    const ticketId = await openTicket()
    expect((await app.gql(REPLY, { t: ticketId, b: 'Draft.', c: [draft.id] }, { cookie: staff })).data.replyToTicket).toMatchObject({
      __typename: 'PolicyError',
      rule: 'RULE_VIOLATION',
      message: 'Publish “Half written” before citing it: a customer cannot open a draft.',
    })
    expect((await app.gql(REPLY, { t: ticketId, b: 'Unknown.', c: [pub.id, globalId('Article', randomUUID())] }, { cookie: staff })).data.replyToTicket).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'citedArticleIds.1', message: 'That article does not exist.' }],
    })
    const many = Array.from({ length: 11 }, () => globalId('Article', randomUUID()))
    expect((await app.gql(REPLY, { t: ticketId, b: 'Many.', c: many }, { cookie: staff })).data.replyToTicket).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'citedArticleIds', message: 'Cite at most 10 articles at a time.' }],
    })
    expect((await app.gql(REPLY, { t: ticketId, b: 'I read this.', c: [pub.id] }, { cookie: contact })).data.replyToTicket).toMatchObject({
      __typename: 'ForbiddenError',
      message: 'Only staff cite knowledge base articles in replies.',
    })
    expect(await messageCount(ticketId)).toBe(1)
    expect(await citationRows(ticketId)).toEqual([])
    // Without citations a reply is as before.
    const plain = (await app.gql(REPLY, { t: ticketId, b: 'Plain answer.', c: [] }, { cookie: staff })).data.replyToTicket
    expect(plain.__typename).toBe('MutationReplyToTicketSuccess')
    expect(plain.ticket.citedArticles).toEqual([])
  })
})

describe('finding an article to cite', () => {
  const SUGGEST = `query($s: String!, $n: Int) { suggestArticles(subject: $s, first: $n) { article { title visibility status } } }`

  it('staff get published articles of every visibility for words being typed, best first, as many as asked up to 10', async () => {
    const found = (await app.gql(SUGGEST, { s: 'report filt', n: 6 }, { cookie: staff })).data.suggestArticles.map((s: any) => s.article)
    expect(found[0]).toEqual({ title: 'Report filters for customers', visibility: 'CUSTOMERS', status: 'PUBLISHED' })
    expect(found.map((a: any) => a.title)).toEqual(expect.arrayContaining(['Empty reports checklist', 'Report pipeline internals']))
    expect(found.every((a: any) => a.status === 'PUBLISHED')).toBe(true)
    for (let i = 1; i <= 11; i++) await newArticle(app, staff, { title: `Widget guide ${i}`, body: 'Widgets.', visibility: 'PUBLIC' })
    expect((await app.gql(SUGGEST, { s: 'widget', n: 50 }, { cookie: staff })).data.suggestArticles).toHaveLength(10)
    expect((await app.gql(SUGGEST, { s: 'widget', n: 0 }, { cookie: staff })).data.suggestArticles).toHaveLength(1)
    expect((await app.gql(SUGGEST, { s: 'widget' }, { cookie: staff })).data.suggestArticles).toHaveLength(3)
    // A contact never gets an internal one, however many are asked for.
    expect((await app.gql(SUGGEST, { s: 'report', n: 10 }, { cookie: contact })).data.suggestArticles.map((s: any) => s.article.visibility)).not.toContain('INTERNAL')
  })
})
