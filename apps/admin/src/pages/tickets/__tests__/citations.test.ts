import type { Operation } from '@urql/vue'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'
import { engineerViewer, staffReply, ticket, type TicketFixture } from './fixtures'
import { warmUpRoutes } from './warmUp'

// "Cite an article" in the reply composer, the cited articles beside the ticket, and links in messages (issue 7).
const engineer = { data: { viewer: engineerViewer } }

beforeAll(() => warmUpRoutes(), 60_000)
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-26T16:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']
const buttonNamed = (scope: Pick<Wrapper, 'findAll'>, text: string) => scope.findAll('button').find((b) => b.text() === text)
/** The search waits for a pause in typing (250 ms of real time). */
const pause = async () => {
  await new Promise((resolve) => setTimeout(resolve, 320))
  await settle()
}

const article = (id: string, title: string, slug: string, visibility: string) => ({ __typename: 'Article', id, title, slug, visibility })
const CHECKLIST = article('QXJ0aWNsZTox', 'Empty reports checklist', 'empty-reports-checklist', 'PUBLIC')
const FILTERS = article('QXJ0aWNsZToy', 'Report filters for customers', 'report-filters', 'CUSTOMERS')
const INTERNALS = article('QXJ0aWNsZToz', 'Report pipeline internals', 'report-pipeline-internals', 'INTERNAL')

const found = (articles: unknown[]) => ({
  data: { suggestArticles: articles.map((article) => ({ __typename: 'ArticleSuggestion', article })) },
})

function setup(t: TicketFixture = ticket(12, { status: 'OPEN', statusLabel: 'Open' })) {
  return mockClient({
    AdminViewer: engineer,
    TicketPage: { data: { ticket: t } },
    TicketPageChanged: 'pending',
    TicketStaff: staffReply,
    CitableArticles: (op: Operation) => found([CHECKLIST, FILTERS, INTERNALS].filter((a) => a.title.toLowerCase().includes(String(op.variables?.search).toLowerCase().split(' ')[0]!))),
    ReplyToTicket: (op: Operation) => ({
      data: {
        replyToTicket: {
          __typename: 'MutationReplyToTicketSuccess',
          ticket: {
            ...t,
            version: 2,
            messages: [
              ...t.messages,
              { __typename: 'TicketMessage', id: 'm-new', body: String(op.variables?.body), internal: Boolean(op.variables?.internal), authorName: 'Eli Engineer', authorKind: 'STAFF', createdAt: '2026-11-26T16:00:00.000Z' },
            ],
          },
        },
      },
    }),
  })
}

async function openPicker(wrapper: Wrapper, search: string) {
  await buttonNamed(wrapper, 'Cite an article')!.trigger('click')
  await settle()
  const input = wrapper.get<HTMLInputElement>('input[name="citeSearch"]')
  expect(document.activeElement).toBe(input.element) // the search takes focus
  await input.setValue(search)
  await pause()
  return input
}

describe('cite an article', () => {
  it('finds published articles after a pause, links one where the cursor is, and records it with the reply', async () => {
    const { client, sent } = setup()
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    const body = wrapper.get<HTMLTextAreaElement>('textarea[name="body"]')
    await body.setValue('Please read  before anything else.')
    body.element.setSelectionRange(12, 12) // between the two spaces after "read"

    const input = await openPicker(wrapper, 'report')
    expect(sent('CitableArticles').map((op) => op.variables)).toEqual([{ search: 'report' }]) // one search, after the pause
    const results = wrapper.findAll('[data-testid="cite-result"]')
    expect(results.map((r) => r.get('.ticket-cite__title').text())).toEqual(['Empty reports checklist', 'Report filters for customers', 'Report pipeline internals'])
    expect(results[0]!.text()).toContain('Public')
    expect(results[1]!.text()).toContain('Customers')
    expect(results[2]!.text()).toContain('Internal')
    expect(results[2]!.text()).toContain('Notes only: customers cannot open it')
    expect(results[2]!.attributes('aria-label')).toBe('Cite Report pipeline internals (Internal, internal notes only)')

    // Keyboard: ↓ into the results and between them, ↑ back to the search, Escape closes and returns to the button.
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(results[0]!.element)
    await results[0]!.trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(results[1]!.element)
    await results[1]!.trigger('keydown', { key: 'ArrowUp' })
    await results[0]!.trigger('keydown', { key: 'ArrowUp' })
    expect(document.activeElement).toBe(input.element)
    await input.trigger('keydown', { key: 'Escape' })
    await settle()
    expect(wrapper.find('[data-testid="cite-picker"]').exists()).toBe(false)
    expect(document.activeElement).toBe(buttonNamed(wrapper, 'Cite an article')!.element)

    // Enter in the search cites the first match (and does not send the reply).
    await openPicker(wrapper, 'empty')
    await wrapper.get('input[name="citeSearch"]').trigger('keydown', { key: 'Enter' })
    await settle()
    expect(sent('ReplyToTicket')).toHaveLength(0)
    expect(body.element.value).toBe('Please read [Empty reports checklist](/portal/knowledge/articles/empty-reports-checklist) before anything else.')
    expect(document.activeElement).toBe(body.element)
    expect(wrapper.get('[data-testid="composer-citations"]').text()).toContain('Empty reports checklist')

    await wrapper.get('.ticket-composer form').trigger('submit')
    await settle()
    expect(sent('ReplyToTicket')[0]!.variables).toEqual({
      ticketId: 'ticket-12',
      body: 'Please read [Empty reports checklist](/portal/knowledge/articles/empty-reports-checklist) before anything else.',
      internal: false,
      citedArticleIds: ['QXJ0aWNsZTox'],
    })
    expect(wrapper.text()).toContain('Reply sent to the customer. The cited article is recorded on the ticket.')
    expect(wrapper.find('[data-testid="composer-citations"]').exists()).toBe(false)
  })

  it('an internal article may go into an internal note, never into a reply', async () => {
    const { client, sent } = setup()
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    const body = wrapper.get<HTMLTextAreaElement>('textarea[name="body"]')
    await body.setValue('Known issue, see')
    await openPicker(wrapper, 'pipeline')
    await wrapper.get('[data-testid="cite-result"]').trigger('click')
    await settle()
    expect(body.element.value).toBe('Known issue, see [Report pipeline internals](/admin/knowledge/articles/QXJ0aWNsZToz)')

    await buttonNamed(wrapper, 'Reply')!.trigger('click')
    await settle()
    expect(wrapper.get('.ticket-composer .cv-field__error').text()).toBe(
      '“Report pipeline internals” is an internal article: the customer cannot open it. Remove its link from the reply, or add the text as an internal note.',
    )
    expect(sent('ReplyToTicket')).toHaveLength(0)

    await buttonNamed(wrapper, 'Add internal note')!.trigger('click')
    await settle()
    expect(sent('ReplyToTicket')[0]!.variables).toMatchObject({ internal: true, citedArticleIds: ['QXJ0aWNsZToz'] })
  })

  it('only articles still linked in the text are cited; Remove takes the link out', async () => {
    const { client, sent } = setup()
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    const body = wrapper.get<HTMLTextAreaElement>('textarea[name="body"]')
    await body.setValue('See')
    await openPicker(wrapper, 'empty')
    await wrapper.get('[data-testid="cite-result"]').trigger('click')
    await settle()
    await openPicker(wrapper, 'filters')
    await wrapper.get('[data-testid="cite-result"]').trigger('click')
    await settle()
    expect(body.element.value).toBe('See [Empty reports checklist](/portal/knowledge/articles/empty-reports-checklist) [Report filters for customers](/portal/knowledge/articles/report-filters)')

    await buttonNamed(wrapper, 'Cite an article')!.trigger('click')
    await settle()
    await wrapper.get('input[name="citeSearch"]').setValue('empty')
    await pause()
    expect(wrapper.get('[data-testid="cite-result"]').text()).toContain('Linked already')
    await wrapper.get('input[name="citeSearch"]').trigger('keydown', { key: 'Escape' })

    await wrapper.get('button[aria-label="Remove the link to Empty reports checklist"]').trigger('click')
    await settle()
    expect(body.element.value).toBe('See [Report filters for customers](/portal/knowledge/articles/report-filters)')
    // Deleting a link by hand drops its citation too.
    await body.setValue('See the filters article.')
    expect(wrapper.find('[data-testid="composer-citations"]').exists()).toBe(false)
    await buttonNamed(wrapper, 'Reply')!.trigger('click')
    await settle()
    expect(sent('ReplyToTicket')[0]!.variables).toMatchObject({ body: 'See the filters article.', citedArticleIds: [] })
  })

  it('says so when nothing matches', async () => {
    const { client } = setup()
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    await openPicker(wrapper, 'zebra')
    expect(wrapper.get('.ticket-cite__status').text()).toBe('No published article matches ‘zebra’.')
  })
})

describe('cited articles and links on the ticket page', () => {
  it('lists the cited articles and says which ones the customer does not see', async () => {
    const t = ticket(12, {
      articleCitations: [
        { __typename: 'ArticleCitation', article: CHECKLIST, citedAt: '2026-11-26T15:30:00.000Z', citedByName: 'Eli Engineer', customerVisible: true },
        { __typename: 'ArticleCitation', article: FILTERS, citedAt: '2026-11-26T15:31:00.000Z', citedByName: 'Eli Engineer', customerVisible: false },
        { __typename: 'ArticleCitation', article: INTERNALS, citedAt: '2026-11-26T15:32:00.000Z', citedByName: 'Eli Engineer', customerVisible: false },
      ],
    })
    const { client } = setup(t)
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    const items = wrapper.findAll('[data-testid="cited-article"]')
    expect(items.map((i) => i.get('a').text())).toEqual(['Empty reports checklist', 'Report filters for customers', 'Report pipeline internals'])
    expect(items[0]!.get('a').attributes('href')).toBe('/knowledge/articles/QXJ0aWNsZTox')
    expect(items[0]!.text()).toContain('Eli Engineer')
    expect(items[0]!.text()).not.toContain('does not see')
    expect(items[1]!.text()).toContain('Cited in an internal note only: the customer does not see it.')
    expect(items[2]!.text()).toContain('Internal article: the customer does not see it.')

    const empty = setup()
    const second = await mountApp(empty.client, '/tickets/ticket-12')
    expect(second.wrapper.get('[data-testid="citations-panel"]').text()).toContain('None yet.')
  })

  it('shows links in messages as links, and anything else as text', async () => {
    const t = ticket(12, {
      messages: [
        {
          __typename: 'TicketMessage',
          id: 'm-1',
          body: 'Read [the checklist](/portal/knowledge/articles/empty-reports-checklist), https://status.example.com/incidents/7. <img src=x onerror="alert(1)"> [bad](javascript:alert(1)) [worse](//evil.example/x)',
          internal: false,
          authorName: 'Eli Engineer',
          authorKind: 'STAFF',
          createdAt: '2026-11-26T15:10:00.000Z',
        },
      ],
    })
    const { client } = setup(t)
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    const message = wrapper.get('[data-testid="ticket-message"] .ticket-message__body')
    expect(message.findAll('a').map((a) => [a.text(), a.attributes('href'), a.attributes('target')])).toEqual([
      ['the checklist', '/portal/knowledge/articles/empty-reports-checklist', '_blank'],
      ['https://status.example.com/incidents/7', 'https://status.example.com/incidents/7', '_blank'],
    ])
    expect(message.find('img').exists()).toBe(false)
    expect(message.text()).toContain('<img src=x onerror="alert(1)"> [bad](javascript:alert(1)) [worse](//evil.example/x)')
  })
})
