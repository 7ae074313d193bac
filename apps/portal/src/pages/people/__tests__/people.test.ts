import type { DOMWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { mockClient, type Reply } from '@covered/ui/testing'
import { acme, contactViewer, mountApp, settle } from '../../../test/mountApp'

const gid = (id: string) => btoa(`Contact:${id}`)
function person(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Contact',
    id: gid(id),
    name,
    email: `${id}@acme.example`,
    isCustomerAdmin: false,
    portalStatus: 'ACTIVE',
    lastSignInAt: '2026-11-20T15:30:00.000Z',
    ...overrides,
  }
}
const alex = person('alex', 'Alex Rivera', { id: contactViewer.id, isCustomerAdmin: true })
const people = [alex, person('jo', 'Jo Park', { portalStatus: 'NONE', lastSignInAt: null }), person('nia', 'Nia New', { portalStatus: 'INVITED', lastSignInAt: null }), person('sam', 'Sam Okafor')]

function peopleReply(isCustomerAdmin = true) {
  return { data: { viewer: { __typename: 'Contact', id: contactViewer.id, isCustomerAdmin, customer: { ...acme, contacts: people } } } }
}

type Root = { findAll(selector: 'button'): DOMWrapper<HTMLButtonElement>[] }
function button(root: Root, text: string) {
  const found = root.findAll('button').find((b) => b.text() === text)
  if (!found) throw new Error(`no button "${text}" in: ${root.findAll('button').map((b) => b.text()).join(' | ')}`)
  return found
}

async function open(replies: Record<string, Reply | ((op: never) => Reply)> = {}, viewer: object = contactViewer) {
  const mock = mockClient({ PortalViewer: { data: { viewer } }, PortalPeople: peopleReply(), ...replies } as never)
  const app = await mountApp(mock.client, '/people')
  return { ...mock, ...app }
}

const row = (wrapper: Awaited<ReturnType<typeof open>>['wrapper'], name: string) =>
  wrapper.findAll('[data-testid="person-row"]').find((r) => r.get('th').text().startsWith(name))!

describe('people and access', { timeout: 20_000 }, () => {
  it('is reached from the organisation page by a customer admin', async () => {
    const mock = mockClient({
      PortalViewer: { data: { viewer: contactViewer } },
      PortalOrganisation: { data: { viewer: contactViewer } },
      PortalPeople: peopleReply(),
    } as never)
    const { wrapper, router } = await mountApp(mock.client, '/')
    const card = wrapper.get('[data-testid="people-link"]')
    expect(card.text()).toContain('People and access')
    await card.get('a').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('people')
  })


  it('lists colleagues with their portal access, and offers what fits each (not revoking yourself)', async () => {
    const { wrapper } = await open()
    expect(wrapper.get('h1').text()).toBe('People and access')
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['Name', 'Customer admin', 'Portal access', 'Last sign-in', 'Actions'])
    expect(row(wrapper, 'Alex Rivera').text()).toContain('(you)')
    expect(row(wrapper, 'Alex Rivera').findAll('button').map((b) => b.text())).toEqual(['Send reset link'])
    expect(row(wrapper, 'Jo Park').get('td[data-label="Portal access"]').text()).toBe('No access')
    expect(row(wrapper, 'Jo Park').findAll('button').map((b) => b.text())).toEqual(['Invite to portal'])
    expect(row(wrapper, 'Nia New').findAll('button').map((b) => b.text())).toEqual(['Resend invitation', 'Revoke access'])
    expect(row(wrapper, 'Sam Okafor').get('td[data-label="Last sign-in"]').text()).toBe('20 Nov 2026, 15:30')
  })

  it('invites a colleague into the organisation, with the server’s field errors beside the fields', async () => {
    let calls = 0
    const { wrapper, sent } = await open({
      PortalInviteContact: () => {
        calls += 1
        return calls === 1
          ? {
              data: {
                inviteContact: {
                  __typename: 'ValidationError',
                  code: 'VALIDATION',
                  message: 'Another contact already uses this email address.',
                  fieldErrors: [{ __typename: 'FieldError', field: 'email', message: 'Another contact already uses this email address.' }],
                },
              },
            }
          : { data: { inviteContact: { __typename: 'MutationInviteContactSuccess', contact: person('cole', 'Cole League', { portalStatus: 'INVITED' }) } } }
      },
    })
    await button(wrapper, 'Invite a colleague').trigger('click')
    const form = wrapper.get('[data-testid="invite-colleague"]')
    expect(form.text()).toContain('They join Acme Analytics in the portal')
    await form.get('input[name="name"]').setValue('Cole League')
    await form.get('input[name="email"]').setValue('not-an-address')
    await form.trigger('submit')
    await settle()
    expect(sent('PortalInviteContact')).toHaveLength(0)
    expect(form.text()).toContain('Enter an email address like name@example.com.')

    await form.get('input[name="email"]').setValue('sam@acme.example')
    await form.trigger('submit')
    await settle()
    expect(sent('PortalInviteContact')[0]!.variables).toEqual({ input: { customerId: acme.id, name: 'Cole League', email: 'sam@acme.example', isCustomerAdmin: false } })
    expect(form.text()).toContain('Another contact already uses this email address.')

    await form.get('input[name="email"]').setValue('cole@acme.example')
    await form.trigger('submit')
    await settle()
    expect(wrapper.get('[data-testid="people-message"]').text()).toBe('Cole League was invited: cole@acme.example was emailed a link to choose a password (it works for 7 days).')
  })

  it('revokes a colleague’s access after asking, and shows a refusal', async () => {
    const { wrapper, sent } = await open({
      PortalRevokeAccess: { data: { revokePortalAccess: { __typename: 'MutationRevokePortalAccessSuccess', contact: person('sam', 'Sam Okafor', { portalStatus: 'REVOKED' }) } } },
      PortalSendPasswordReset: { data: { sendPortalPasswordReset: { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'That contact was not found.' } } },
    })
    await button(row(wrapper, 'Sam Okafor'), 'Revoke access').trigger('click')
    expect(row(wrapper, 'Sam Okafor').text()).toContain('Revoke access?')
    await button(row(wrapper, 'Sam Okafor'), 'Yes, revoke').trigger('click')
    await settle()
    expect(sent('PortalRevokeAccess')[0]!.variables).toEqual({ contactId: gid('sam') })
    expect(wrapper.get('[data-testid="people-message"]').text()).toBe('Sam Okafor can no longer sign in to the portal, and was signed out everywhere.')

    await button(row(wrapper, 'Sam Okafor'), 'Send reset link').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="people-problem"]').text()).toContain('That contact was not found.')
  })

  it('a contact who is not a customer admin sees who has access, but no actions', async () => {
    const { wrapper } = await open({ PortalPeople: peopleReply(false) }, { ...contactViewer, isCustomerAdmin: false })
    expect(wrapper.text()).toContain('Your customer admin manages access')
    expect(wrapper.findAll('[data-testid="person-row"] button')).toHaveLength(0)
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['Name', 'Customer admin', 'Portal access'])
  })
})
