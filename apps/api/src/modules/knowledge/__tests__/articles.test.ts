import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globalId, makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { ARTICLE, CREATE_ARTICLE, newArticle, PUBLISH_ARTICLE, rawId, RESULT, UNPUBLISH_ARTICLE, UPDATE_ARTICLE } from './helpers.js'

const REVISIONS = `query($id: ID!, $after: String) { article(id: $id) { revision revisions(first: 2, after: $after) {
  edges { node { revision title slug body tags visibility savedByName } } pageInfo { hasNextPage endCursor } } } }`
const RESTORE = `mutation($id: ID!, $v: Int!, $r: Int!) { restoreArticleRevision(id: $id, expectedVersion: $v, revision: $r) { ${RESULT('MutationRestoreArticleRevisionSuccess', `article { ${ARTICLE} }`)} } }`
const GET = `query($id: ID!) { article(id: $id) { id title visibility status } }`
const BY_SLUG = `query($slug: String!) { articleBySlug(slug: $slug) { id title } }`
const NODE = `query($id: ID!) { node(id: $id) { id ... on Article { title } } }`
const LIST = `query($tag: String) { articles(first: 50, tag: $tag) { edges { node { title visibility status } } } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let engineer: string
let admin: string
let engineerName: string
let contact: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  const db = app.database.dataSource
  const staff = await makeStaff(db, { role: 'ENGINEER', name: 'Erin Engineer' })
  engineerName = staff.name
  engineer = await app.signIn(staff.email)
  admin = await app.signIn((await makeStaff(db, { role: 'ADMIN', desk: null })).email)
  contact = await app.signIn((await makeCoveredCustomer(db)).otherContact.email)
})
afterAll(() => app.close())

const auditActions = async (entityId: string) =>
  (await app.database.dataSource.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [entityId])).map((r: any) => r.action)

describe('articles: writing, revisions and audit', () => {
  it('staff create a draft with a slug made from the title; it is audited with its author', async () => {
    const article = await newArticle(app, engineer, { title: 'Installing the Tracker — Quick Start', body: 'Step **one**.', visibility: 'CUSTOMERS', tags: ['Setup', 'setup', 'Tracker'], publish: false })
    expect(article).toMatchObject({ slug: 'installing-the-tracker-quick-start', status: 'DRAFT', revision: 1, version: 1, authorName: engineerName, tags: ['setup', 'tracker'], publishedAt: null })
    expect(article.html).toBe('<p>Step <strong>one</strong>.</p>')
    const again = await newArticle(app, engineer, { title: 'Installing the tracker: quick start', body: 'Another.', visibility: 'PUBLIC' })
    expect(again.slug).toBe('installing-the-tracker-quick-start-2')
    const [row] = await app.database.dataSource.query(`SELECT actor_kind, after FROM audit_log WHERE entity_id = $1 AND action = 'article.created'`, [rawId(article.id)])
    expect(row).toMatchObject({ actor_kind: 'STAFF', after: { title: 'Installing the Tracker — Quick Start', status: 'DRAFT', revision: 1 } })
  })

  it('every save keeps the previous version; the revisions list them newest first; a save that changes nothing adds none', async () => {
    const first = await newArticle(app, engineer, { title: 'Proxy settings', body: 'Version one of the text.', visibility: 'PUBLIC', tags: ['network'] })
    const second = (await app.gql(UPDATE_ARTICLE, { input: { id: first.id, expectedVersion: first.version, body: 'Version two of the text.' } }, { cookie: engineer })).data.updateArticle.article
    expect(second).toMatchObject({ revision: 2, version: 2, body: 'Version two of the text.', status: 'PUBLISHED' })
    const third = (await app.gql(UPDATE_ARTICLE, { input: { id: first.id, expectedVersion: 2, title: 'Proxy and firewall settings', tags: ['network', 'firewall'], visibility: 'CUSTOMERS' } }, { cookie: admin })).data.updateArticle.article
    expect(third).toMatchObject({ revision: 3, title: 'Proxy and firewall settings', slug: 'proxy-settings', visibility: 'CUSTOMERS' })
    const same = (await app.gql(UPDATE_ARTICLE, { input: { id: first.id, expectedVersion: 3, title: 'Proxy and firewall settings' } }, { cookie: admin })).data.updateArticle.article
    expect(same).toMatchObject({ revision: 3, version: 3 })

    const page1 = (await app.gql(REVISIONS, { id: first.id }, { cookie: engineer })).data.article
    expect(page1.revision).toBe(3)
    expect(page1.revisions.edges.map((e: any) => e.node.revision)).toEqual([3, 2])
    expect(page1.revisions.edges[0].node).toMatchObject({ title: 'Proxy and firewall settings', tags: ['network', 'firewall'], visibility: 'CUSTOMERS' })
    expect(page1.revisions.pageInfo.hasNextPage).toBe(true)
    const page2 = (await app.gql(REVISIONS, { id: first.id, after: page1.revisions.pageInfo.endCursor }, { cookie: engineer })).data.article
    expect(page2.revisions.edges.map((e: any) => e.node)).toEqual([
      { revision: 1, title: 'Proxy settings', slug: 'proxy-settings', body: 'Version one of the text.', tags: ['network'], visibility: 'PUBLIC', savedByName: engineerName },
    ])

    const restored = (await app.gql(RESTORE, { id: first.id, v: 3, r: 1 }, { cookie: engineer })).data.restoreArticleRevision.article
    expect(restored).toMatchObject({ revision: 4, title: 'Proxy settings', body: 'Version one of the text.', visibility: 'PUBLIC', tags: ['network'] })
    const missing = (await app.gql(RESTORE, { id: first.id, v: restored.version, r: 9 }, { cookie: engineer })).data.restoreArticleRevision
    expect(missing).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'revision', message: 'This article has no revision 9; it has 1 to 4.' }] })

    const id = rawId(first.id)
    // Every mutation leaves one audit row: the save that changed nothing is recorded as the bare mutation.
    expect(await auditActions(id)).toEqual(['article.created', 'article.updated', 'article.updated', 'mutation.updateArticle', 'article.restored'])
    const revisions = await app.database.dataSource.query('SELECT revision, body FROM article_revisions WHERE article_id = $1 ORDER BY revision', [id])
    expect(revisions.map((r: any) => r.body)).toEqual(['Version one of the text.', 'Version two of the text.', 'Version two of the text.', 'Version one of the text.'])
  })

  it('a stale version is a CONFLICT and changes nothing', async () => {
    const article = await newArticle(app, engineer, { title: 'Conflicting edits', body: 'Original.', visibility: 'PUBLIC' })
    await app.gql(UPDATE_ARTICLE, { input: { id: article.id, expectedVersion: 1, body: 'First editor.' } }, { cookie: engineer })
    const stale = (await app.gql(UPDATE_ARTICLE, { input: { id: article.id, expectedVersion: 1, body: 'Second editor.' } }, { cookie: admin })).data.updateArticle
    expect(stale).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' })
    expect((await app.gql(GET.replace('status }', 'status revision }'), { id: article.id }, { cookie: engineer })).data.article.revision).toBe(2)
  })

  it('bad input is refused field by field; a slug in use is named', async () => {
    const empty = (await app.gql(CREATE_ARTICLE, { input: { title: '  \u0000 ', body: '', visibility: 'PUBLIC' } }, { cookie: engineer })).data.createArticle
    expect(empty).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'title', message: 'Enter a title.' }] })
    const slug = (await app.gql(CREATE_ARTICLE, { input: { title: 'Slugs', slug: 'Not A Slug!', body: '', visibility: 'PUBLIC' } }, { cookie: engineer })).data.createArticle
    expect(slug.fieldErrors).toEqual([{ field: 'slug', message: 'Use lowercase letters, digits and single hyphens for the slug, e.g. installing-labels.' }])
    await newArticle(app, engineer, { title: 'Taken', slug: 'taken-slug', body: '', visibility: 'PUBLIC' })
    const taken = (await app.gql(CREATE_ARTICLE, { input: { title: 'Other', slug: 'taken-slug', body: '', visibility: 'PUBLIC' } }, { cookie: engineer })).data.createArticle
    expect(taken.fieldErrors).toEqual([{ field: 'slug', message: 'Another article already uses the slug “taken-slug”; choose another.' }])
    const tags = (await app.gql(CREATE_ARTICLE, { input: { title: 'Tags', body: '', visibility: 'PUBLIC', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } }, { cookie: engineer })).data.createArticle
    expect(tags.fieldErrors).toEqual([{ field: 'tags', message: 'Use at most 20 tags.' }])
  })

  it('only staff write: a contact and a visitor are refused', async () => {
    const input = { title: 'Sneaky', body: 'x', visibility: 'PUBLIC' }
    const asContact = await app.gql(CREATE_ARTICLE, { input }, { cookie: contact })
    expect(asContact.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const asVisitor = await app.gql(CREATE_ARTICLE, { input })
    expect(asVisitor.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect(await app.database.dataSource.query(`SELECT 1 FROM articles WHERE title = 'Sneaky'`)).toEqual([])
  })

  it('publish and unpublish move between draft and published, audited; doing it twice is refused', async () => {
    const draft = await newArticle(app, engineer, { title: 'Publishing flow', body: 'Body.', visibility: 'PUBLIC', publish: false })
    const published = (await app.gql(PUBLISH_ARTICLE, { id: draft.id, v: draft.version }, { cookie: engineer })).data.publishArticle.article
    expect(published).toMatchObject({ status: 'PUBLISHED', revision: 1, publishedAt: '2026-11-24T17:00:00.000Z' })
    const twice = (await app.gql(PUBLISH_ARTICLE, { id: draft.id, v: published.version }, { cookie: engineer })).data.publishArticle
    expect(twice).toMatchObject({ __typename: 'PolicyError', rule: 'INVALID_TRANSITION', message: 'This article is already published.' })
    const back = (await app.gql(UNPUBLISH_ARTICLE, { id: draft.id, v: published.version }, { cookie: engineer })).data.unpublishArticle.article
    expect(back.status).toBe('DRAFT')
    const id = rawId(draft.id)
    expect(await auditActions(id)).toEqual(['article.created', 'article.published', 'article.unpublished'])
  })
})

describe('articles: who reads what', () => {
  let articles: Record<string, any>
  beforeAll(async () => {
    const make = (title: string, visibility: 'PUBLIC' | 'CUSTOMERS' | 'INTERNAL', publish = true) =>
      newArticle(app, engineer, { title, body: `About ${title}.`, visibility, tags: ['roles'], publish })
    articles = {
      public: await make('Roles public', 'PUBLIC'),
      customers: await make('Roles customers', 'CUSTOMERS'),
      internal: await make('Roles internal', 'INTERNAL'),
      draft: await make('Roles draft', 'PUBLIC', false),
    }
  })

  const titles = async (cookie?: string) =>
    (await app.gql(LIST, { tag: 'roles' }, { cookie })).data.articles.edges.map((e: any) => e.node.title).sort()

  it('a visitor reads published PUBLIC articles, a contact also CUSTOMERS ones, staff everything', async () => {
    expect(await titles()).toEqual(['Roles public'])
    expect(await titles(contact)).toEqual(['Roles customers', 'Roles public'])
    expect(await titles(engineer)).toEqual(['Roles customers', 'Roles draft', 'Roles internal', 'Roles public'])
    const get = async (key: string, cookie?: string) => (await app.gql(GET, { id: articles[key].id }, { cookie })).data.article?.title ?? null
    expect(await get('public')).toBe('Roles public')
    expect(await get('customers')).toBeNull()
    expect(await get('customers', contact)).toBe('Roles customers')
    expect(await get('draft', contact)).toBeNull()
    expect(await get('internal', engineer)).toBe('Roles internal')
    expect(await get('draft', engineer)).toBe('Roles draft')
  })

  it('an INTERNAL article asked for by a contact is answered exactly as a nonexistent one', async () => {
    const nowhere = globalId('Article', randomUUID())
    for (const query of [GET, NODE]) {
      const internal = await app.gql(query, { id: articles.internal.id }, { cookie: contact })
      const missing = await app.gql(query, { id: nowhere }, { cookie: contact })
      expect(internal.status).toBe(missing.status)
      expect(internal.data).toEqual(missing.data)
      // node() reports a missing record with a masked error whose errorId differs per request; the rest is identical.
      const strip = (errors: typeof internal.errors) => errors?.map((e) => ({ ...e, extensions: { ...e.extensions, errorId: undefined } }))
      expect(strip(internal.errors)).toEqual(strip(missing.errors))
    }
    const bySlug = await app.gql(BY_SLUG, { slug: articles.internal.slug }, { cookie: contact })
    expect(bySlug).toMatchObject({ data: { articleBySlug: null } })
    expect(bySlug.errors).toBeUndefined()
    expect((await app.gql(BY_SLUG, { slug: articles.internal.slug }, { cookie: engineer })).data.articleBySlug.title).toBe('Roles internal')
    // Revisions and the author record are staff-only.
    const revisions = await app.gql(`query($id: ID!) { article(id: $id) { revisions(first: 1) { edges { node { revision } } } } }`, { id: articles.public.id }, { cookie: contact })
    expect(revisions.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('the html field is sanitized for every reader', async () => {
    const article = await newArticle(app, engineer, {
      title: 'Hostile markdown',
      body: 'Hi<script>alert(1)</script> <img src="https://example.com/a.png" onerror="alert(2)"> [click](javascript:alert(3))',
      visibility: 'PUBLIC',
    })
    const html = (await app.gql(`query($id: ID!) { article(id: $id) { html } }`, { id: article.id })).data.article.html
    expect(html).toBe('<p>Hi <img src="https://example.com/a.png" /> <a rel="noopener noreferrer nofollow">click</a></p>')
  })
})
