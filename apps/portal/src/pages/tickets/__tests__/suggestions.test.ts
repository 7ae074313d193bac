import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountApp, settle } from '../../../test/mountApp'
import { categories, signedIn, slaPreview, ticketViewer } from './fixtures'
import { byLabel } from './setup'
import { liveClient } from './liveClient'

// The new-ticket form suggests articles as the subject is typed (issue 7): after a pause, the API's top three,
// each a link that opens the article in a new tab so the form stays as it is.

afterEach(() => {
  vi.useRealTimers()
})

const suggestion = (n: number, title: string) => ({
  __typename: 'ArticleSuggestion',
  titleHtml: title.replace('totals', '<mark>totals</mark>'),
  snippetHtml: `Snippet ${n} with <mark>totals</mark> &amp; more`,
  article: { __typename: 'Article', id: `a${n}`, slug: `article-${n}`, title },
})

function client(answer: (subject: string) => unknown[]) {
  return liveClient({
    PortalViewer: signedIn,
    PortalTicketViewer: ticketViewer(),
    PortalTicketCategories: categories,
    PortalTicketSlaPreview: slaPreview('2026-11-26T01:00:00.000Z', 'GUARANTEE', '2026-11-27T17:00:00.000Z'),
    PortalSuggestArticles: (op) => ({ data: { suggestArticles: answer(String(op.variables?.subject)) } }),
  })
}

describe('article suggestions on the new-ticket form', () => {
  it('asks once typing pauses, and shows the top three as links to the articles', async () => {
    const { client: c, sent } = client(() => [suggestion(1, 'Why report totals differ'), suggestion(2, 'Report totals by week'), suggestion(3, 'Totals and filters')])
    const { wrapper } = await mountApp(c, '/tickets/new')
    expect(wrapper.find('[data-testid="article-suggestions"]').exists()).toBe(false)

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const subject = byLabel(wrapper, 'Subject')
    await subject.setValue('Rep')
    vi.advanceTimersByTime(100)
    await subject.setValue('Report tot')
    vi.advanceTimersByTime(100)
    await subject.setValue('Report totals')
    vi.advanceTimersByTime(250)
    expect(sent('PortalSuggestArticles')).toHaveLength(0) // still typing
    vi.advanceTimersByTime(100)
    vi.useRealTimers()
    await settle()

    expect(sent('PortalSuggestArticles').map((op) => op.variables)).toEqual([{ subject: 'Report totals' }])
    const items = wrapper.findAll('[data-testid="article-suggestion"]')
    expect(items).toHaveLength(3)
    const link = items[0]!.get('a')
    expect(link.attributes('href')).toBe('/knowledge/articles/article-1')
    expect(link.attributes('target')).toBe('_blank')
    expect(link.attributes('aria-label')).toBe('Why report totals differ (opens in a new tab)')
    expect(link.get('mark').text()).toBe('totals')
    expect(items[0]!.text()).toContain('Snippet 1 with totals & more')
  })

  it('asks nothing for a subject of fewer than three letters, and shows nothing when nothing matches', async () => {
    const { client: c, sent } = client(() => [])
    const { wrapper } = await mountApp(c, '/tickets/new')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await byLabel(wrapper, 'Subject').setValue('a?')
    vi.advanceTimersByTime(400)
    vi.useRealTimers()
    await settle()
    expect(sent('PortalSuggestArticles')).toHaveLength(0)

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await byLabel(wrapper, 'Subject').setValue('zzqx nothing')
    vi.advanceTimersByTime(400)
    vi.useRealTimers()
    await settle()
    expect(sent('PortalSuggestArticles')).toHaveLength(1)
    expect(wrapper.find('[data-testid="article-suggestions"]').exists()).toBe(false)
  })
})
