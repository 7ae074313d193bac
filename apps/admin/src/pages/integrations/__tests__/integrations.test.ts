import { describe, expect, it, vi } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'

const viewer = { data: { viewer: staffViewer } }

function token(n: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ApiToken',
    id: `t${n}`,
    name: `Token ${n}`,
    prefix: `cov_abc${n}`,
    scope: 'READ',
    status: 'ACTIVE',
    createdAt: '2026-11-20T10:00:00.000Z',
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    boundCustomer: null,
    createdBy: { __typename: 'StaffUser', id: 'u1', name: 'Ada Admin' },
    ...overrides,
  }
}

function endpoint(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'WebhookEndpoint',
    id: 'e1',
    url: 'https://crm.example.com/hooks',
    description: 'CRM',
    eventTypes: ['TICKET_CREATED', 'TICKET_REPLY_ADDED'],
    active: true,
    secretPrefix: 'whsec_abcdef',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    pendingCount: 0,
    failedCount: 1,
    lastDeliveredAt: null,
    customer: null,
    createdBy: { __typename: 'StaffUser', id: 'u1', name: 'Ada Admin' },
    ...overrides,
  }
}

describe('integrations', () => {
  it('lists tokens with scope, customers, expiry and last use; creates one and shows its secret once', async () => {
    let tokens = [token(1, { scope: 'READ_WRITE', lastUsedAt: new Date(Date.now() - 120_000).toISOString() }), token(2, { status: 'REVOKED', revokedAt: '2026-11-21T10:00:00.000Z', boundCustomer: { __typename: 'Customer', id: 'c1', name: 'Acme Analytics' } })]
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      ApiTokens: () => ({ data: { apiTokens: tokens } }),
      WebhookEndpoints: { data: { webhookEndpoints: [] } },
      IntegrationCustomers: { data: { customers: { __typename: 'CustomerConnection', edges: [] } } },
      CreateApiToken: () => {
        const created = token(3, { name: 'CRM sync' })
        tokens = [created, ...tokens]
        return { data: { createApiToken: { __typename: 'MutationCreateApiTokenSuccess', created: { __typename: 'CreatedApiToken', secret: 'cov_secret-shown-once', apiToken: created } } } }
      },
    })
    const { wrapper } = await mountApp(client, '/integrations')
    const rows = wrapper.findAll('[data-testid="token-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('Read and write')
    expect(rows[0]!.text()).toContain('All customers')
    expect(rows[0]!.text()).toContain('2 min ago')
    expect(rows[1]!.text()).toContain('Revoked')
    expect(rows[1]!.text()).toContain('Acme Analytics')
    expect(rows[1]!.find('[data-testid="revoke"]').exists()).toBe(false)

    await wrapper.get('[data-testid="new-token"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="token-form"]').trigger('submit')
    await settle()
    expect(sent('CreateApiToken')).toHaveLength(0)
    expect(wrapper.text()).toContain('Give the token a name that says who uses it')

    await wrapper.get('input[name="name"]').setValue('CRM sync')
    await wrapper.get('[data-testid="token-form"]').trigger('submit')
    await settle(8)
    expect(sent('CreateApiToken')[0]!.variables).toMatchObject({ input: { name: 'CRM sync', scope: 'READ', customerId: null, expiresAt: null } })
    const secret = wrapper.get('[data-testid="secret-value"]').element as HTMLInputElement
    expect(secret.value).toBe('cov_secret-shown-once')
    const writeText = vi.fn().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    await wrapper.get('[data-testid="copy-secret"]').trigger('click')
    await settle()
    expect(writeText).toHaveBeenCalledWith('cov_secret-shown-once')
    expect(wrapper.text()).toContain('Copied to the clipboard.')
    await wrapper.get('[data-testid="secret-done"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="secret-once"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('cov_secret-shown-once')
    expect(wrapper.findAll('[data-testid="token-row"]')).toHaveLength(3)
  })

  it('revokes a token only after confirming', async () => {
    let tokens = [token(1)]
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      ApiTokens: () => ({ data: { apiTokens: tokens } }),
      WebhookEndpoints: { data: { webhookEndpoints: [endpoint()] } },
      RevokeApiToken: () => {
        tokens = [token(1, { status: 'REVOKED', revokedAt: '2026-11-25T10:00:00.000Z' })]
        return { data: { revokeApiToken: { __typename: 'MutationRevokeApiTokenSuccess', apiToken: tokens[0] } } }
      },
    })
    const { wrapper } = await mountApp(client, '/integrations')
    await wrapper.get('[data-testid="revoke"]').trigger('click')
    await settle()
    expect(sent('RevokeApiToken')).toHaveLength(0)
    expect(wrapper.get('.int-confirm').text()).toMatch(/^Revoke “Token 1”\s*it now\?$/)
    await wrapper.get('[data-testid="confirm-revoke"]').trigger('click')
    await settle(8)
    expect(sent('RevokeApiToken')[0]!.variables).toEqual({ id: 't1' })
    expect(wrapper.text()).toContain('“Token 1” is revoked')
    expect(wrapper.get('[data-testid="token-row"]').text()).toContain('Revoked')
    // The webhook list shows each endpoint's state at a glance.
    expect(wrapper.get('[data-testid="webhook-row"]').text()).toContain('1 failed')
  })

  it('asks for a URL and at least one event before registering a webhook', async () => {
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      ApiTokens: { data: { apiTokens: [] } },
      WebhookEndpoints: { data: { webhookEndpoints: [] } },
      IntegrationCustomers: { data: { customers: { __typename: 'CustomerConnection', edges: [] } } },
      CreateWebhookEndpoint: () => ({
        data: { createWebhookEndpoint: { __typename: 'MutationCreateWebhookEndpointSuccess', created: { __typename: 'WebhookEndpointWithSecret', signingSecret: 'whsec_once', endpoint: endpoint() } } },
      }),
    })
    const { wrapper } = await mountApp(client, '/integrations')
    expect(wrapper.text()).toContain('No webhook endpoints yet')
    await wrapper.get('[data-testid="new-webhook"]').trigger('click')
    await settle()
    await wrapper.get('input[name="url"]').setValue('crm.example.com')
    await wrapper.get('[data-testid="webhook-form"]').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('Enter a full URL, e.g. https://crm.example.com/hooks/covered.')
    await wrapper.get('input[name="url"]').setValue('https://crm.example.com/hooks')
    await wrapper.get('[data-testid="webhook-form"]').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('Choose at least one event to send.')
    expect(sent('CreateWebhookEndpoint')).toHaveLength(0)
    await wrapper.get('input[name="event-TICKET_CREATED"]').setValue(true)
    await wrapper.get('[data-testid="webhook-form"]').trigger('submit')
    await settle(8)
    expect(sent('CreateWebhookEndpoint')[0]!.variables).toMatchObject({ input: { url: 'https://crm.example.com/hooks', eventTypes: ['TICKET_CREATED'], customerId: null } })
    expect((wrapper.get('[data-testid="secret-value"]').element as HTMLInputElement).value).toBe('whsec_once')
  })

  it('shows an endpoint’s deliveries with their attempts, and redelivers one', async () => {
    const delivery = {
      __typename: 'WebhookDelivery',
      id: 'd1',
      eventId: 'ev-1',
      eventType: 'TICKET_CREATED',
      status: 'FAILED',
      attemptCount: 2,
      nextAttemptAt: null,
      giveUpAt: '2026-11-21T10:00:00.000Z',
      createdAt: '2026-11-20T10:00:00.000Z',
      deliveredAt: null,
      lastResponseStatus: null,
      lastError: 'No answer within 10000 ms: the request was cut.',
      payload: '{"id":"ev-1","type":"ticket.created","occurredAt":"2026-11-20T10:00:00.000Z","data":{"number":"CT-000001"}}',
      attempts: [
        { __typename: 'WebhookDeliveryAttempt', id: '1', attemptedAt: '2026-11-20T10:00:00.000Z', responseStatus: 500, durationMs: 31, succeeded: false, error: 'HTTP 500' },
        { __typename: 'WebhookDeliveryAttempt', id: '2', attemptedAt: '2026-11-20T10:01:00.000Z', responseStatus: null, durationMs: 10001, succeeded: false, error: 'No answer within 10000 ms: the request was cut.' },
      ],
    }
    const { client, sent } = mockClient({
      AdminViewer: viewer,
      WebhookEndpoint: () => ({
        data: { webhookEndpoint: { ...endpoint(), deliveries: { __typename: 'WebhookEndpointDeliveriesConnection', edges: [{ __typename: 'WebhookEndpointDeliveriesConnectionEdge', node: delivery }], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } } },
      }),
      RedeliverWebhook: { data: { redeliverWebhook: { __typename: 'MutationRedeliverWebhookSuccess', delivery: { __typename: 'WebhookDelivery', id: 'd1', status: 'PENDING', nextAttemptAt: '2026-11-25T10:00:00.000Z', giveUpAt: '2026-11-26T10:00:00.000Z' } } } },
    })
    const { wrapper } = await mountApp(client, '/integrations/webhooks/e1')
    expect(wrapper.text()).toContain('https://crm.example.com/hooks')
    const item = wrapper.get('[data-testid="delivery"]')
    expect(item.text()).toContain('Failed')
    expect(item.text()).toContain('2 attempts')
    const attempts = item.findAll('[data-testid="attempt"]').map((row) => row.text())
    expect(attempts[0]).toContain('500')
    expect(attempts[1]).toContain('No answer within 10000 ms')
    expect(item.get('pre').text()).toContain('"number": "CT-000001"')
    await item.get('[data-testid="redeliver"]').trigger('click')
    await settle(8)
    expect(sent('RedeliverWebhook')[0]!.variables).toEqual({ deliveryId: 'd1' })
    expect(wrapper.text()).toContain('Queued again with the same event id')
  })
})
