import type { DOMWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { mockClient, type Reply } from '@covered/ui/testing'
import { engineerViewer, mountApp, settle, staffViewer } from '../../../test/mountApp'

const gid = (id: number) => btoa(`StaffUser:${id}`)

function member(id: number, name: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'StaffUser',
    id: gid(id),
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@covered.example`,
    role: 'ENGINEER',
    desk: 'PACIFIC',
    active: true,
    away: false,
    awaySince: null,
    invitationPending: false,
    lastSignInAt: '2026-11-23T16:05:00.000Z',
    deactivatedAt: null,
    version: 3,
    ...overrides,
  }
}

const team = [
  member(1, 'Ada Admin', { id: staffViewer.id, role: 'ADMIN', desk: null, email: 'admin@covered.example' }),
  member(2, 'Eli Engineer'),
  member(3, 'Harriet Hughes', { desk: 'UK', away: true, awaySince: '2026-11-24T09:00:00.000Z' }),
  member(4, 'Nia New', { invitationPending: true, lastSignInAt: null }),
  member(5, 'Lee Leaver', { active: false, deactivatedAt: '2026-11-01T10:00:00.000Z' }),
]

type Root = { findAll(selector: 'button'): DOMWrapper<HTMLButtonElement>[] }
function button(root: Root, text: string) {
  const found = root.findAll('button').find((b) => b.text() === text)
  if (!found) throw new Error(`no button "${text}" in: ${root.findAll('button').map((b) => b.text()).join(' | ')}`)
  return found
}

async function open(replies: Record<string, Reply | ((op: never) => Reply)> = {}, viewer: object = staffViewer) {
  const mock = mockClient({ AdminViewer: { data: { viewer } }, Team: { data: { team } }, ...replies } as never)
  const app = await mountApp(mock.client, '/team')
  return { ...mock, ...app }
}

const row = (wrapper: Awaited<ReturnType<typeof open>>['wrapper'], name: string) =>
  wrapper.findAll('[data-testid="team-row"]').find((r) => r.get('th').text().startsWith(name))!

describe('team page', { timeout: 20_000 }, () => {
  it('lists the team with role, desk, availability and last sign-in, and offers what fits each', async () => {
    const { wrapper } = await open()
    expect(wrapper.get('h1').text()).toBe('Team')
    expect(wrapper.find('a[href="/team"]').exists()).toBe(true)
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['Name', 'Role', 'Desk', 'Status', 'Last sign-in', 'Actions'])
    expect(row(wrapper, 'Ada Admin').text()).toContain('(you)')
    expect(row(wrapper, 'Ada Admin').findAll('button').map((b) => b.text())).toEqual(['Edit', 'Mark away'])
    expect(row(wrapper, 'Eli Engineer').get('td[data-label="Status"]').text()).toBe('Available')
    expect(row(wrapper, 'Eli Engineer').get('td[data-label="Last sign-in"]').text()).toBe('23 Nov 2026, 16:05')
    expect(row(wrapper, 'Harriet Hughes').get('td[data-label="Status"]').text()).toMatch(/^Away\s*since 24 Nov 2026/)
    expect(row(wrapper, 'Harriet Hughes').get('td[data-label="Desk"]').text()).toBe('UK')
    expect(row(wrapper, 'Nia New').get('td[data-label="Status"]').text()).toBe('Invited')
    expect(row(wrapper, 'Nia New').get('td[data-label="Last sign-in"]').text()).toBe('Never')
    expect(row(wrapper, 'Nia New').findAll('button').map((b) => b.text())).toEqual(['Edit', 'Resend invitation'])
    expect(row(wrapper, 'Lee Leaver').findAll('button').map((b) => b.text())).toEqual(['Reactivate'])
  })

  it('invites someone: an engineer needs a desk, server errors show beside the fields, then it says what happens next', async () => {
    let calls = 0
    const { wrapper, sent } = await open({
      InviteStaffUser: () => {
        calls += 1
        return calls === 1
          ? {
              data: {
                inviteStaffUser: {
                  __typename: 'ValidationError',
                  code: 'VALIDATION',
                  message: 'A name is one line: remove the line breaks.',
                  fieldErrors: [{ __typename: 'FieldError', field: 'email', message: 'Another contact already uses this email address.' }],
                },
              },
            }
          : { data: { inviteStaffUser: { __typename: 'MutationInviteStaffUserSuccess', staffUser: member(9, 'Omar Onboard') } } }
      },
    })
    await button(wrapper, 'Invite someone').trigger('click')
    const form = wrapper.get('[data-testid="invite-form"]')
    expect(document.activeElement).toBe(form.get('input[name="name"]').element)
    await form.get('input[name="name"]').setValue('Omar Onboard')
    await form.get('input[name="email"]').setValue('omar@covered.example')
    await form.trigger('submit')
    await settle()
    expect(sent('InviteStaffUser')).toHaveLength(0)
    expect(form.get('select[name="desk"]').attributes('aria-invalid')).toBe('true')
    expect(form.text()).toContain('Choose the desk this engineer works on.')

    await form.get('select[name="desk"]').setValue('UK')
    await form.trigger('submit')
    await settle()
    expect(sent('InviteStaffUser')[0]!.variables).toEqual({ input: { name: 'Omar Onboard', email: 'omar@covered.example', role: 'ENGINEER', desk: 'UK' } })
    expect(form.text()).toContain('Another contact already uses this email address.')

    await form.get('input[name="email"]').setValue('omar2@covered.example')
    await form.trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid="invite-form"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="team-message"]').text()).toContain('Invitation sent to omar2@covered.example. The link in it works for 7 days')
    expect(sent('Team').length).toBeGreaterThan(1)
  })

  it('an admin needs no desk', async () => {
    const { wrapper, sent } = await open({
      InviteStaffUser: { data: { inviteStaffUser: { __typename: 'MutationInviteStaffUserSuccess', staffUser: member(9, 'Ana Admin') } } },
    })
    await button(wrapper, 'Invite someone').trigger('click')
    const form = wrapper.get('[data-testid="invite-form"]')
    await form.get('input[name="name"]').setValue('Ana Admin')
    await form.get('input[name="email"]').setValue('ana@covered.example')
    await form.get('select[name="role"]').setValue('ADMIN')
    expect(form.get('select[name="desk"]').findAll('option').map((o) => o.text())[0]).toBe('No desk')
    await form.trigger('submit')
    await settle()
    expect(sent('InviteStaffUser')[0]!.variables).toEqual({ input: { name: 'Ana Admin', email: 'ana@covered.example', role: 'ADMIN', desk: null } })
  })

  it('marks someone away, and deactivates after asking, saying where their tickets went', async () => {
    const { wrapper, sent } = await open({
      SetStaffAway: { data: { setStaffAway: { __typename: 'MutationSetStaffAwaySuccess', staffUser: { __typename: 'StaffUser', id: gid(2), away: true, awaySince: '2026-11-24T17:00:00.000Z', version: 4 } } } },
      DeactivateStaffUser: {
        data: { deactivateStaffUser: { __typename: 'MutationDeactivateStaffUserSuccess', result: { __typename: 'DeactivatedStaffUser', ticketsReturned: 2, staffUser: member(2, 'Eli Engineer', { active: false }) } } },
      },
    })
    await button(row(wrapper, 'Eli Engineer'), 'Mark away').trigger('click')
    await settle()
    expect(sent('SetStaffAway')[0]!.variables).toEqual({ staffUserId: gid(2), away: true })
    expect(wrapper.get('[data-testid="team-message"]').text()).toBe('Eli Engineer is marked away: no automatic assignments until they are back.')

    await button(row(wrapper, 'Eli Engineer'), 'Edit').trigger('click')
    await button(wrapper.get('[data-testid="member-form"]'), 'Deactivate Eli Engineer…').trigger('click')
    expect(wrapper.find('[data-testid="member-form"]').exists()).toBe(false)
    const confirm = wrapper.get('[data-testid="deactivate-confirm"]')
    expect(confirm.text()).toContain('Their open tickets go back to their desk’s queue')
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel')
    expect(sent('DeactivateStaffUser')).toHaveLength(0)
    await button(confirm, 'Deactivate Eli Engineer').trigger('click')
    await settle()
    expect(sent('DeactivateStaffUser')[0]!.variables).toEqual({ id: gid(2) })
    expect(wrapper.get('[data-testid="team-message"]').text()).toBe('Eli Engineer was deactivated and signed out. 2 open tickets went back to the desk queue.')
    expect(wrapper.find('[data-testid="deactivate-confirm"]').exists()).toBe(false)
  })

  it('offers no way to deactivate yourself', async () => {
    const { wrapper } = await open()
    await button(row(wrapper, 'Ada Admin'), 'Edit').trigger('click')
    expect(wrapper.get('[data-testid="member-form"]').findAll('button').map((b) => b.text())).toEqual(['Save', 'Cancel'])
  })

  it('shows a refusal from the server', async () => {
    const { wrapper } = await open({
      ResendStaffInvitation: { data: { resendStaffInvitation: { __typename: 'PolicyError', code: 'POLICY', message: 'Nia New has set a password already; they can reset it from the sign-in page.' } } },
    })
    await button(row(wrapper, 'Nia New'), 'Resend invitation').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="team-problem"]').text()).toContain('Nia New has set a password already')
  })

  it('is for admins: an engineer sees why, no Team link, and marks themselves away from the top bar', async () => {
    const { wrapper, sent } = await open(
      {
        SetStaffAway: { data: { setStaffAway: { __typename: 'MutationSetStaffAwaySuccess', staffUser: { __typename: 'StaffUser', id: engineerViewer.id, away: true, awaySince: '2026-11-24T17:00:00.000Z', version: 2 } } } },
      },
      engineerViewer,
    )
    expect(wrapper.text()).toContain('Only admins manage the team')
    expect(sent('Team')).toHaveLength(0)
    expect(wrapper.find('a[href="/team"]').exists()).toBe(false)
    const toggle = wrapper.get('[data-testid="away-toggle"]')
    await button(toggle, 'Mark me away').trigger('click')
    await settle()
    expect(sent('SetStaffAway')[0]!.variables).toEqual({ away: true })
    expect(wrapper.get('[data-testid="away-toggle"]').text()).toMatch(/Away\s*I’m back/)
  })
})
