import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCoveredCustomer, makeStaff } from '../../../../test/factories.js'
import { createClock, createTestApp, type TestApp } from '../../../../test/harness.js'
import { CREATE_ISSUE, newArticle, PUBLISH_ISSUE } from './helpers.js'

const SEARCH = `query($q: String!, $first: Int, $after: String, $articlesOnly: Boolean) {
  searchKnowledge(query: $q, first: $first, after: $after, articlesOnly: $articlesOnly) {
    edges { cursor node { kind rank titleHtml snippetHtml article { title visibility status } newsletterIssue { month title } } }
    pageInfo { hasNextPage endCursor } } }`
const SUGGEST = `query($s: String!) { suggestArticles(subject: $s) { rank titleHtml snippetHtml article { title slug } } }`

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

async function search(q: string, cookie?: string, extra: Record<string, unknown> = {}) {
  const response = await app.gql(SEARCH, { q, first: 20, ...extra }, { cookie })
  expect(response.errors).toBeUndefined()
  return response.data.searchKnowledge
}
const titles = (connection: any) => connection.edges.map((e: any) => e.node.article?.title ?? e.node.newsletterIssue?.title)

describe('full-text search', () => {
  it('ranks a title match above body matches, with highlighted title and snippet', async () => {
    await newArticle(app, staff, { title: 'Network notes', body: 'The zircon proxy needs zircon settings. Check zircon twice, zircon again.', visibility: 'PUBLIC' })
    await newArticle(app, staff, { title: 'Configuring the zircon proxy', body: 'General text about networks and firewalls.', visibility: 'PUBLIC' })
    await newArticle(app, staff, { title: 'Unrelated', body: 'Nothing to see.', visibility: 'PUBLIC' })
    const result = await search('zircon')
    expect(titles(result)).toEqual(['Configuring the zircon proxy', 'Network notes'])
    const [title, body] = result.edges.map((e: any) => e.node)
    expect(title.rank).toBeGreaterThan(body.rank)
    expect(title.titleHtml).toBe('Configuring the <mark>zircon</mark> proxy')
    expect(body.titleHtml).toBe('Network notes')
    expect(body.snippetHtml).toContain('The <mark>zircon</mark> proxy needs <mark>zircon</mark> settings')
  })

  it('stems words and reads websearch syntax: phrases, or, -exclusions', async () => {
    await newArticle(app, staff, { title: 'Installing trackers on shops', body: 'Installation of the tracker script on a web shop.', visibility: 'PUBLIC' })
    await newArticle(app, staff, { title: 'Trackers on blogs', body: 'A blog needs the tracker in its template.', visibility: 'PUBLIC' })
    expect(titles(await search('install tracker')).sort()).toEqual(['Installing trackers on shops'])
    expect(titles(await search('tracker -shop'))).toEqual(['Trackers on blogs'])
    expect(titles(await search('"web shop"'))).toEqual(['Installing trackers on shops'])
    expect(titles(await search('shops or blogs')).sort()).toEqual(['Installing trackers on shops', 'Trackers on blogs'])
  })

  it('a visitor finds published PUBLIC articles, a contact also CUSTOMERS ones, staff everything including drafts and INTERNAL', async () => {
    const body = 'All about the quokka.'
    await newArticle(app, staff, { title: 'Quokka public', body, visibility: 'PUBLIC' })
    await newArticle(app, staff, { title: 'Quokka customers', body, visibility: 'CUSTOMERS' })
    await newArticle(app, staff, { title: 'Quokka internal', body, visibility: 'INTERNAL' })
    await newArticle(app, staff, { title: 'Quokka draft', body, visibility: 'PUBLIC', publish: false })
    expect(titles(await search('quokka')).sort()).toEqual(['Quokka public'])
    expect(titles(await search('quokka', contact)).sort()).toEqual(['Quokka customers', 'Quokka public'])
    expect(titles(await search('quokka', staff)).sort()).toEqual(['Quokka customers', 'Quokka draft', 'Quokka internal', 'Quokka public'])
  })

  it('snippets are escaped text: markup in an article comes back as text, only <mark> is HTML', async () => {
    await newArticle(app, staff, { title: 'Escaping', body: 'Put `<img src=x onerror=alert(1)>` near the narwhal & "friends".', visibility: 'PUBLIC' })
    const [hit] = (await search('narwhal')).edges.map((e: any) => e.node)
    expect(hit.snippetHtml).toContain('Put &lt;img src=x onerror=alert(1)&gt; near the <mark>narwhal</mark> &amp; &quot;friends')
    expect(hit.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
  })

  it('pages by keyset in rank order without repeats', async () => {
    for (let i = 1; i <= 5; i++) {
      await newArticle(app, staff, { title: `Platypus ${i}`, body: `${'platypus '.repeat(i)} habitat`, visibility: 'PUBLIC' })
    }
    const seen: any[] = []
    let after: string | null = null
    for (let pages = 0; pages < 5; pages++) {
      const page: any = await search('platypus', undefined, { first: 2, after })
      seen.push(...page.edges.map((e: any) => e.node))
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor
    }
    expect(seen.map((n) => n.article.title).sort()).toEqual(['Platypus 1', 'Platypus 2', 'Platypus 3', 'Platypus 4', 'Platypus 5'])
    const ranks = seen.map((n) => n.rank)
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks)
  })

  it('finds published newsletter issues by their title and introduction; drafts only for staff', async () => {
    const published = (await app.gql(CREATE_ISSUE, { input: { month: '2026-10', title: 'October: the ocelot release', intro: 'This month the **ocelot** arrives.' } }, { cookie: staff })).data.createNewsletterIssue.issue
    await app.gql(PUBLISH_ISSUE, { id: published.id, v: published.version }, { cookie: staff })
    await app.gql(CREATE_ISSUE, { input: { month: '2026-12', title: 'December draft', intro: 'More ocelot news soon.' } }, { cookie: staff })
    const visitor = await search('ocelot')
    expect(visitor.edges.map((e: any) => [e.node.kind, e.node.newsletterIssue?.month])).toEqual([['NEWSLETTER_ISSUE', '2026-10']])
    expect(visitor.edges[0].node.titleHtml).toBe('October: the <mark>ocelot</mark> release')
    expect(titles(await search('ocelot', staff)).sort()).toEqual(['December draft', 'October: the ocelot release'])
    expect(titles(await search('ocelot', staff, { articlesOnly: true }))).toEqual([])
  })
})

/** A deterministic generator of awkward text: any code point range, operators, quotes, surrogates. */
function* awkwardTexts(count: number): Generator<string> {
  let seed = 20261124
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const pieces = ['"', "'", '(', ')', '&', '|', '!', ':*', '<->', '-', ' or ', ' OR ', '\\', ':', '*', '\u0000', '\uD800', '\uDFFF', '😀', '\u202E', '\t', '\n', '%', '_', '<b>', 'AND', 'NOT', 'zircon']
  for (let i = 0; i < count; i++) {
    let text = ''
    const length = Math.floor(random() * 24)
    for (let j = 0; j < length; j++) {
      text += random() < 0.5 ? pieces[Math.floor(random() * pieces.length)] : String.fromCodePoint(Math.floor(random() * 0x2ffff) % 0xd800)
    }
    yield text
  }
}

const MALFORMED = [
  '', '   ', '"', '"""', '"unterminated phrase', '(', ')', '((a)', '&&', '||', '!', '!!x', ':*', 'foo:*', 'foo:A', '<->', 'a <-> b', '\\', "'",
  "' OR 1=1 --", "'); DROP TABLE articles; --", 'a & | ! b', '-', '- -', '--zircon', 'or', 'OR OR OR', 'the and of', '\u0000', 'null\u0000byte',
  '😀', 'Ω≈ç√∫', '中文搜索', 'مرحبا بالعالم', 'ẞtraße', '\uD800', 'lone \uDC00 low', 'x'.repeat(10_000), 'word '.repeat(2_000), '<script>alert(1)</script>',
  '%', '_', '%_\\', '\u202Eevil', 'zircon:*:*', 'a:*b', '!(zircon)', '"zircon" "proxy', 'é'.repeat(3000),
]

describe('any search text, however malformed, answers without an error', () => {
  it.each(MALFORMED.map((text) => [JSON.stringify(text).slice(0, 60), text]))('search %s', async (_shown, text) => {
    for (const cookie of [undefined, contact]) {
      const response = await app.gql(SEARCH, { q: text, first: 5 }, { cookie })
      expect(response.errors).toBeUndefined()
      expect(Array.isArray(response.data.searchKnowledge.edges)).toBe(true)
    }
    const suggested = await app.gql(SUGGEST, { s: text })
    expect(suggested.errors).toBeUndefined()
    expect(suggested.data.suggestArticles.length).toBeLessThanOrEqual(3)
  })

  it('200 generated awkward texts', async () => {
    for (const text of awkwardTexts(200)) {
      const [searched, suggested] = await Promise.all([app.gql(SEARCH, { q: text, first: 3 }), app.gql(SUGGEST, { s: text })])
      expect({ text, errors: searched.errors ?? suggested.errors }).toEqual({ text, errors: undefined })
    }
  })

  it('a nonsense cursor is refused as bad input, not a crash', async () => {
    const response = await app.gql(SEARCH, { q: 'zircon', first: 1, after: 'not-a-cursor' })
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})

describe('suggestions for ticket intake', () => {
  beforeAll(async () => {
    await newArticle(app, staff, { title: 'Dashboard widgets stay empty', body: 'When the dashboard widgets are empty, clear the cache.', visibility: 'PUBLIC' })
    await newArticle(app, staff, { title: 'Widgets for customers', body: 'Dashboard widgets that customers can add.', visibility: 'CUSTOMERS' })
    await newArticle(app, staff, { title: 'Widget internals', body: 'How dashboard widgets are built.', visibility: 'INTERNAL' })
    await newArticle(app, staff, { title: 'Widget draft', body: 'Dashboard widgets, unfinished.', visibility: 'PUBLIC', publish: false })
    await newArticle(app, staff, { title: 'Exporting the dashboard', body: 'Export as PDF.', visibility: 'PUBLIC' })
  })

  it('suggests up to three articles while the subject is typed, best first, by any of its words', async () => {
    const typed = (await app.gql(SUGGEST, { s: 'My dashboard widge' }, { cookie: contact })).data.suggestArticles
    expect(typed).toHaveLength(3)
    expect(typed.map((s: any) => s.article.title)).toEqual(expect.arrayContaining(['Dashboard widgets stay empty', 'Widgets for customers']))
    expect(typed[0].rank).toBeGreaterThanOrEqual(typed[2].rank)
    expect(typed[0].titleHtml).toContain('<mark>')
  })

  it('respects visibility and never suggests drafts', async () => {
    const asTitles = async (cookie?: string) => (await app.gql(SUGGEST, { s: 'widgets empty' }, { cookie })).data.suggestArticles.map((s: any) => s.article.title).sort()
    expect(await asTitles()).toEqual(['Dashboard widgets stay empty'])
    expect(await asTitles(contact)).toEqual(['Dashboard widgets stay empty', 'Widgets for customers'])
    expect(await asTitles(staff)).toEqual(['Dashboard widgets stay empty', 'Widget internals', 'Widgets for customers'])
  })
})
