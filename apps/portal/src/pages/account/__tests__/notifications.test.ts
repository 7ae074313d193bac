import type { Operation } from '@urql/vue'
import { describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { contactViewer, mountApp, settle } from '../../../test/mountApp'

const choice = (kind: string, label: string, enabled: boolean, defaultEnabled = true) => ({
  __typename: 'NotificationPreference',
  kind,
  label,
  description: `About ${label.toLowerCase()}.`,
  enabled,
  defaultEnabled,
})
const choices = (copies: boolean) => [
  choice('TICKET_RECEIVED', 'Ticket received', true),
  choice('TICKET_ANSWERED', 'New answer', true),
  choice('ORGANISATION_TICKETS', 'Copies of colleagues’ tickets', copies, false),
]

describe('portal email notifications', { timeout: 20_000 }, () => {
  it('shows each kind on or off and saves a change at once, saying so', async () => {
    const mock = mockClient({
      PortalViewer: { data: { viewer: contactViewer } },
      PortalNotificationPreferences: { data: { notificationPreferences: choices(false) } },
      PortalSetNotificationPreference: (op: Operation) => {
        expect(op.variables).toEqual({ kind: 'ORGANISATION_TICKETS', enabled: true })
        return { data: { setNotificationPreference: { __typename: 'MutationSetNotificationPreferenceSuccess', preferences: choices(true) } } }
      },
    } as never)
    const { wrapper } = await mountApp(mock.client, '/account/notifications')
    await settle()
    expect(wrapper.get('h1').text()).toBe('Email notifications')
    const boxes = wrapper.findAll<HTMLInputElement>('[data-testid="notification-preferences"] input[type="checkbox"]')
    expect(boxes.map((b) => b.element.checked)).toEqual([true, true, false])
    await boxes[2]!.setValue(true)
    await settle(6)
    expect(mock.sent('PortalSetNotificationPreference')).toHaveLength(1)
    const copies = wrapper.get('[data-kind="ORGANISATION_TICKETS"]')
    expect(copies.text()).toContain('Saved')
    expect(copies.get<HTMLInputElement>('input').element.checked).toBe(true)
  })

  it('puts a refused change back and says why', async () => {
    const mock = mockClient({
      PortalViewer: { data: { viewer: contactViewer } },
      PortalNotificationPreferences: { data: { notificationPreferences: choices(false) } },
      PortalSetNotificationPreference: {
        data: { setNotificationPreference: { __typename: 'ValidationError', message: '“Copies of colleagues’ tickets” is for key contacts and customer admins of your organisation.' } },
      },
    } as never)
    const { wrapper } = await mountApp(mock.client, '/account/notifications')
    await settle()
    await wrapper.get<HTMLInputElement>('[data-kind="ORGANISATION_TICKETS"] input').setValue(true)
    await settle(6)
    const copies = wrapper.get('[data-kind="ORGANISATION_TICKETS"]')
    expect(copies.get<HTMLInputElement>('input').element.checked).toBe(false)
    expect(copies.text()).toContain('is for key contacts and customer admins')
  })
})
