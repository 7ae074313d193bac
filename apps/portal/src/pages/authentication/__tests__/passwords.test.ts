import { describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'

// The pages themselves are tested in packages/ui (passwords.test.ts); these check this app's wiring.
const signedOut = { data: { viewer: null } }
const link = (accountKind: string) => ({
  data: {
    passwordLink: {
      __typename: 'QueryPasswordLinkSuccess',
      link: { __typename: 'PasswordLink', purpose: 'INVITE', accountKind, name: 'Alex Rivera', email: 'alex@acme.example', expiresAt: '2026-11-24T18:00:00.000Z' },
    },
  },
})
const linkSet = (accountKind: string) => ({
  data: { setPasswordWithLink: { __typename: 'MutationSetPasswordWithLinkSuccess', link: { __typename: 'PasswordLink', purpose: 'INVITE', accountKind, email: 'alex@acme.example' } } },
})

describe('password links', { timeout: 20_000 }, () => {
  it('"Forgot your password?" is linked from sign-in and asks for a link with this app\'s mutation', async () => {
    const { client, sent } = mockClient({
      PortalViewer: signedOut,
      PortalRequestPasswordReset: { data: { requestPasswordReset: { __typename: 'MutationRequestPasswordResetSuccess' } } },
    })
    const { wrapper, router } = await mountApp(client, '/login')
    await wrapper.get('a[href="/forgot-password"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('forgot-password')
    expect(wrapper.get('h1').text()).toBe('Forgot your password?')
    expect(wrapper.text()).toContain('No longer able to use that address?')

    await wrapper.get('input[name="email"]').setValue('someone@acme.example')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(sent('PortalRequestPasswordReset')[0]!.variables).toEqual({ email: 'someone@acme.example' })
    expect(wrapper.get('[data-testid="reset-requested"]').text()).toContain('someone@acme.example')
  })

  it('sets a password with this app\'s documents and offers sign-in here', async () => {
    const { client, sent } = mockClient({ PortalViewer: signedOut, PortalPasswordLink: link('CONTACT'), PortalSetPassword: linkSet('CONTACT') })
    const { wrapper } = await mountApp(client, '/set-password?token=abc_DEF-123')
    expect(sent('PortalPasswordLink')[0]!.variables).toEqual({ token: 'abc_DEF-123' })
    expect(wrapper.get('[data-testid="set-password-for"]').text()).toContain('For Alex Rivera (alex@acme.example).')
    await wrapper.get('input[name="new-password"]').setValue('a long new password')
    await wrapper.get('input[name="confirm-password"]').setValue('a long new password')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(sent('PortalSetPassword')[0]!.variables).toEqual({ token: 'abc_DEF-123', password: 'a long new password' })
    expect(wrapper.get('[data-testid="password-set"] a').attributes('href')).toBe('/login')
  })

  it('sends an account of the other app to sign in there', async () => {
    const { client } = mockClient({ PortalViewer: signedOut, PortalPasswordLink: link('STAFF'), PortalSetPassword: linkSet('STAFF') })
    const { wrapper } = await mountApp(client, '/set-password?token=abc')
    await wrapper.get('input[name="new-password"]').setValue('a long new password')
    await wrapper.get('input[name="confirm-password"]').setValue('a long new password')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.get('[data-testid="password-set"] a').attributes('href')).toBe('/admin/login')
  })
})
