import { describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'

const viewer = { data: { viewer: staffViewer } }
const message = (n: number, status: string, attempts: number) => ({
  __typename: 'EmailMessage',
  id: btoa(`EmailMessage:${n}`),
  kind: 'TICKET_RECEIVED',
  kindLabel: 'Ticket received',
  toAddress: `contact${n}@acme.example`,
  toName: `Contact ${n}`,
  subject: `[CT-00000${n}] We received: Totals <b>differ</b>`,
  status,
  attempts,
  createdAt: '2026-11-24T17:00:00Z',
  sentAt: status === 'SENT' ? '2026-11-24T17:06:00Z' : null,
  nextAttemptAt: status === 'QUEUED' ? '2026-11-24T17:01:00Z' : null,
})
const list = {
  data: {
    emailCounts: { __typename: 'EmailCounts', queued: 1, sent: 1, failed: 0 },
    emailMessages: {
      __typename: 'EmailMessageConnection',
      edges: [message(2, 'QUEUED', 1), message(1, 'SENT', 3)].map((node) => ({ __typename: 'EmailMessageEdge', node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  },
}

describe('sent mail', { timeout: 20_000 }, () => {
  it('lists each email with its recipient, kind, subject (as typed), status and attempts, and filters by status in the URL', async () => {
    const mock = mockClient({ AdminViewer: viewer, SentMail: list } as never)
    const { wrapper, router } = await mountApp(mock.client, '/mail')
    await settle()
    const rows = wrapper.findAll('[data-testid="sent-mail-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[1]!.text()).toContain('[CT-000001] We received: Totals <b>differ</b>')
    expect(rows[1]!.text()).toContain('contact1@acme.example')
    expect(rows[1]!.text()).toContain('Ticket received')
    expect(rows[1]!.text()).toContain('Sent · 3 attempts')
    expect(rows[0]!.text()).toContain('Queued · 1 attempt')
    expect(wrapper.get('[data-testid="mail-counts"]').text()).toContain('1 sent')
    await wrapper.findAll('input[name="status"]').find((i) => i.attributes('value') === 'FAILED')!.setValue(true)
    await settle()
    expect(router.currentRoute.value.query.status).toBe('FAILED')
    expect(mock.sent('SentMail').at(-1)!.variables).toMatchObject({ status: 'FAILED' })
  })

  it('opens one email with its text part, its HTML part in a sandboxed frame and its delivery log', async () => {
    const detail = {
      ...message(1, 'SENT', 3),
      lastError: null,
      textBody: 'Hello Contact 1,\n\nThank you.',
      htmlBody: '<!doctype html><p>Hello</p>',
      ticket: { __typename: 'Ticket', id: btoa('Ticket:1'), number: 'CT-000001' },
      deliveryAttempts: [
        { __typename: 'EmailDeliveryAttempt', id: '1', attemptedAt: '2026-11-24T17:00:00Z', outcome: 'FAILED', detail: '451 Try again later' },
        { __typename: 'EmailDeliveryAttempt', id: '2', attemptedAt: '2026-11-24T17:01:00Z', outcome: 'FAILED', detail: '451 Try again later' },
        { __typename: 'EmailDeliveryAttempt', id: '3', attemptedAt: '2026-11-24T17:06:00Z', outcome: 'SENT', detail: '250 OK' },
      ],
    }
    const mock = mockClient({ AdminViewer: viewer, SentMailMessage: { data: { emailMessage: detail } } } as never)
    const { wrapper } = await mountApp(mock.client, `/mail/${encodeURIComponent(detail.id)}`)
    await settle()
    expect(wrapper.get('h1').text()).toBe('[CT-000001] We received: Totals <b>differ</b>')
    expect(wrapper.get('[data-testid="mail-text"]').text()).toContain('Hello Contact 1,')
    const frame = wrapper.get('[data-testid="mail-html"]')
    expect(frame.attributes('sandbox')).toBe('')
    expect(frame.attributes('srcdoc')).toContain('<p>Hello</p>')
    const log = wrapper.findAll('[data-testid="delivery-log"] li').map((li) => li.text())
    expect(log).toHaveLength(3)
    expect(log[0]).toContain('Failed')
    expect(log[0]).toContain('451 Try again later')
    expect(log[2]).toContain('Sent')
  })
})
