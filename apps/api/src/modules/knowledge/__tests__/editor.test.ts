import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { newArticle } from './helpers.js'

// What the admin screens ask of the API beyond the articles themselves: the editor's live preview, the list's
// search and the tags to filter by.

const PREVIEW = `query($markdown: String!) { previewMarkdown(markdown: $markdown) { __typename
  ... on QueryPreviewMarkdownSuccess { html } ... on ValidationError { message fieldErrors { field message } } } }`
const ARTICLE_HTML = `query($id: ID!) { article(id: $id) { html } }`
const LIST = `query($search: String, $tag: String, $first: Int, $after: String) {
  articles(search: $search, tag: $tag, first: $first, after: $after) { edges { node { title } } pageInfo { hasNextPage endCursor } } }`
const TAGS = `query { articleTags { name count } }`

const clock = createClock('2026-11-24T17:00:00Z')
let app: TestApp
let engineer: string
let contact: string
beforeAll(async () => {
  app = await createTestApp({ clock })
  const db = app.database.dataSource
  engineer = await app.signIn((await makeStaff(db, { role: 'ENGINEER' })).email)
  contact = await app.signIn((await makeCoveredCustomer(db)).otherContact.email)
})
afterAll(() => app.close())

describe('the live preview', () => {
  const hostile = [
    '# Heading',
    '',
    'Text<script>window.__pwned = true</script> with <img src="https://example.com/a.png" onerror="window.__pwned = true">',
    '',
    '[a link](javascript:window.__pwned=true) and [a safe one](https://example.com/docs)',
  ].join('\n')

  it('is exactly the HTML readers get for the same markdown, sanitized', async () => {
    const preview = await app.gql(PREVIEW, { markdown: hostile }, { cookie: engineer })
    expect(preview.data.previewMarkdown.__typename).toBe('QueryPreviewMarkdownSuccess')
    const html: string = preview.data.previewMarkdown.html
    expect(html).not.toMatch(/script|onerror|javascript:/i)
    expect(html).toContain('<h1>Heading</h1>')
    expect(html).toContain('<a href="https://example.com/docs" rel="noopener noreferrer nofollow">a safe one</a>')

    const article = await newArticle(app, engineer, { title: 'Preview twin', body: hostile, visibility: 'PUBLIC' })
    const read = await app.gql(ARTICLE_HTML, { id: article.id })
    expect(read.data.article.html).toBe(html)
  })

  it('an empty text previews as nothing; a text over the limit is refused with the field named', async () => {
    expect((await app.gql(PREVIEW, { markdown: '' }, { cookie: engineer })).data.previewMarkdown).toEqual({ __typename: 'QueryPreviewMarkdownSuccess', html: '' })
    const long = await app.gql(PREVIEW, { markdown: 'x'.repeat(100_001) }, { cookie: engineer })
    expect(long.data.previewMarkdown.__typename).toBe('ValidationError')
    expect(long.data.previewMarkdown.fieldErrors).toEqual([{ field: 'markdown', message: 'Keep an article to 100,000 characters.' }])
  })

  it('is for staff only: a contact and a visitor are refused', async () => {
    for (const [cookie, code] of [[contact, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      const response = await app.gql(PREVIEW, { markdown: 'hi' }, { cookie })
      expect(response.data?.previewMarkdown ?? null).toBeNull()
      expect(response.errors?.[0]?.extensions?.code).toBe(code)
    }
  })
})

describe('the article list: search and tags', () => {
  beforeAll(async () => {
    await newArticle(app, engineer, { title: 'Installing the tracker', body: 'Paste the snippet into the page head.', visibility: 'PUBLIC', tags: ['install', 'listing'] })
    await newArticle(app, engineer, { title: 'Exporting dashboards', body: 'Install nothing: exports run on the server.', visibility: 'CUSTOMERS', tags: ['export', 'listing'] })
    await newArticle(app, engineer, { title: 'Internal install notes', body: 'Only for staff.', visibility: 'INTERNAL', tags: ['install', 'listing'] })
    await newArticle(app, engineer, { title: '100% of visits_today', body: 'Percentages.', visibility: 'PUBLIC', tags: ['listing'] })
  })

  const titles = async (variables: Record<string, unknown>, cookie?: string) =>
    (await app.gql(LIST, { first: 50, ...variables }, { cookie })).data.articles.edges.map((e: any) => e.node.title).sort()

  it('finds stemmed words in the title or text, and any part of a title, within what the viewer may read', async () => {
    expect(await titles({ search: 'installation', tag: 'listing' }, engineer)).toEqual(['Exporting dashboards', 'Installing the tracker', 'Internal install notes'])
    expect(await titles({ search: 'installation', tag: 'listing' }, contact)).toEqual(['Exporting dashboards', 'Installing the tracker'])
    expect(await titles({ search: 'installation', tag: 'listing' })).toEqual(['Installing the tracker'])
    expect(await titles({ search: 'dashbo', tag: 'listing' }, engineer)).toEqual(['Exporting dashboards']) // part of a title
  })

  it('takes % and _ as themselves, and any malformed text without an error', async () => {
    expect(await titles({ search: '100%', tag: 'listing' }, engineer)).toEqual(['100% of visits_today'])
    expect(await titles({ search: 's_t', tag: 'listing' }, engineer)).toEqual(['100% of visits_today'])
    for (const search of ['"unclosed', '!!! & | (', '\\', '-', '\u0000\u0007', ' ']) {
      const response = await app.gql(LIST, { search, first: 5 }, { cookie: engineer })
      expect(response.errors).toBeUndefined()
    }
  })

  it('pages a search by keyset without repeats', async () => {
    const first = (await app.gql(LIST, { search: 'listing', tag: 'listing', first: 2 }, { cookie: engineer })).data.articles
    expect(first.edges).toHaveLength(2)
    expect(first.pageInfo.hasNextPage).toBe(true)
    const second = (await app.gql(LIST, { search: 'listing', tag: 'listing', first: 2, after: first.pageInfo.endCursor }, { cookie: engineer })).data.articles
    const seen = [...first.edges, ...second.edges].map((e: any) => e.node.title)
    expect(new Set(seen).size).toBe(4)
  })

  it('lists the tags of readable articles with counts, most used first', async () => {
    const tags = async (cookie?: string) => Object.fromEntries((await app.gql(TAGS, {}, { cookie })).data.articleTags.map((t: any) => [t.name, t.count]))
    expect(await tags(engineer)).toMatchObject({ listing: 4, install: 2, export: 1 })
    expect(await tags(contact)).toMatchObject({ listing: 3, install: 1, export: 1 })
    const visitor = await tags()
    expect(visitor).toMatchObject({ listing: 2, install: 1 })
    expect(visitor.export).toBeUndefined()
  })
})
