import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'
import { warmUpRoutes } from './warmUp'

beforeAll(() => warmUpRoutes(), 60_000)

const viewer = { data: { viewer: staffViewer } }

afterEach(() => {
  vi.useRealTimers()
})

/** The control a visible label names exactly. */
function byLabel(wrapper: VueWrapper, text: string): Omit<DOMWrapper<HTMLInputElement>, 'exists'> {
  const label = wrapper.findAll('label').find((l) => l.text() === text)
  if (!label) throw new Error(`No label "${text}"`)
  return wrapper.get<HTMLInputElement>(`[id="${label.attributes('for')}"]`)
}
const button = (wrapper: VueWrapper, text: string) => {
  const found = wrapper.findAll('button').find((b) => b.text() === text)
  if (!found) throw new Error(`No button "${text}": ${wrapper.findAll('button').map((b) => b.text()).join(', ')}`)
  return found
}

function listItem(n: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Article',
    id: `QXJ0aWNsZTo${n}`,
    title: `Article ${n}`,
    slug: `article-${n}`,
    tags: ['install'],
    visibility: 'PUBLIC',
    status: 'PUBLISHED',
    revision: 1,
    authorName: 'Ada Admin',
    updatedAt: '2026-11-20T10:00:00.000Z',
    publishedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  }
}

function fullArticle(overrides: Record<string, unknown> = {}) {
  return {
    ...listItem(1),
    body: '# Hello',
    html: '<h1>Hello</h1>',
    version: 3,
    createdAt: '2026-11-20T10:00:00.000Z',
    status: 'DRAFT',
    publishedAt: null,
    ...overrides,
  }
}

const page = (nodes: unknown[], hasNextPage = false, endCursor: string | null = null) => ({
  data: {
    articles: {
      __typename: 'QueryArticlesConnection',
      edges: nodes.map((node, i) => ({ __typename: 'QueryArticlesConnectionEdge', cursor: `c${i}`, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
    },
  },
})
const tags = { data: { articleTags: [{ __typename: 'ArticleTag', name: 'install', count: 4 }, { __typename: 'ArticleTag', name: 'labels', count: 2 }] } }
const revisions = {
  data: {
    article: {
      __typename: 'Article',
      id: 'QXJ0aWNsZTox',
      revision: 1,
      revisions: {
        __typename: 'ArticleRevisionsConnection',
        edges: [],
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    },
  },
}

describe('article list', () => {
  it('lists articles with who reads them, status and tags; filters go to the URL and the query; Load more appends', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      AdminArticleTags: tags,
      AdminArticles: (op) =>
        op.variables?.after
          ? page([listItem(3, { title: 'Older article' })])
          : page([listItem(1, { title: 'Installing', status: 'DRAFT' }), listItem(2, { title: 'Labels', visibility: 'INTERNAL', tags: [] })], true, 'c1'),
    })
    const { wrapper, router } = await mountApp(client, '/knowledge')

    const rows = wrapper.findAll('[data-testid="article-row"]')
    expect(rows.map((r) => r.get('th a').text())).toEqual(['Installing', 'Labels'])
    expect(rows[0]!.text()).toContain('Public')
    expect(rows[0]!.text()).toContain('Draft')
    expect(rows[0]!.text()).toContain('install')
    expect(rows[1]!.text()).toContain('Internal')
    expect(rows[0]!.get('th a').attributes('href')).toBe('/knowledge/articles/QXJ0aWNsZTo1')

    await byLabel(wrapper, 'Who reads it').setValue('INTERNAL')
    await settle()
    await byLabel(wrapper, 'Tag').setValue('labels')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ visibility: 'INTERNAL', tag: 'labels' })
    expect(sent('AdminArticles').at(-1)!.variables).toMatchObject({ visibility: 'INTERNAL', tag: 'labels', status: null, search: null, first: 25 })
    expect(byLabel(wrapper, 'Tag').findAll('option').map((o) => o.text())).toEqual(['Any tag', 'install (4)', 'labels (2)'])

    await button(wrapper, 'Load more').trigger('click')
    await settle()
    expect(sent('AdminArticles').at(-1)!.variables).toMatchObject({ after: 'c1', visibility: 'INTERNAL' })
    expect(wrapper.findAll('[data-testid="article-row"]').map((r) => r.get('th a').text())).toEqual(['Installing', 'Labels', 'Older article'])
  })

  it('searches after a pause; says when nothing matches, and when there are no articles yet', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      AdminArticleTags: tags,
      AdminArticles: (op) => (op.variables?.search ? page([]) : page([])),
    })
    const { wrapper } = await mountApp(client, '/knowledge')
    expect(wrapper.get('.cv-state--empty').text()).toContain('No articles yet')

    vi.useFakeTimers()
    await wrapper.get('input[type="search"]').setValue('"log files')
    vi.advanceTimersByTime(300)
    vi.useRealTimers()
    await settle()
    expect(sent('AdminArticles').at(-1)!.variables).toMatchObject({ search: '"log files' })
    expect(wrapper.get('.cv-state--empty').text()).toContain('No articles match ‘"log files’')
  })
})

describe('article editor', () => {
  it('shows the server’s preview of the markdown after a pause in typing, and only the latest text', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      AdminPreviewMarkdown: (op) => ({
        data: {
          previewMarkdown: {
            __typename: 'QueryPreviewMarkdownSuccess',
            // What the server's renderer answers: the script is gone, the link has no href.
            html: String(op.variables?.markdown).includes('script') ? '<h2>Safe</h2><p><a rel="noopener noreferrer nofollow">x</a></p>' : '<p>other</p>',
          },
        },
      }),
    })
    const { wrapper } = await mountApp(client, '/knowledge/articles/new')
    const preview = () => wrapper.get('[data-testid="preview-body"]')
    expect(preview().text()).toContain('Nothing to preview yet')

    vi.useFakeTimers()
    const body = byLabel(wrapper, 'Text')
    await body.setValue('## Sa')
    vi.advanceTimersByTime(200)
    await body.setValue('## Safe\n\n<script>alert(1)</script>[x](javascript:alert(1))')
    vi.advanceTimersByTime(200)
    expect(sent('AdminPreviewMarkdown')).toHaveLength(0) // still typing
    expect(wrapper.get('[data-testid="markdown-preview"]').text()).toContain('Updating…')
    vi.advanceTimersByTime(200)
    vi.useRealTimers()
    await settle()

    expect(sent('AdminPreviewMarkdown')).toHaveLength(1)
    expect(sent('AdminPreviewMarkdown')[0]!.variables).toEqual({ markdown: '## Safe\n\n<script>alert(1)</script>[x](javascript:alert(1))' })
    expect(preview().get('h2').text()).toBe('Safe')
    expect(preview().find('script').exists()).toBe(false)
    expect(preview().get('a').attributes('href')).toBeUndefined()
    expect(wrapper.get('[data-testid="markdown-preview"]').text()).toContain('As readers will see it')
  })

  it('checks the title and who reads it before sending; Publish creates the article published and opens it', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      AdminPreviewMarkdown: { data: { previewMarkdown: { __typename: 'QueryPreviewMarkdownSuccess', html: '<p>Body</p>' } } },
      CreateArticle: (op) => ({
        data: {
          createArticle: {
            __typename: 'MutationCreateArticleSuccess',
            article: fullArticle({ title: op.variables?.input.title, status: 'PUBLISHED', visibility: 'CUSTOMERS', tags: op.variables?.input.tags }),
          },
        },
      }),
      AdminArticle: { data: { article: fullArticle({ title: 'Labels', status: 'PUBLISHED', visibility: 'CUSTOMERS' }) } },
      AdminArticleRevisions: revisions,
    })
    const { wrapper, router } = await mountApp(client, '/knowledge/articles/new')

    await button(wrapper, 'Publish').trigger('click')
    await settle()
    expect(sent('CreateArticle')).toHaveLength(0)
    expect(wrapper.get('[data-testid="form-problem"]').text()).toContain('Check the fields marked below.')
    expect(wrapper.text()).toContain('Enter a title.')
    expect(wrapper.text()).toContain('Choose who may read it.')

    await byLabel(wrapper, 'Title').setValue('Labels')
    await byLabel(wrapper, 'Who may read it').setValue('CUSTOMERS')
    await byLabel(wrapper, 'Tags').setValue('Labels, setup, labels')
    await byLabel(wrapper, 'Text').setValue('Body')
    await button(wrapper, 'Publish').trigger('click')
    await settle(8)

    expect(sent('CreateArticle')[0]!.variables).toEqual({
      input: { title: 'Labels', slug: null, body: 'Body', tags: ['labels', 'setup'], visibility: 'CUSTOMERS', publish: true },
    })
    expect(router.currentRoute.value.name).toBe('knowledge-article')
    expect(wrapper.get('[data-testid="article-message"]').text()).toContain('signed-in customer contacts can read it')
    expect(wrapper.get('[data-testid="article-status"]').text()).toBe('Published')
  })

  it('a stale save is refused as a conflict with a Reload that brings the latest version', async () => {
    let loads = 0
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      AdminArticle: () => ({ data: { article: fullArticle(++loads > 1 ? { title: 'Changed elsewhere', version: 4 } : {}) } }),
      AdminArticleRevisions: revisions,
      UpdateArticle: { data: { updateArticle: { __typename: 'ConflictError', code: 'CONFLICT', message: 'Someone else changed this.' } } },
    })
    const { wrapper } = await mountApp(client, '/knowledge/articles/QXJ0aWNsZTo1')
    expect((byLabel(wrapper, 'Title').element as HTMLInputElement).value).toBe('Article 1')

    await byLabel(wrapper, 'Title').setValue('My title')
    expect(wrapper.text()).toContain('Unsaved changes')
    await button(wrapper, 'Save draft').trigger('click')
    await settle()
    expect(sent('UpdateArticle')[0]!.variables).toMatchObject({ input: { id: 'QXJ0aWNsZTo1', expectedVersion: 3, title: 'My title' } })
    const problem = wrapper.get('[data-testid="form-problem"]')
    expect(problem.text()).toContain('Someone else changed this')

    await button(wrapper, 'Reload').trigger('click')
    await settle()
    expect((byLabel(wrapper, 'Title').element as HTMLInputElement).value).toBe('Changed elsewhere')
    expect(wrapper.find('[data-testid="form-problem"]').exists()).toBe(false)
  })

  it('an article that does not exist says so', async () => {
    const { client } = mockClient({ AdminViewer: viewer, AdminArticle: { data: { article: null } } })
    const { wrapper } = await mountApp(client, '/knowledge/articles/nope')
    expect(wrapper.get('h1').text()).toBe('Article not found')
  })
})

describe('newsletter issue', () => {
  it('puts articles in order, keeps internal ones out, and saves the order', async () => {
    const issue = {
      __typename: 'NewsletterIssue',
      id: 'TmV3c2xldHRlcklzc3VlOjE=',
      month: '2026-12',
      title: 'December',
      intro: '',
      introHtml: '',
      status: 'DRAFT',
      version: 1,
      publishedAt: null,
      updatedAt: '2026-11-20T10:00:00.000Z',
      articles: [listItem(1, { title: 'First' }), listItem(2, { title: 'Second' })],
    }
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      AdminNewsletterIssue: { data: { newsletterIssue: issue } },
      AdminArticles: page([listItem(1, { title: 'First' }), listItem(5, { title: 'Team notes', visibility: 'INTERNAL' }), listItem(6, { title: 'Third', status: 'DRAFT' })]),
      UpdateNewsletterIssue: (op) => ({
        data: { updateNewsletterIssue: { __typename: 'MutationUpdateNewsletterIssueSuccess', issue: { ...issue, version: 2, articles: op.variables?.input.articleIds.map((id: string) => listItem(0, { id, title: id })) } } },
      }),
    })
    const { wrapper } = await mountApp(client, '/knowledge/newsletter/2026-12')
    const order = () => wrapper.findAll('[data-testid="issue-article"] .kb-issue-article__title').map((t) => t.text())
    expect(order()).toEqual(['First', 'Second'])

    await wrapper.get('button[aria-label="Move Second up"]').trigger('click')
    expect(order()).toEqual(['Second', 'First'])
    const results = wrapper.findAll('[data-testid="picker-result"]')
    expect(results[0]!.text()).toContain('In this issue')
    expect(results[1]!.text()).toContain('Internal: not for the newsletter')
    await results[2]!.get('button').trigger('click')
    expect(order()).toEqual(['Second', 'First', 'Third'])
    expect(wrapper.get('[data-testid="publish-blocked"]').text()).toContain('Publish “Third” first')
    expect(button(wrapper, 'Publish').attributes('disabled')).toBeDefined()

    await button(wrapper, 'Save draft').trigger('click')
    await settle()
    expect(sent('UpdateNewsletterIssue')[0]!.variables).toMatchObject({
      input: { id: issue.id, expectedVersion: 1, articleIds: ['QXJ0aWNsZTo2', 'QXJ0aWNsZTo1', 'QXJ0aWNsZTo6'] },
    })
  })
})
