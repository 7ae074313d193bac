import type { DOMWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'
import { adminViewer, engineerViewer, staffReply, target, ticket, type TicketFixture } from './fixtures'
import { warmUpRoutes } from './warmUp'

const engineer = { data: { viewer: engineerViewer } }
const admin = { data: { viewer: adminViewer } }

beforeAll(() => warmUpRoutes(), 60_000)

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-26T16:00:00Z') })
  const resolved = Intl.DateTimeFormat.prototype.resolvedOptions
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
    return { ...resolved.call(this), timeZone: 'America/Los_Angeles' }
  })
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']
const buttonNamed = (scope: Pick<Wrapper, 'findAll'>, text: string) => scope.findAll('button').find((b) => b.text() === text)

/** The message a control points at with aria-describedby. */
function describedError(control: Pick<DOMWrapper<Element>, 'element'>): string | null {
  const ids = control.element.getAttribute('aria-describedby')?.split(' ') ?? []
  for (const id of ids) {
    const el = document.getElementById(id)
    if (el?.classList.contains('cv-field__error')) return el.textContent?.trim() ?? ''
  }
  return null
}

function replies(t: TicketFixture, more: Record<string, unknown> = {}) {
  return { TicketPage: { data: { ticket: t } }, TicketPageChanged: 'pending' as const, TicketStaff: staffReply, ...more }
}

const success = (field: string, typename: string, t: Record<string, unknown>) => ({ data: { [field]: { __typename: typename, ticket: t } } })

describe('ticket page', () => {
  it('shows the header, and the conversation with internal notes set apart', async () => {
    const t = ticket(12, {
      plan: 'PREMIUM',
      status: 'OPEN',
      statusLabel: 'Open',
      assignee: { __typename: 'StaffUser', id: engineerViewer.id, name: 'Eli Engineer' },
      messages: [
        ...ticket(12).messages,
        {
          __typename: 'TicketMessage',
          id: 'm-2',
          body: 'Looks like the row limit of the Pro edition.',
          internal: true,
          authorName: 'Eli Engineer',
          authorKind: 'STAFF',
          createdAt: '2026-11-26T15:10:00.000Z',
        },
        {
          __typename: 'TicketMessage',
          id: 'm-3',
          body: 'Thanks Alex, we are looking into it.',
          internal: false,
          authorName: 'Eli Engineer',
          authorKind: 'STAFF',
          createdAt: '2026-11-26T15:12:00.000Z',
        },
      ],
    })
    const { client, sent } = mockClient({ AdminViewer: engineer, ...replies(t) })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')

    expect(wrapper.get('h1').text()).toBe('Question 12')
    expect(wrapper.get('[data-testid="ticket-number"]').text()).toBe('CT-000012')
    expect(document.title).toBe('CT-000012 Question 12 · Covered Admin')
    const facts = wrapper.get('[data-testid="ticket-facts"]').text()
    expect(facts).toContain('Open')
    expect(facts).toContain('Premium')
    expect(facts).toContain('Pacific')
    expect(facts).toContain('Eli Engineer (you)')
    expect(sent('TicketPageChanged')[0]!.variables).toEqual({ id: 'ticket-12' })

    const messages = wrapper.findAll('[data-testid="ticket-message"]')
    expect(messages).toHaveLength(3)
    const [question, note, reply] = messages
    expect(question!.text()).toContain('Alex Rivera')
    expect(question!.text()).toContain('Customer')
    expect(note!.classes()).toContain('is-internal')
    expect(note!.get('[data-testid="internal-note-label"]').text()).toBe('Internal note — not visible to the customer')
    expect(note!.text()).toContain('Looks like the row limit')
    expect(reply!.classes()).not.toContain('is-internal')
    expect(reply!.find('[data-testid="internal-note-label"]').exists()).toBe(false)
    expect(reply!.text()).toContain('26 Nov 2026, 07:12 PST (UTC−8)')
  })

  it('sends a public reply or an internal note, and refuses an empty one', async () => {
    const t = ticket(12)
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      ...replies(t),
      ReplyToTicket: (op) =>
        success('replyToTicket', 'MutationReplyToTicketSuccess', {
          ...t,
          version: 2,
          messages: [
            ...t.messages,
            {
              __typename: 'TicketMessage',
              id: 'm-new',
              body: String(op.variables?.body),
              internal: Boolean(op.variables?.internal),
              authorName: 'Eli Engineer',
              authorKind: 'STAFF',
              createdAt: '2026-11-26T16:00:00.000Z',
            },
          ],
        }),
    })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')

    await buttonNamed(wrapper, 'Reply')!.trigger('click')
    await settle()
    const body = wrapper.get('textarea[name="body"]')
    expect(describedError(body)).toBe('Write the reply first.')
    expect(sent('ReplyToTicket')).toHaveLength(0)

    await body.setValue('Please try the export again.')
    await buttonNamed(wrapper, 'Add internal note')!.trigger('click')
    await settle()
    expect(sent('ReplyToTicket')[0]!.variables).toEqual({ ticketId: 'ticket-12', body: 'Please try the export again.', internal: true, citedArticleIds: [] })
    expect(wrapper.text()).toContain('Internal note added. Only staff can see it.')
    expect(wrapper.findAll('[data-testid="ticket-message"]').at(-1)!.classes()).toContain('is-internal')

    await body.setValue('We have raised the limit for you.')
    await wrapper.get('.ticket-composer form').trigger('submit')
    await settle()
    expect(sent('ReplyToTicket')[1]!.variables).toEqual({ ticketId: 'ticket-12', body: 'We have raised the limit for you.', internal: false, citedArticleIds: [] })
    expect(wrapper.text()).toContain('Reply sent to the customer.')
    expect((body.element as HTMLTextAreaElement).value).toBe('')
  })

  it('offers the allowed status changes and shows the policy’s refusal in its own words', async () => {
    const t = ticket(12, { status: 'OPEN', statusLabel: 'Open', allowedStatusChanges: ['WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED', 'CLOSED'] })
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      ...replies(t),
      ChangeTicketStatus: {
        data: {
          changeTicketStatus: {
            __typename: 'PolicyError',
            code: 'POLICY',
            rule: 'INVALID_TRANSITION',
            message: 'A ticket cannot be resolved before support has replied publicly at least once.',
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')

    const select = wrapper.get('select[name="status"]')
    const offered = select.findAll('option').filter((o) => !(o.element as HTMLOptionElement).disabled).map((o) => o.text())
    expect(offered).toEqual(['Wait on the customer', 'Escalate to Professional Services', 'Resolve', 'Close'])
    await select.setValue('RESOLVED')
    await buttonNamed(wrapper, 'Change status')!.trigger('click')
    await settle()

    expect(sent('ChangeTicketStatus')[0]!.variables).toEqual({ ticketId: 'ticket-12', status: 'RESOLVED' })
    const alert = wrapper.get('[data-testid="ticket-work"] [data-testid="form-problem"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('The support policy does not allow this')
    expect(alert.text()).toContain('A ticket cannot be resolved before support has replied publicly at least once.')
    expect(wrapper.get('[data-testid="ticket-status"]').text()).toBe('Open')
  })

  it('says when resolving must wait for a public reply, and changes the status when allowed', async () => {
    const t = ticket(12, { allowedStatusChanges: ['OPEN', 'WAITING_ON_CUSTOMER', 'CLOSED'] })
    const { client } = mockClient({
      AdminViewer: engineer,
      ...replies(t),
      ChangeTicketStatus: success('changeTicketStatus', 'MutationChangeTicketStatusSuccess', {
        ...t,
        version: 2,
        status: 'WAITING_ON_CUSTOMER',
        statusLabel: 'Waiting on customer',
        paused: true,
        firstResponse: target({ state: 'PAUSED', businessMinutesLeft: null }),
      }),
    })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    expect(wrapper.get('[data-testid="resolve-hint"]').text()).toBe('Resolving becomes possible after the first public reply.')

    await wrapper.get('select[name="status"]').setValue('WAITING_ON_CUSTOMER')
    await buttonNamed(wrapper, 'Change status')!.trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="ticket-status"]').text()).toBe('Waiting on customer')
    expect(wrapper.text()).toContain('Status changed to waiting on customer.')
    expect(wrapper.get('[data-testid="sla-paused"]').text()).toContain('The clocks are paused')
    expect(wrapper.get('[data-testid="sla-first-response"] [data-testid="sla-countdown"]').text()).toBe('paused')
  })

  it('assigns the ticket to the viewer or returns it to the desk queue', async () => {
    const t = ticket(12)
    const mine = { ...t, version: 2, assignee: { __typename: 'StaffUser', id: engineerViewer.id, name: 'Eli Engineer' } }
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      ...replies(t),
      AssignTicket: (op) =>
        op.variables?.assigneeId
          ? success('assignTicket', 'MutationAssignTicketSuccess', mine)
          : success('assignTicket', 'MutationAssignTicketSuccess', { ...t, version: 3 }),
    })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    expect(wrapper.get('[data-testid="ticket-assignee"]').text()).toBe('Unassigned (desk queue)')
    expect(buttonNamed(wrapper, 'Return to desk queue')).toBeUndefined()

    await buttonNamed(wrapper, 'Assign to me')!.trigger('click')
    await settle()
    expect(sent('AssignTicket')[0]!.variables).toEqual({ ticketId: 'ticket-12', assigneeId: engineerViewer.id })
    expect(wrapper.get('[data-testid="ticket-assignee"]').text()).toBe('Eli Engineer (you)')
    expect(buttonNamed(wrapper, 'Assign to me')).toBeUndefined()

    await buttonNamed(wrapper, 'Return to desk queue')!.trigger('click')
    await settle()
    expect(sent('AssignTicket')[1]!.variables).toEqual({ ticketId: 'ticket-12', assigneeId: null })
    expect(wrapper.get('[data-testid="ticket-assignee"]').text()).toBe('Unassigned (desk queue)')
  })

  it('shows entitlement and triage, and an override needs a written reason', async () => {
    const t = ticket(12, {
      category: 'SERVER_LOG_FILES',
      categoryLabel: 'Server log files',
      scope: {
        __typename: 'TicketScope',
        decision: 'NEEDS_PROFESSIONAL_SERVICES',
        rule: 'professional-services-category',
        explanation: 'Server log file analysis is Professional Services.',
        labelsCounted: 0,
      },
    })
    const decided = {
      ...t,
      version: 2,
      scope: { ...t.scope, decision: 'IN_SCOPE', rule: 'engineer-override', explanation: 'Overridden by Eli Engineer.' },
    }
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      ...replies(t),
      DecideTicketScope: success('decideTicketScope', 'MutationDecideTicketScopeSuccess', decided),
    })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')

    const panel = wrapper.get('[data-testid="triage-panel"]')
    expect(panel.get('[data-testid="entitlement-plan"]').text()).toBe('Standard')
    expect(panel.text()).toContain('Alex Rivera is a key contact on an active maintenance contract.')
    expect(panel.text()).toContain('maintenance-key-contact')
    expect(panel.get('[data-testid="scope-decision"]').text()).toBe('Needs Professional Services')
    expect(panel.text()).toContain('Server log file analysis is Professional Services.')
    expect(panel.text()).toContain('professional-services-category')

    await buttonNamed(panel, 'Override scope')!.trigger('click')
    const form = wrapper.get('[data-testid="scope-form"]')
    const options = form.findAll('input[type="radio"]').map((r) => (r.element as HTMLInputElement).value)
    expect(options).toEqual(['IN_SCOPE', 'NEEDS_REVIEW'])
    await form.get('input[value="IN_SCOPE"]').setValue(true)
    await form.trigger('submit')
    await settle()

    const reason = form.get('textarea[name="reason"]')
    expect(describedError(reason)).toBe('Write why: the reason goes into the exception register.')
    expect(reason.attributes('aria-invalid')).toBe('true')
    expect(sent('DecideTicketScope')).toHaveLength(0)

    await reason.setValue('  A one-off log check we promised at renewal.  ')
    await form.trigger('submit')
    await settle()
    expect(sent('DecideTicketScope')[0]!.variables).toEqual({
      ticketId: 'ticket-12',
      scope: 'IN_SCOPE',
      reason: 'A one-off log check we promised at renewal.',
    })
    expect(wrapper.get('[data-testid="scope-decision"]').text()).toBe('In scope')
    expect(wrapper.find('[data-testid="scope-form"]').exists()).toBe(false)
  })

  it('leaves a case-by-case review to an admin', async () => {
    const review = ticket(12, {
      category: 'MULTI_SITE_TRACKING',
      categoryLabel: 'Multi-site tracking',
      scope: { __typename: 'TicketScope', decision: 'NEEDS_REVIEW', rule: 'case-by-case', explanation: 'Decided case by case.', labelsCounted: 0 },
    })
    const asEngineer = mockClient({ AdminViewer: engineer, ...replies(review) })
    const first = await mountApp(asEngineer.client, '/tickets/ticket-12')
    const panel = first.wrapper.get('[data-testid="triage-panel"]')
    expect(panel.get('[data-testid="review-admin-only"]').text()).toContain('only an admin decides')
    expect(buttonNamed(panel, 'Override scope')).toBeUndefined()
    first.wrapper.unmount()
    document.body.innerHTML = ''

    const asAdmin = mockClient({ AdminViewer: admin, ...replies(review) })
    const second = await mountApp(asAdmin.client, '/tickets/ticket-12')
    await buttonNamed(second.wrapper.get('[data-testid="triage-panel"]'), 'Decide this review')!.trigger('click')
    const options = second.wrapper.findAll('[data-testid="scope-form"] input[type="radio"]').map((r) => (r.element as HTMLInputElement).value)
    expect(options).toEqual(['IN_SCOPE', 'NEEDS_PROFESSIONAL_SERVICES'])
  })

  it('shows each target’s kind, due time in the viewer’s zone, business time left and state', async () => {
    const t = ticket(12, {
      plan: 'PREMIUM',
      firstResponse: target({ kind: 'GUARANTEE', state: 'WARNING', dueAt: '2026-11-26T19:00:00.000Z', businessMinutesLeft: 50 }),
      resolution: target({ dueAt: '2026-11-30T22:00:00.000Z', businessMinutesLeft: -35, state: 'BREACHED', warningAt: null }),
    })
    const { client } = mockClient({ AdminViewer: engineer, ...replies(t) })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')

    const first = wrapper.get('[data-testid="sla-first-response"]')
    expect(first.text()).toContain('Guarantee')
    expect(first.text()).toContain('26 Nov 2026, 11:00 PST (UTC−8)')
    expect(first.get('[data-testid="sla-countdown"]').text()).toBe('at risk, 50m of business time left')
    expect(first.text()).toContain('At risk')
    const resolution = wrapper.get('[data-testid="sla-resolution"]')
    expect(resolution.text()).toContain('Goal')
    expect(resolution.get('[data-testid="sla-countdown"]').text()).toBe('overdue by 35m')
    expect(resolution.text()).toContain('Breached')
    expect(wrapper.text()).toContain('Times are in your time zone, America/Los_Angeles, PST (UTC−8).')
  })

  it('says why no clock runs on a ticket from someone not entitled', async () => {
    const t = ticket(12, {
      plan: 'NOT_ENTITLED',
      firstResponse: null,
      resolution: null,
      entitlement: {
        __typename: 'Entitlement',
        plan: 'NOT_ENTITLED',
        lane: 'CUSTOMER',
        rule: 'not-entitled',
        reasons: ['The maintenance contract lapsed on 3 Nov 2026.'],
        remedies: ['Renew the maintenance contract.'],
      },
    })
    const { client } = mockClient({ AdminViewer: engineer, ...replies(t) })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    expect(wrapper.get('[data-testid="sla-panel"]').text()).toContain('No SLA clock runs on this ticket')
    expect(wrapper.get('[data-testid="triage-panel"]').text()).toContain('Renew the maintenance contract.')
  })

  it('changes without a reload when the customer replies', async () => {
    const t = ticket(12)
    let emit: ((value: { data: unknown }) => void) | undefined
    const { client } = mockClient({
      AdminViewer: engineer,
      TicketPage: { data: { ticket: t } },
      TicketStaff: staffReply,
      TicketPageChanged: () => new Promise((resolve) => (emit = resolve)),
    })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    expect(wrapper.findAll('[data-testid="ticket-message"]')).toHaveLength(1)

    emit!({
      data: {
        ticketChanged: {
          ...t,
          version: 2,
          status: 'OPEN',
          statusLabel: 'Open',
          messages: [
            ...t.messages,
            {
              __typename: 'TicketMessage',
              id: 'm-live',
              body: 'It happened again just now.',
              internal: false,
              authorName: 'Alex Rivera',
              authorKind: 'CONTACT',
              createdAt: '2026-11-26T16:00:00.000Z',
            },
          ],
        },
      },
    })
    await settle()
    expect(wrapper.findAll('[data-testid="ticket-message"]')).toHaveLength(2)
    expect(wrapper.text()).toContain('It happened again just now.')
    expect(wrapper.get('[data-testid="ticket-status"]').text()).toBe('Open')
  })

  it('says so when there is no such ticket, and when it cannot be loaded', async () => {
    const missing = mockClient({ AdminViewer: engineer, TicketPage: { data: { ticket: null } }, TicketPageChanged: 'pending', TicketStaff: staffReply })
    const first = await mountApp(missing.client, '/tickets/nope')
    expect(first.wrapper.get('h1').text()).toBe('Ticket not found')
    expect(first.wrapper.get('.cv-state--empty').text()).toContain('There is no such ticket')
    first.wrapper.unmount()
    document.body.innerHTML = ''

    const failing = mockClient({
      AdminViewer: engineer,
      TicketPage: { errors: [{ message: 'Unexpected error.' }] },
      TicketPageChanged: 'pending',
      TicketStaff: staffReply,
    })
    const second = await mountApp(failing.client, '/tickets/ticket-12')
    // Tried once more, quietly, before the page says so.
    expect(second.wrapper.find('.cv-state--error').exists()).toBe(false)
    expect(second.wrapper.get('.cv-state--loading').text()).toContain('Loading the ticket…')
    await new Promise((resolve) => setTimeout(resolve, 900))
    await settle()
    expect(failing.sent('TicketPage')).toHaveLength(2)
    expect(second.wrapper.get('.cv-state--error').text()).toContain('The ticket could not be loaded')
  })

  it('assigns the ticket to another member of the team', async () => {
    const t = ticket(12)
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      ...replies(t),
      AssignTicket: success('assignTicket', 'MutationAssignTicketSuccess', {
        ...t,
        version: 2,
        desk: 'UK',
        assignee: { __typename: 'StaffUser', id: 'U3RhZmZVc2VyOmhhcnJpZXQ=', name: 'Harriet Hughes' },
      }),
    })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')

    const select = wrapper.get('select[name="assignee"]')
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Choose someone…', 'Ada Admin', 'Harriet Hughes (UK desk, away)'])
    await select.setValue('U3RhZmZVc2VyOmhhcnJpZXQ=')
    await buttonNamed(wrapper, 'Assign')!.trigger('click')
    await settle()
    expect(sent('AssignTicket')[0]!.variables).toEqual({ ticketId: 'ticket-12', assigneeId: 'U3RhZmZVc2VyOmhhcnJpZXQ=' })
    expect(wrapper.get('[data-testid="ticket-assignee"]').text()).toBe('Harriet Hughes')
    expect(wrapper.text()).toContain('Assigned to Harriet Hughes.')
  })

  it('re-reads the ticket when a change arrives that could not be read in full', async () => {
    const t = ticket(12)
    let emit: ((value: { errors: { message: string }[] }) => void) | undefined
    let calls = 0
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      TicketStaff: staffReply,
      TicketPage: () => ({ data: { ticket: ++calls === 1 ? t : { ...t, version: 2, status: 'OPEN', statusLabel: 'Open' } } }),
      TicketPageChanged: () => new Promise((resolve) => (emit = resolve)),
    })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')
    expect(wrapper.get('[data-testid="ticket-status"]').text()).toBe('New')

    emit!({ errors: [{ message: 'Unexpected error.' }] })
    await settle()
    expect(sent('TicketPage')).toHaveLength(2)
    expect(wrapper.get('[data-testid="ticket-status"]').text()).toBe('Open')
  })

  it('does not claim nothing was sent when no answer came back for a reply', async () => {
    const t = ticket(12)
    const { client, sent } = mockClient({
      AdminViewer: engineer,
      ...replies(t),
      ReplyToTicket: { errors: [{ message: 'Unexpected error.' }] },
    })
    const { wrapper } = await mountApp(client, '/tickets/ticket-12')

    await wrapper.get('textarea[name="body"]').setValue('Please try again now.')
    await buttonNamed(wrapper, 'Reply')!.trigger('click')
    await settle()
    const alert = wrapper.get('.ticket-composer [data-testid="form-problem"]')
    expect(alert.text()).toContain('Not confirmed')
    expect(alert.text()).toContain('it may have been saved. Check the conversation before sending it again.')
    expect(alert.text()).not.toContain('Nothing was saved')
    // The conversation is read again to show what did land.
    expect(sent('TicketPage')).toHaveLength(2)
    expect((wrapper.get('textarea[name="body"]').element as HTMLTextAreaElement).value).toBe('Please try again now.')
  })
})
