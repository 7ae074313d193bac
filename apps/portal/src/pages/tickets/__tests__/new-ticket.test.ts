import { describe, expect, it, vi } from 'vitest'
import { mountApp, settle } from '../../../test/mountApp'
import { liveClient } from './liveClient'
import { categories, NOW, signedIn, slaPreview, ticket, ticketViewer } from './fixtures'
import { browser, byLabel, describedError, useTicketTestClock } from './setup'

useTicketTestClock()

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']

/** Premium: 4 business hours on both desks; 01:00 UTC on the 26th is 18:00 on the 25th in Denver. */
const premiumPreview = slaPreview('2026-11-26T01:00:00.000Z', 'GUARANTEE', '2026-11-27T17:00:00.000Z')
const standardPreview = slaPreview('2026-11-26T02:00:00.000Z', 'GOAL', '2026-12-01T17:00:00.000Z')

function replies(extra: Record<string, unknown> = {}) {
  return {
    PortalViewer: signedIn,
    PortalTicketViewer: ticketViewer(),
    PortalTicketCategories: categories,
    PortalTicketSlaPreview: premiumPreview,
    PortalSuggestArticles: { data: { suggestArticles: [] } },
    ...extra,
  } as Parameters<typeof liveClient>[0]
}

async function fill(wrapper: Wrapper, values: { subject?: string; category?: string; body?: string }) {
  if (values.subject !== undefined) await byLabel(wrapper, 'Subject').setValue(values.subject)
  if (values.category !== undefined) await byLabel(wrapper, 'Category').setValue(values.category)
  if (values.body !== undefined) await byLabel(wrapper, 'Describe your question').setValue(values.body)
}
const sendButton = (wrapper: Wrapper) => wrapper.findAll('button').find((b) => b.text() === 'Send')!

describe('new ticket form', () => {
  it('has the labelled fields, and the category select lists every category with its description', async () => {
    const { client } = liveClient(replies())
    const { wrapper } = await mountApp(client, '/tickets/new')

    expect(wrapper.get('h1').text()).toBe('Open a ticket')
    expect(byLabel(wrapper, 'Subject').element.tagName).toBe('INPUT')
    expect(byLabel(wrapper, 'Describe your question').element.tagName).toBe('TEXTAREA')
    const select = byLabel(wrapper, 'Category')
    expect(select.element.tagName).toBe('SELECT')
    expect(select.findAll('optgroup').map((g) => g.attributes('label'))).toEqual([
      'Included in support',
      'Decided case by case',
      'Usually Professional Services (paid, quoted first)',
    ])
    expect(select.findAll('option:not([disabled])').map((o) => o.attributes('value'))).toEqual([
      'FEATURE_HELP',
      'BASIC_LABELS',
      'COMBINATION_LABELS',
      'MULTI_SITE_TRACKING',
      'SERVER_LOG_FILES',
    ])
    expect(wrapper.get('.tk-category__all').text()).toContain('Log files that are incomplete, malformed or hard to get at because of server settings.')
    expect(sendButton(wrapper).attributes('type')).toBe('submit')
  })

  it('hints live that a category usually needs Professional Services', async () => {
    const { client } = liveClient(replies())
    const { wrapper } = await mountApp(client, '/tickets/new')
    expect(wrapper.find('[data-testid="scope-hint"]').exists()).toBe(false)

    await fill(wrapper, { category: 'SERVER_LOG_FILES' })
    const hint = wrapper.get('[data-testid="scope-hint"]')
    expect(hint.text()).toBe('This usually needs Professional Services: paid work, quoted before anything is done.')
    expect(hint.classes()).toContain('tk-hint--needs_professional_services')
    expect(wrapper.get('[data-testid="category-description"]').text()).toBe(
      'Log files that are incomplete, malformed or hard to get at because of server settings.',
    )
    expect(byLabel(wrapper, 'Category').attributes('aria-describedby')).toContain(hint.element.parentElement!.id)

    await fill(wrapper, { category: 'FEATURE_HELP' })
    expect(wrapper.get('[data-testid="scope-hint"]').text()).toBe('Covered by technical support.')
  })

  it('asks how many labels, or how many are joined, only for the label categories', async () => {
    const { client } = liveClient(replies())
    const { wrapper } = await mountApp(client, '/tickets/new')
    const labels = () => wrapper.findAll('label').map((l) => l.text())

    expect(labels()).not.toContain('How many labels?')
    await fill(wrapper, { category: 'BASIC_LABELS' })
    expect(labels()).toContain('How many labels?')
    expect(labels()).not.toContain('How many labels are joined?')
    await fill(wrapper, { category: 'COMBINATION_LABELS' })
    expect(labels()).toContain('How many labels are joined?')
    expect(labels()).not.toContain('How many labels?')
  })

  it('says when a premium question sent now is guaranteed an answer, in the contact’s zone, and asks again', async () => {
    const { client, sent } = liveClient(replies())
    const { wrapper } = await mountApp(client, '/tickets/new')

    expect(sent('PortalTicketSlaPreview')[0]!.variables).toEqual({ plan: 'PREMIUM', homeDesk: 'PACIFIC', receivedAt: NOW })
    expect(wrapper.get('[data-testid="expected-first-response"]').text()).toBe(
      'Sent now, a first response is guaranteed by Wed 25 Nov, 18:00 (Mountain Time).',
    )
    expect(wrapper.get('[data-testid="expected-response"]').text()).toContain('We aim to resolve it by Fri 27 Nov, 10:00.')
    expect(wrapper.get('[data-testid="expected-response"]').text()).toContain('For a question sent at 10:00; updated every minute.')

    // Every minute…
    vi.advanceTimersByTime(60_000)
    await settle()
    expect(sent('PortalTicketSlaPreview')).toHaveLength(2)
    expect(sent('PortalTicketSlaPreview')[1]!.variables).toMatchObject({ receivedAt: '2026-11-25T17:01:00.000Z' })
    // …and when the category changes.
    vi.setSystemTime(new Date('2026-11-25T17:01:30.000Z'))
    await fill(wrapper, { category: 'FEATURE_HELP' })
    await settle()
    expect(sent('PortalTicketSlaPreview')).toHaveLength(3)
    expect(sent('PortalTicketSlaPreview')[2]!.variables).toMatchObject({ receivedAt: '2026-11-25T17:01:30.000Z' })
  })

  it('says "we aim to answer by" for a standard goal, in the browser’s zone when the contact has none', async () => {
    browser.zone = 'Europe/London'
    const { client, sent } = liveClient(
      replies({ PortalTicketViewer: ticketViewer({ plan: 'STANDARD', homeDesk: 'UK', timeZone: null }), PortalTicketSlaPreview: standardPreview }),
    )
    const { wrapper } = await mountApp(client, '/tickets/new')

    expect(sent('PortalTicketSlaPreview')[0]!.variables).toEqual({ plan: 'STANDARD', homeDesk: 'UK', receivedAt: NOW })
    expect(wrapper.get('[data-testid="expected-first-response"]').text()).toBe(
      'Sent now, we aim to answer by Thu 26 Nov, 02:00 (United Kingdom Time).',
    )
  })

  it('says plainly that no clock runs for a contact who is not entitled, with why and what would fix it', async () => {
    const { client, sent } = liveClient(
      replies({
        PortalTicketViewer: ticketViewer({
          plan: 'NOT_ENTITLED',
          reasons: ['The maintenance contract of Brightwater Media plc lapsed on 4 Nov 2026.'],
          remedies: ['Renew the maintenance contract.'],
        }),
      }),
    )
    const { wrapper } = await mountApp(client, '/tickets/new')

    expect(sent('PortalTicketSlaPreview')).toHaveLength(0)
    const box = wrapper.get('[data-testid="expected-response"]')
    expect(box.get('[data-testid="no-clock"]').text()).toContain('No response time applies.')
    expect(box.get('[data-testid="entitlement-reasons"]').text()).toContain('lapsed on 4 Nov 2026')
    expect(box.get('[data-testid="entitlement-remedies"]').text()).toContain('Renew the maintenance contract.')
    expect(wrapper.find('[data-testid="expected-first-response"]').exists()).toBe(false)
  })

  it('checks required fields before sending', async () => {
    const { client, sent } = liveClient(replies())
    const { wrapper } = await mountApp(client, '/tickets/new')
    await sendButton(wrapper).trigger('click')
    await wrapper.get('form[data-testid="new-ticket-form"]').trigger('submit')
    await settle()

    expect(sent('PortalOpenTicket')).toHaveLength(0)
    expect(describedError(byLabel(wrapper, 'Subject'))).toBe('Enter a subject: one line saying what the question is about.')
    expect(describedError(byLabel(wrapper, 'Category'))).toBe('Choose the category that fits your question best.')
    expect(describedError(byLabel(wrapper, 'Describe your question'))).toBe('Describe your question.')
    expect(document.activeElement).toBe(byLabel(wrapper, 'Subject').element)
  })

  it('shows the server’s field errors beside the fields', async () => {
    const { client, sent } = liveClient(
      replies({
        PortalOpenTicket: {
          data: {
            openTicket: {
              __typename: 'ValidationError',
              code: 'VALIDATION',
              message: 'Check the highlighted fields.',
              fieldErrors: [
                { __typename: 'FieldError', field: 'input.body', message: 'The description is over 20,000 characters; shorten it or split it into two tickets.' },
                { __typename: 'FieldError', field: 'joinedLabels', message: 'A combination joins at least 2 labels.' },
              ],
            },
          },
        },
      }),
    )
    const { wrapper } = await mountApp(client, '/tickets/new')
    await fill(wrapper, { subject: 'Joined labels', category: 'COMBINATION_LABELS', body: 'How do I read these?' })
    await byLabel(wrapper, 'How many labels are joined?').setValue('1')
    await wrapper.get('form[data-testid="new-ticket-form"]').trigger('submit')
    await settle()

    expect(sent('PortalOpenTicket')[0]!.variables).toMatchObject({
      input: { subject: 'Joined labels', category: 'COMBINATION_LABELS', body: 'How do I read these?', joinedLabels: 1, labelsRequested: null },
    })
    expect(describedError(byLabel(wrapper, 'Describe your question'))).toBe(
      'The description is over 20,000 characters; shorten it or split it into two tickets.',
    )
    expect(describedError(byLabel(wrapper, 'How many labels are joined?'))).toBe('A combination joins at least 2 labels.')
    expect(describedError(byLabel(wrapper, 'Subject'))).toBeNull()
    expect(wrapper.get('[data-testid="form-problem"]').text()).toContain('Check the fields marked below.')

    // Fixing a field clears its message.
    await byLabel(wrapper, 'How many labels are joined?').setValue('2')
    expect(describedError(byLabel(wrapper, 'How many labels are joined?'))).toBeNull()
  })

  it('sends once with one idempotency key however often Send is pressed, then opens the new ticket', async () => {
    let release: (() => void) | undefined
    const { client, sent } = liveClient(
      replies({
        PortalOpenTicket: () =>
          new Promise((resolve) => (release = () => resolve({ data: { openTicket: { __typename: 'MutationOpenTicketSuccess', ticket: ticket() } } }))),
        PortalTicket: { data: { ticket: ticket() } },
      }),
    )
    const { wrapper, router } = await mountApp(client, '/tickets/new')
    await fill(wrapper, { subject: 'Report totals differ from last week', category: 'FEATURE_HELP', body: 'Why?' })
    const form = wrapper.get('form[data-testid="new-ticket-form"]')
    await form.trigger('submit')
    await form.trigger('submit')
    await settle()

    expect(sendButton(wrapper).attributes('disabled')).toBeDefined()
    expect(sent('PortalOpenTicket')).toHaveLength(1)
    const key = (sent('PortalOpenTicket')[0]!.variables as { input: { idempotencyKey: string } }).input.idempotencyKey
    expect(key).toMatch(/^portal-.{16,}/)

    release!()
    await settle()
    expect(router.currentRoute.value.name).toBe('ticket')
    expect(router.currentRoute.value.params.id).toBe(ticket().id)
  })

  it('keeps the same idempotency key when sending again after a failure, so the retry cannot open a second ticket', async () => {
    let calls = 0
    const { client, sent } = liveClient(
      replies({
        PortalOpenTicket: () =>
          ++calls === 1 ? new Error('Failed to fetch') : { data: { openTicket: { __typename: 'MutationOpenTicketSuccess', ticket: ticket() } } },
        PortalTicket: { data: { ticket: ticket() } },
      }),
    )
    const { wrapper, router } = await mountApp(client, '/tickets/new')
    await fill(wrapper, { subject: 'Report totals', category: 'FEATURE_HELP', body: 'Why?' })
    await wrapper.get('form[data-testid="new-ticket-form"]').trigger('submit')
    await settle()
    expect(wrapper.get('[data-testid="form-problem"]').text()).toContain('We could not reach Covered')

    await wrapper.get('form[data-testid="new-ticket-form"]').trigger('submit')
    await settle()
    const keys = sent('PortalOpenTicket').map((op) => (op.variables as { input: { idempotencyKey: string } }).input.idempotencyKey)
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
    expect(router.currentRoute.value.name).toBe('ticket')
  })
})
