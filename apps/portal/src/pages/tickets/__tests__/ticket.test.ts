import { describe, expect, it } from 'vitest'
import { mountApp, settle } from '../../../test/mountApp'
import { liveClient } from './liveClient'
import { NOW, signedIn, target, ticket, TICKET_ID, ticketViewer } from './fixtures'
import { byLabel, describedError, useTicketTestClock } from './setup'

useTicketTestClock()

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']
const path = `/tickets/${TICKET_ID}`
const replyButton = (wrapper: Wrapper) => wrapper.findAll('button').find((b) => b.text() === 'Send reply')

function replies(t: unknown, extra: Record<string, unknown> = {}) {
  return { PortalViewer: signedIn, PortalTicketViewer: ticketViewer(), PortalTicket: { data: { ticket: t } }, ...extra } as Parameters<typeof liveClient>[0]
}

const staffReply = {
  __typename: 'TicketMessage',
  id: 'TWVzc2FnZToy',
  body: 'Monday’s figures were reprocessed overnight; the 1,204 is the corrected count.',
  authorName: 'Eli Engineer',
  authorKind: 'STAFF',
  createdAt: '2026-11-25T21:32:00.000Z',
}

describe('ticket page', () => {
  it('shows subject, number, status, plan and why, scope, due times in the contact’s zone, and the conversation', async () => {
    const { client, sent } = liveClient(replies(ticket()))
    const { wrapper } = await mountApp(client, path)

    expect(sent('PortalTicket')[0]!.variables).toEqual({ id: TICKET_ID })
    expect(wrapper.get('h1').text()).toBe('Report totals differ from last week')
    expect(document.title).toBe('CT-000101: Report totals differ from last week · Covered Support')
    expect(wrapper.get('[data-testid="ticket-number"]').text()).toBe('CT-000101')
    expect(wrapper.get('[data-testid="ticket-status"]').text()).toBe('Open')
    expect(wrapper.find('[data-testid="waiting-on-you"]').exists()).toBe(false)

    expect(wrapper.get('[data-testid="first-response"]').text()).toBe(
      'First response: answered within 4 business hours, guaranteed by Wed 25 Nov, 13:00',
    )
    expect(wrapper.get('[data-testid="resolution"]').text()).toBe(
      'Resolution: we aim to resolve it within 24 business hours, by Fri 27 Nov, 09:00 (a goal)',
    )
    expect(wrapper.get('[data-testid="due-times"]').text()).toContain('Times in Mountain Time (America/Denver)')

    const support = wrapper.get('[data-testid="ticket-support"]')
    expect(support.get('[data-testid="entitlement-plan"]').text()).toBe('Premium')
    expect(support.get('[data-testid="entitlement-reasons"]').text()).toContain('key contact on an active Premium Support contract')
    expect(support.get('[data-testid="ticket-scope"]').text()).toContain('Numbers that look wrong are included in technical support.')

    const messages = wrapper.findAll('[data-testid="message"]')
    expect(messages).toHaveLength(1)
    expect(messages[0]!.classes()).toContain('tk-msg--mine')
    expect(messages[0]!.text()).toContain('You')
    expect(messages[0]!.text()).toContain('Wed 25 Nov, 09:00')
    expect(byLabel(wrapper, 'Your reply').element.tagName).toBe('TEXTAREA')
  })

  it('shows links in support’s reply as links: a cited article opens in the portal, other sites in a new tab; anything else stays text', async () => {
    const cited = {
      ...staffReply,
      body: 'Please work through [Empty reports checklist](/portal/knowledge/articles/empty-reports-checklist). Status: https://status.example.com/incidents/7. <script>alert(1)</script> [x](javascript:alert(1))',
    }
    const { client } = liveClient(
      replies(ticket({ messages: [...ticket().messages, cited] }), {
        PortalArticle: { data: { articleBySlug: { __typename: 'Article', id: 'QXJ0aWNsZTox', title: 'Empty reports checklist', slug: 'empty-reports-checklist', html: '<p>Check the filters.</p>', tags: [], visibility: 'PUBLIC', updatedAt: NOW, publishedAt: NOW } } },
      }),
    )
    const { wrapper, router } = await mountApp(client, path)
    const body = wrapper.findAll('[data-testid="message"]')[1]!.get('.tk-msg__body')
    const links = body.findAll('a')
    expect(links.map((a) => [a.text(), a.attributes('href'), a.attributes('target') ?? null, a.attributes('rel') ?? null])).toEqual([
      ['Empty reports checklist', '/portal/knowledge/articles/empty-reports-checklist', null, null],
      ['https://status.example.com/incidents/7', 'https://status.example.com/incidents/7', '_blank', 'noopener noreferrer nofollow'],
    ])
    expect(body.find('script').exists()).toBe(false)
    expect(body.text()).toContain('<script>alert(1)</script> [x](javascript:alert(1))')

    await links[0]!.trigger('click', { button: 0 })
    await settle()
    expect(router.currentRoute.value.name).toBe('knowledge-article')
    expect(router.currentRoute.value.params.slug).toBe('empty-reports-checklist')
    expect(wrapper.get('h1').text()).toBe('Empty reports checklist')
  })

  it('makes "waiting on you" prominent and takes the contact to the reply box', async () => {
    const waiting = ticket({
      status: 'WAITING_ON_CUSTOMER',
      statusLabel: 'Waiting on customer',
      waitingOnCustomer: true,
      paused: true,
      firstResponse: target('GUARANTEE', '2026-11-25T20:00:00.000Z', 'MET', '2026-11-25T16:30:00.000Z', null),
      resolution: target('GOAL', '2026-11-27T16:00:00.000Z', 'PAUSED', null, null),
    })
    const { client } = liveClient(replies(waiting))
    const { wrapper } = await mountApp(client, path)

    const banner = wrapper.get('[data-testid="waiting-on-you"]')
    expect(banner.text()).toContain('Waiting on you — reply to continue')
    expect(wrapper.get('[data-testid="ticket-status"]').text()).toBe('● Waiting on you')
    expect(wrapper.get('[data-testid="resolution"]').text()).toBe('Resolution: the clock is stopped while we wait for your reply')
    await banner.get('button').trigger('click')
    expect(document.activeElement).toBe(byLabel(wrapper, 'Your reply').element)
  })

  it('shows a staff reply and the met first response live, without a reload', async () => {
    const { client, sent, subscribed, push } = liveClient(replies(ticket()))
    const { wrapper } = await mountApp(client, path)

    expect(subscribed('PortalTicketChanged')).toHaveLength(1)
    expect(subscribed('PortalTicketChanged')[0]!.operation.variables).toEqual({ id: TICKET_ID })
    expect(wrapper.text()).not.toContain('reprocessed overnight')

    push('PortalTicketChanged', {
      ticketChanged: ticket({
        version: 2,
        lastMessageAt: staffReply.createdAt,
        messages: [...ticket().messages, staffReply],
        // 21:32 UTC is 14:32 in Denver.
        firstResponse: target('GUARANTEE', '2026-11-25T20:00:00.000Z', 'MET', '2026-11-25T21:32:00.000Z', null),
      }),
    })
    await settle()

    expect(wrapper.get('[data-testid="first-response"]').text()).toBe('First response: met at 14:32 today')
    const messages = wrapper.findAll('[data-testid="message"]')
    expect(messages).toHaveLength(2)
    expect(messages[1]!.classes()).toContain('tk-msg--staff')
    expect(messages[1]!.text()).toContain('Eli Engineer')
    expect(messages[1]!.text()).toContain('Covered support')
    expect(messages[1]!.text()).toContain('reprocessed overnight')
    expect(sent('PortalTicket')).toHaveLength(1) // no reload

    // An older event arriving late does not undo it.
    push('PortalTicketChanged', { ticketChanged: ticket({ version: 1 }) })
    await settle()
    expect(wrapper.findAll('[data-testid="message"]')).toHaveLength(2)
  })

  it('says when live updates stop, and reconnects', async () => {
    const { client, sent, push } = liveClient(replies(ticket()))
    const { wrapper } = await mountApp(client, path)
    expect(wrapper.find('.tk-live-lost').exists()).toBe(false)

    push('PortalTicketChanged', new Error('network error'))
    await settle()
    const lost = wrapper.get('.tk-live-lost')
    expect(lost.text()).toContain('Live updates stopped')
    await lost.get('button').trigger('click')
    await settle()
    expect(sent('PortalTicketChanged')).toHaveLength(2)
    expect(sent('PortalTicket')).toHaveLength(2) // caught up on what was missed
    expect(wrapper.find('.tk-live-lost').exists()).toBe(false)

    push('PortalTicketChanged', { ticketChanged: ticket({ version: 2, status: 'RESOLVED', statusLabel: 'Resolved' }) })
    await settle()
    expect(wrapper.get('[data-testid="ticket-status"]').text()).toBe('Resolved')
  })

  it('sends a reply, disabled while sending, and shows it', async () => {
    let release: (() => void) | undefined
    const mine = { ...staffReply, id: 'TWVzc2FnZToz', body: 'Thanks, that explains it.', authorName: 'Alex Rivera', authorKind: 'CONTACT' }
    const { client, sent } = liveClient(
      replies(ticket(), {
        PortalReplyToTicket: () =>
          new Promise((resolve) =>
            (release = () =>
              resolve({
                data: {
                  replyToTicket: {
                    __typename: 'MutationReplyToTicketSuccess',
                    ticket: ticket({ version: 2, messages: [...ticket().messages, mine] }),
                  },
                },
              })),
          ),
      }),
    )
    const { wrapper } = await mountApp(client, path)

    await byLabel(wrapper, 'Your reply').setValue('Thanks, that explains it.')
    await replyButton(wrapper)!.trigger('click')
    await settle()
    expect(replyButton(wrapper)!.attributes('disabled')).toBeDefined()
    expect(sent('PortalReplyToTicket')[0]!.variables).toEqual({ ticketId: TICKET_ID, body: 'Thanks, that explains it.' })

    release!()
    await settle()
    expect(replyButton(wrapper)!.attributes('disabled')).toBeUndefined()
    expect(byLabel(wrapper, 'Your reply').element.value).toBe('')
    expect(wrapper.findAll('[data-testid="message"]').at(-1)!.text()).toContain('Thanks, that explains it.')
    expect(wrapper.get('.tk-reply__status').text()).toBe('Your reply was sent.')
  })

  it('asks for a reply before sending an empty one', async () => {
    const { client, sent } = liveClient(replies(ticket()))
    const { wrapper } = await mountApp(client, path)
    await replyButton(wrapper)!.trigger('click')
    await settle()
    expect(sent('PortalReplyToTicket')).toHaveLength(0)
    expect(describedError(byLabel(wrapper, 'Your reply'))).toBe('Write your reply first.')
  })

  it('a closed ticket takes no more replies and points to a new ticket', async () => {
    const { client } = liveClient(replies(ticket({ status: 'CLOSED', statusLabel: 'Closed' })))
    const { wrapper } = await mountApp(client, path)

    expect(wrapper.findAll('label').some((l) => l.text() === 'Your reply')).toBe(false)
    expect(replyButton(wrapper)).toBeUndefined()
    const closed = wrapper.get('[data-testid="ticket-closed"]')
    expect(closed.text()).toContain('This ticket is closed and takes no more replies.')
    expect(closed.get('a').attributes('href')).toBe('/tickets/new')
    expect(wrapper.get('[data-testid="resolution"]').text()).toBe('Resolution: resolved')
  })

  it('shows the policy’s refusal when the ticket closed meanwhile', async () => {
    const { client } = liveClient(
      replies(ticket(), {
        PortalReplyToTicket: {
          data: {
            replyToTicket: {
              __typename: 'PolicyError',
              code: 'POLICY',
              rule: 'INVALID_TRANSITION',
              message: 'A closed ticket is final and cannot change; open a new ticket that refers to it.',
            },
          },
        },
      }),
    )
    const { wrapper } = await mountApp(client, path)
    await byLabel(wrapper, 'Your reply').setValue('One more thing')
    await replyButton(wrapper)!.trigger('click')
    await settle()

    const problem = wrapper.get('[data-testid="form-problem"]')
    expect(problem.text()).toContain('Your reply was not sent')
    expect(problem.text()).toContain('A closed ticket is final and cannot change; open a new ticket that refers to it.')
    expect(byLabel(wrapper, 'Your reply').element.value).toBe('One more thing')
  })

  it('explains a ticket with no clock (not entitled)', async () => {
    const t = ticket({
      plan: 'NOT_ENTITLED',
      firstResponse: null,
      resolution: null,
      entitlement: {
        __typename: 'Entitlement',
        plan: 'NOT_ENTITLED',
        lane: 'CUSTOMER',
        reasons: ['Sam Okafor is not a key contact on a current contract.'],
        remedies: ['A customer admin can name Sam Okafor as a key contact.'],
      },
    })
    const { client } = liveClient(replies(t))
    const { wrapper } = await mountApp(client, path)

    expect(wrapper.get('[data-testid="first-response"]').text()).toContain('No response-time target runs for this ticket')
    expect(wrapper.get('[data-testid="entitlement-remedies"]').text()).toContain('A customer admin can name Sam Okafor as a key contact.')
  })

  it('treats a mistyped ticket address as no such ticket', async () => {
    const { client } = liveClient(replies(null, { PortalTicket: { data: { ticket: null }, errors: [{ message: 'Invalid global ID: nope' }] } }))
    const { wrapper } = await mountApp(client, '/tickets/nope')
    expect(wrapper.text()).toContain('There is no such ticket')
  })

  it('shows an error with a retry when the ticket cannot be loaded', async () => {
    let calls = 0
    const { client } = liveClient(
      replies(null, { PortalTicket: () => (++calls === 1 ? { data: { ticket: null }, errors: [{ message: 'Unexpected error.' }] } : { data: { ticket: ticket() } }) }),
    )
    const { wrapper } = await mountApp(client, path)
    const error = wrapper.get('.cv-state--error')
    expect(error.text()).toContain('This ticket could not be loaded')
    await error.get('button').trigger('click')
    await settle()
    expect(wrapper.get('h1').text()).toBe('Report totals differ from last week')
  })

  it('answers a ticket that is not yours exactly as one that does not exist', async () => {
    const { client, subscribed } = liveClient(replies(null))
    const { wrapper } = await mountApp(client, path)
    expect(wrapper.text()).toContain('There is no such ticket')
    expect(subscribed('PortalTicketChanged')).toHaveLength(0)
  })
})
