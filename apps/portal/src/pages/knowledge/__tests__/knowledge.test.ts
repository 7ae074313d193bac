import { afterEach, describe, expect, it, vi } from 'vitest'
import { mockClient, type Reply } from '@covered/ui/testing'
import { contactViewer, mountApp, settle, staffViewer } from '../../../test/mountApp'

const visitor = { data: { viewer: null } }
const contact = { data: { viewer: contactViewer } }

afterEach(() => {
  vi.useRealTimers()
})

function article(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Article',
    id: 'QXJ0aWNsZTox',
    title: 'Installing the tracker',
    slug: 'installing-the-tracker',
    html: '<h2>Steps</h2><p>Paste the <strong>snippet</strong>.</p>',
    tags: ['install'],
    visibility: 'PUBLIC',
    updatedAt: '2026-11-02T10:00:00.000Z',
    publishedAt: '2026-11-02T10:00:00.000Z',
    ...overrides,
  }
}

function hits(nodes: Record<string, unknown>[], hasNextPage = false) {
  return {
    data: {
      searchKnowledge: {
        __typename: 'QuerySearchKnowledgeConnection',
        edges: nodes.map((node) => ({ __typename: 'QuerySearchKnowledgeConnectionEdge', node: { __typename: 'SearchHit', article: null, newsletterIssue: null, ...node } })),
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: hasNextPage ? 'next' : null },
      },
    },
  }
}

const latest = (nodes: Record<string, unknown>[] = []) => ({
  data: {
    articles: {
      __typename: 'QueryArticlesConnection',
      edges: nodes.map((node) => ({ __typename: 'QueryArticlesConnectionEdge', node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  },
})

describe('article pages', () => {
  it('a visitor reads a public article without signing in; its HTML is the server’s', async () => {
    const { client, sent } = mockClient({ PortalViewer: visitor, PortalArticle: { data: { articleBySlug: article() } } })
    const { wrapper, router } = await mountApp(client, '/knowledge/articles/installing-the-tracker')

    expect(router.currentRoute.value.name).toBe('knowledge-article') // not sent to sign in
    expect(wrapper.get('h1').text()).toBe('Installing the tracker')
    expect(wrapper.get('[data-testid="article-body"]').html()).toContain('<h2>Steps</h2>')
    expect(wrapper.get('[data-testid="article-body"] strong').text()).toBe('snippet')
    expect(sent('PortalArticle')[0]!.variables).toEqual({ slug: 'installing-the-tracker' })
    // The top bar offers the knowledge base and signing in.
    const nav = wrapper.get('nav[aria-label="Main"]')
    expect(nav.findAll('a').map((a) => a.text())).toEqual(['Knowledge', 'Help'])
    expect(wrapper.get('.cv-topbar__signin a').text()).toBe('Sign in')
  })

  it('an article a visitor may not read offers signing in and coming back to it', async () => {
    const { client } = mockClient({ PortalViewer: visitor, PortalArticle: { data: { articleBySlug: null } } })
    const { wrapper } = await mountApp(client, '/knowledge/articles/setting-up-labels')

    const missing = wrapper.get('[data-testid="article-missing"]')
    expect(missing.text()).toContain('This article is not open to visitors')
    expect(missing.get('a').attributes('href')).toBe('/login?redirect=/knowledge/articles/setting-up-labels')
  })

  it('a signed-in contact is told plainly that there is no such article (an internal one looks the same)', async () => {
    const { client } = mockClient({ PortalViewer: contact, PortalArticle: { data: { articleBySlug: null } } })
    const { wrapper } = await mountApp(client, '/knowledge/articles/internal-notes')
    expect(wrapper.get('[data-testid="article-missing"]').text()).toContain('There is no such article')
  })

  it('shows a retry when the article cannot be loaded', async () => {
    const { client, sent } = mockClient({ PortalViewer: visitor, PortalArticle: { errors: [{ message: 'Unexpected error.' }] } })
    const { wrapper } = await mountApp(client, '/knowledge/articles/x')
    expect(wrapper.get('.cv-state--error').text()).toContain('The article could not be loaded')
    await wrapper.get('.cv-state--error button').trigger('click')
    await settle()
    expect(sent('PortalArticle').length).toBe(2)
  })
})

describe('knowledge search', () => {
  it('lists the latest articles, then searches after a pause in typing and shows the highlighted matches', async () => {
    const { client, sent } = mockClient({
      PortalViewer: visitor,
      PortalArticles: latest([{ __typename: 'Article', id: 'a1', title: 'Exporting a dashboard', slug: 'exporting-a-dashboard', tags: ['export'], visibility: 'PUBLIC', updatedAt: '2026-11-14T10:00:00Z' }]),
      PortalSearchKnowledge: hits([
        {
          kind: 'ARTICLE',
          titleHtml: 'Why <mark>report</mark> totals differ',
          snippetHtml: 'A &lt;b&gt; tag and <mark>report</mark> text',
          article: { __typename: 'Article', id: 'a2', slug: 'why-report-totals-differ', visibility: 'CUSTOMERS', tags: ['reports'] },
        },
        { kind: 'NEWSLETTER_ISSUE', titleHtml: 'October <mark>reports</mark>', snippetHtml: '', newsletterIssue: { __typename: 'NewsletterIssue', id: 'n1', month: '2026-10' } },
      ]),
    })
    const { wrapper, router } = await mountApp(client, '/knowledge')
    expect(wrapper.get('[data-testid="latest-articles"]').text()).toContain('Exporting a dashboard')
    expect(sent('PortalSearchKnowledge')).toHaveLength(0)

    vi.useFakeTimers()
    const input = wrapper.get('input[type="search"]')
    await input.setValue('rep')
    await input.setValue('report')
    vi.advanceTimersByTime(200)
    expect(router.currentRoute.value.query.q).toBeUndefined() // still typing
    vi.advanceTimersByTime(150)
    vi.useRealTimers()
    await settle()

    expect(router.currentRoute.value.query.q).toBe('report')
    expect(sent('PortalSearchKnowledge')).toHaveLength(1)
    expect(sent('PortalSearchKnowledge')[0]!.variables).toMatchObject({ query: 'report', first: 10 })
    const results = wrapper.findAll('[data-testid="search-hit"]')
    expect(results).toHaveLength(2)
    expect(results[0]!.findAll('mark').map((m) => m.text())).toEqual(['report', 'report'])
    expect(results[0]!.text()).toContain('A <b> tag and report text') // escaped text stays text
    expect(results[0]!.get('a').attributes('href')).toBe('/knowledge/articles/why-report-totals-differ')
    expect(results[0]!.text()).toContain('For customers')
    expect(results[1]!.get('a').attributes('href')).toBe('/newsletter/2026-10')
    expect(results[1]!.text()).toContain('October 2026')
  })

  it('any text is searched as typed; nothing found says so and, for a visitor, offers signing in', async () => {
    const { client, sent } = mockClient({ PortalViewer: visitor, PortalSearchKnowledge: hits([]) })
    const { wrapper } = await mountApp(client, `/knowledge?q=${encodeURIComponent('"unclosed & | !(')}`)
    expect(sent('PortalSearchKnowledge')[0]!.variables).toMatchObject({ query: '"unclosed & | !(' })
    const empty = wrapper.get('[data-testid="no-matches"]')
    expect(empty.text()).toContain('Nothing matches ‘"unclosed & | !(’')
    expect(empty.text()).toContain('sign in')
  })

  it('shows a loading state while searching, and an error with a retry', async () => {
    const pending = mockClient({ PortalViewer: visitor, PortalSearchKnowledge: 'pending' })
    const first = await mountApp(pending.client, '/knowledge?q=labels')
    expect(first.wrapper.get('.cv-state--loading').text()).toContain('Searching…')
    first.wrapper.unmount()

    let calls = 0
    const failing = mockClient({
      PortalViewer: visitor,
      PortalSearchKnowledge: () => (++calls === 1 ? ({ errors: [{ message: 'Unexpected error.' }] } as Reply) : hits([])),
    })
    const { wrapper } = await mountApp(failing.client, '/knowledge?q=labels')
    expect(wrapper.get('.cv-state--error').text()).toContain('The search did not work just now')
    await wrapper.get('.cv-state--error button').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="no-matches"]').exists()).toBe(true)
  })
})

describe('downloads', () => {
  const download = (version: string, kind: string, available: boolean, reason: string, rule: string, downloadUrl: string | null = null) => ({
    __typename: 'Download',
    kind,
    available,
    reason,
    rule,
    release: { __typename: 'Release', id: `r-${version}`, version, releasedOn: '2026-11-15', notesHtml: '<p>Notes</p>', downloadUrl },
  })

  it('lists what the organisation may download, and why anything else is withheld', async () => {
    const { client } = mockClient({
      PortalViewer: contact,
      PortalDownloads: {
        data: {
          viewer: { __typename: 'Contact', id: contactViewer.id, customer: { __typename: 'Customer', id: 'c1', name: 'Acme Analytics' } },
          downloads: {
            __typename: 'QueryDownloadsSuccess',
            downloads: [
              download('9.0.1', 'UPDATE', true, '9.0.1 is an update: free to every licensed customer, with or without maintenance.', 'update-licensed'),
              download('9.0.0', 'UPGRADE', false, '9.0 was released on 2026-11-15, but maintenance lapsed on 2026-11-04; renew to get 9.0.', 'upgrade-maintenance-lapsed'),
            ],
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/downloads')
    expect(wrapper.get('[data-testid="available"]').text()).toContain('9.0.1')
    const withheld = wrapper.get('[data-testid="withheld"]')
    expect(withheld.text()).toContain('9.0.0')
    expect(withheld.get('[data-testid="withheld-reason"]').text()).toBe('9.0 was released on 2026-11-15, but maintenance lapsed on 2026-11-04; renew to get 9.0.')
    expect(withheld.get('a').attributes('href')).toBe('/contracts')
  })

  it('links each release the organisation may download; a withheld one has no link, and an unsafe address is never a link', async () => {
    const { client } = mockClient({
      PortalViewer: contact,
      PortalDownloads: {
        data: {
          viewer: { __typename: 'Contact', id: contactViewer.id, customer: { __typename: 'Customer', id: 'c1', name: 'Acme Analytics' } },
          downloads: {
            __typename: 'QueryDownloadsSuccess',
            downloads: [
              download('9.0.2', 'UPDATE', true, '9.0.2 is an update.', 'update-licensed', 'https://downloads.covered.example/covered-9.0.2.zip'),
              download('9.0.1', 'UPDATE', true, '9.0.1 is an update.', 'update-licensed'),
              download('8.9.9', 'UPDATE', true, '8.9.9 is an update.', 'update-licensed', 'javascript:alert(1)'),
              download('9.0.0', 'UPGRADE', false, 'Maintenance lapsed.', 'upgrade-maintenance-lapsed'),
            ],
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/downloads')
    const available = wrapper.get('[data-testid="available"]').findAll('[data-testid="download"]')
    const link = available[0]!.get('[data-testid="download-link"]')
    expect(link.text()).toBe('Download 9.0.2')
    expect(link.classes()).toContain('cv-button--primary') // the newest is the main action
    expect(link.attributes('href')).toBe('https://downloads.covered.example/covered-9.0.2.zip')
    expect(available[1]!.find('[data-testid="download-link"]').exists()).toBe(false)
    expect(available[1]!.get('[data-testid="no-download-link"]').text()).toBe('No download link is published for 9.0.1. Ask support if you need it.')
    expect(available[1]!.get('[data-testid="no-download-link"] a').attributes('href')).toBe('/tickets/new')
    expect(available[2]!.find('[data-testid="download-link"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="withheld"]').find('[data-testid="download-link"]').exists()).toBe(false)
  })

  it('needs signing in, and tells staff the portal is for customers', async () => {
    const anonymous = mockClient({ PortalViewer: visitor })
    const first = await mountApp(anonymous.client, '/downloads')
    expect(first.router.currentRoute.value.name).toBe('login')
    first.wrapper.unmount()

    const staff = mockClient({
      PortalViewer: { data: { viewer: staffViewer } },
      PortalDownloads: { data: { viewer: { __typename: 'StaffUser', id: staffViewer.id, name: staffViewer.name }, downloads: { __typename: 'ValidationError', code: 'VALIDATION', message: 'Choose the customer whose downloads to show.' } } },
    })
    const { wrapper } = await mountApp(staff.client, '/downloads')
    expect(wrapper.find('[data-testid="staff-notice"]').exists()).toBe(true)
  })
})

describe('newsletter', () => {
  it('shows an issue’s introduction and its articles in order; a missing month says so', async () => {
    const { client } = mockClient({
      PortalViewer: visitor,
      PortalNewsletterIssue: (op) =>
        op.variables?.month === '2026-10'
          ? {
              data: {
                newsletterIssue: {
                  __typename: 'NewsletterIssue',
                  id: 'n1',
                  month: '2026-10',
                  title: 'Cleaner reports',
                  introHtml: '<p>This <em>month</em>.</p>',
                  publishedAt: '2026-10-05T09:00:00Z',
                  articles: [article({ id: 'a1', title: 'First', slug: 'first' }), article({ id: 'a2', title: 'Second', slug: 'second' })],
                },
              },
            }
          : { data: { newsletterIssue: null } },
    })
    const { wrapper, router } = await mountApp(client, '/newsletter/2026-10')
    expect(wrapper.get('h1').text()).toBe('Cleaner reports')
    expect(wrapper.text()).toContain('Newsletter · October 2026')
    expect(wrapper.get('.kn-issue-intro em').text()).toBe('month')
    expect(wrapper.findAll('.kn-issue-article a').map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['First', '/knowledge/articles/first'],
      ['Second', '/knowledge/articles/second'],
    ])

    await router.push('/newsletter/2031-01')
    await settle()
    expect(wrapper.get('.cv-state--empty').text()).toContain('There is no issue for January 2031')
  })
})
