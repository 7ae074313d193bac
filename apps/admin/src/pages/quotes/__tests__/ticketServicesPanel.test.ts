import urql from '@urql/vue'
import { mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '../../../router'
import { mockClient, type Reply } from '@covered/ui/testing'
import { settle } from '../../../test/mountApp'
import TicketServicesPanel from '../components/TicketServicesPanel.vue'
import { CUSTOMER_ID, TICKET_ID, modules, quote } from './fixtures'

/** The panel loads when it scrolls into view: here everything is in view at once. */
class InView {
  constructor(private callback: IntersectionObserverCallback) {}
  observe(target: Element) {
    this.callback([{ isIntersecting: true, target } as IntersectionObserverEntry], this as unknown as IntersectionObserver)
  }
  disconnect() {}
  unobserve() {}
}

beforeEach(() => vi.stubGlobal('IntersectionObserver', InView))
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

function ticket(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Ticket',
    id: TICKET_ID,
    number: 'CT-001001',
    subject: 'Analyse our server logs',
    status: 'OPEN',
    version: 1,
    category: 'SERVER_LOG_FILES',
    recommendsTraining: false,
    allowedStatusChanges: ['WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED'],
    scope: { __typename: 'TicketScope', decision: 'NEEDS_PROFESSIONAL_SERVICES' },
    customer: { __typename: 'Customer', id: CUSTOMER_ID, name: 'Acme Analytics', currency: 'USD', homeDesk: 'PACIFIC' },
    quotes: [],
    ...overrides,
  }
}

async function mountPanel(replies: Record<string, Reply | ((op: never) => Reply)>) {
  const mock = mockClient(replies as never)
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push('/tickets/x')
  const wrapper = mount(TicketServicesPanel, {
    props: { ticketId: TICKET_ID, ticketVersion: 1 },
    attachTo: document.body,
    global: { plugins: [[urql, mock.client], router] },
  })
  await settle()
  return { wrapper, ...mock }
}

function byLabel(scope: Pick<VueWrapper, 'findAll' | 'get'>, text: string): Omit<DOMWrapper<HTMLInputElement>, 'exists'> {
  const label = scope.findAll('label').find((l) => l.text().replace(/\s*\(required\)$/, '') === text)
  if (!label) throw new Error(`No label "${text}"`)
  return scope.get<HTMLInputElement>(`[id="${label.attributes('for')}"]`)
}
function describedError(control: Pick<DOMWrapper<Element>, 'attributes'>): string | null {
  for (const id of control.attributes('aria-describedby')?.split(' ') ?? []) {
    const el = document.getElementById(id)
    if (el?.classList.contains('cv-field__error')) return el.textContent?.trim() ?? null
  }
  return null
}
const buttonNamed = (scope: Pick<VueWrapper, 'findAll'>, text: string) => scope.findAll('button').find((b) => b.text() === text)
const accepted = (logged: number) => quote(2, { status: 'ACCEPTED', quotedMinutes: 150, loggedMinutes: logged, supersededBy: null })

describe('Professional Services panel on a ticket', () => {
  it('loads only once it comes into view', async () => {
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        disconnect() {}
        unobserve() {}
      },
    )
    const { wrapper, sent } = await mountPanel({})
    expect(sent('TicketServices')).toHaveLength(0)
    expect(wrapper.text()).toContain('Loading quotes and time…')
  })

  it('escalates a ticket that needs Professional Services with an estimate, and links to the draft', async () => {
    let escalated = false
    const { wrapper, sent } = await mountPanel({
      TicketServices: () => ({
        data: { ticket: escalated ? ticket({ status: 'ESCALATED', allowedStatusChanges: ['OPEN'], quotes: [{ ...quote(1), supersededBy: null }] }) : ticket() },
      }),
      EscalateTicket: () => {
        escalated = true
        return {
          data: {
            escalateTicket: {
              __typename: 'MutationEscalateTicketSuccess',
              quote: { ...quote(1), ticket: { __typename: 'Ticket', id: TICKET_ID, number: 'CT-001001', status: 'ESCALATED', version: 2 } },
            },
          },
        }
      },
    })
    expect(wrapper.text()).toContain('Triage says this needs Professional Services')
    expect(wrapper.text()).toContain('No quotes for this ticket.')
    await buttonNamed(wrapper, 'Escalate to Professional Services')!.trigger('click')
    const form = wrapper.get('[data-testid="escalate-form"]')
    expect(document.activeElement).toBe(byLabel(form, 'Estimated hours').element)

    await form.trigger('submit')
    expect(describedError(byLabel(form, 'Estimated hours'))).toBe('Estimate the hours, like 3 or 2.5.')
    expect(sent('EscalateTicket')).toHaveLength(0)

    await byLabel(form, 'Estimated hours').setValue('2.5')
    await form.trigger('submit')
    await settle()
    expect(sent('EscalateTicket')[0]!.variables).toEqual({ ticketId: TICKET_ID, estimatedHours: '2.5', description: null })
    const done = wrapper.get('[data-testid="escalated"]')
    expect(done.text()).toContain('Draft Q-2026-0001 started with 2.5 hours')
    expect(done.get('a').attributes('href')).toBe('/quotes/quote-1')
    expect(wrapper.get('[data-testid="ticket-quote"]').text()).toContain('Q-2026-0001')
    expect(wrapper.get('[data-testid="ticket-quote"]').text()).toContain('Draft')
    expect(buttonNamed(wrapper, 'Escalate to Professional Services')).toBeUndefined()
  })

  it('logs time against an accepted quote and shows the API’s warning from 80% of the quoted hours', async () => {
    const { wrapper, sent } = await mountPanel({
      TicketServices: { data: { ticket: ticket({ quotes: [accepted(100)] }) } },
      LogTime: {
        data: {
          logTime: {
            __typename: 'MutationLogTimeSuccess',
            logged: {
              __typename: 'LoggedTime',
              minutes: 30,
              warning: '2h 10m of 2h 30m quoted is now used (86%); 20m left.',
              remainingMinutes: 20,
              quote: accepted(130),
            },
          },
        },
      },
    })
    const meter = wrapper.get('[data-testid="ticket-quote"] [data-testid="progress-meter"]')
    expect(meter.text()).toBe('1h 40m of 2h 30m delivered (66%)')
    expect(meter.attributes('data-tone')).toBe('success')

    const form = wrapper.get('[data-testid="time-entry-form"]')
    await byLabel(form, 'Minutes').setValue('30')
    await byLabel(form, 'What was done').setValue('Imported the April logs')
    await form.trigger('submit')
    await settle()

    expect(sent('LogTime')[0]!.variables).toEqual({ ticketId: TICKET_ID, minutes: 30, note: 'Imported the April logs' })
    expect(wrapper.get('[data-testid="time-warning"]').text()).toContain('2h 10m of 2h 30m quoted is now used (86%); 20m left.')
    expect(wrapper.get('[data-testid="time-logged"]').text()).toBe('Logged 30m on Q-2026-0002; 20m of the quoted time left.')
  })

  it('shows the refusal past 100% in the API’s words', async () => {
    const refusal = 'This entry would bring the time to 2h 40m of 2h 30m quoted. Time past the quote needs a change order: a further quote the customer accepts.'
    const { wrapper } = await mountPanel({
      TicketServices: { data: { ticket: ticket({ quotes: [accepted(130)] }) } },
      LogTime: { data: { logTime: { __typename: 'PolicyError', code: 'POLICY', rule: 'LIMIT_EXCEEDED', message: refusal } } },
    })
    expect(wrapper.get('[data-testid="progress-meter"]').attributes('data-tone')).toBe('warning')
    const form = wrapper.get('[data-testid="time-entry-form"]')
    await byLabel(form, 'Minutes').setValue('30')
    await byLabel(form, 'What was done').setValue('More log work')
    await form.trigger('submit')
    await settle()
    const problem = wrapper.get('[data-testid="form-problem"]')
    expect(problem.attributes('role')).toBe('alert')
    expect(problem.text()).toContain('This time cannot be logged')
    expect(problem.text()).toContain(refusal)
    expect(wrapper.find('[data-testid="time-logged"]').exists()).toBe(false)
  })

  it('has no time form before a quote is accepted', async () => {
    const { wrapper } = await mountPanel({
      TicketServices: { data: { ticket: ticket({ status: 'ESCALATED', quotes: [{ ...quote(1, { status: 'SENT' }), supersededBy: null }] }) } },
    })
    expect(wrapper.find('[data-testid="time-entry-form"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Time can be logged once the customer accepts a quote.')
    expect(wrapper.text()).toContain('Waiting for the customer; valid until 26 Dec 2026.')
  })

  it('recommends the next Daily Demo sessions and training modules on a general training ticket', async () => {
    const { wrapper } = await mountPanel({
      TicketServices: { data: { ticket: ticket({ category: 'GENERAL_TRAINING', recommendsTraining: true, scope: { __typename: 'TicketScope', decision: 'NEEDS_PROFESSIONAL_SERVICES' } }) } },
      TrainingSuggestions: {
        data: {
          dailyDemoSessions: [
            { __typename: 'DailyDemoSession', desk: 'UK', startsAt: '2026-11-27T09:00:00.000Z', endsAt: '2026-11-27T10:00:00.000Z' },
            { __typename: 'DailyDemoSession', desk: 'PACIFIC', startsAt: '2026-11-27T16:00:00.000Z', endsAt: '2026-11-27T17:00:00.000Z' },
          ],
          trainingModules: modules,
        },
      },
    })
    await settle()
    const training = wrapper.get('[data-testid="training-suggestions"]')
    expect(training.findAll('[data-testid="demo-sessions"] li')).toHaveLength(2)
    expect(training.text()).toContain('UK desk')
    const items = training.findAll('[data-testid="training-modules"] li').map((li) => li.text())
    expect(items[0]).toContain('Analyst fundamentals')
    expect(items[0]).toContain('$900.00')
    const link = training.get('a[aria-label="Quote Labels in depth"]')
    expect(link.attributes('href')).toBe(`/quotes/new?customerId=${CUSTOMER_ID}&ticketId=${TICKET_ID}&moduleId=module-2`)
  })
})
