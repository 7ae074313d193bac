import { describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'

// The pages themselves are tested in packages/ui (passwords.test.ts); these check this app's wiring.
const signedOut = { data: { viewer: null } }
const link = (accountKind: string) => ({
  data: {
    passwordLink: {
      __typename: 'QueryPasswordLinkSuccess',
      link: { __typename: 'PasswordLink', purpose: 'INVITE', accountKind, name: 'Eli Engineer', email: 'engineer@covered.example', expiresAt: '2026-11-24T18:00:00.000Z' },
    },
  },
})
const linkSet = (accountKind: string) => ({
  data: { setPasswordWithLink: { __typename: 'MutationSetPasswordWithLinkSuccess', link: { __typename: 'PasswordLink', purpose: 'INVITE', accountKind, email: 'engineer@covered.example' } } },
})

describe('password links', { timeout: 20_000 }, () => {
  it('"Forgot your password?" is linked from sign-in and asks for a link with this app\'s mutation', async () => {
    const { client, sent } = mockClient({
      AdminViewer: signedOut,
      AdminRequestPasswordReset: { data: { requestPasswordReset: { __typename: 'MutationRequestPasswordResetSuccess' } } },
    })
    const { wrapper, router } = await mountApp(client, '/login')
    await wrapper.get('a[href="/forgot-password"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('forgot-password')
    expect(wrapper.get('h1').text()).toBe('Forgot your password?')
    expect(wrapper.text()).toContain('Are you a customer? Reset your password from the support portal instead.')

    await wrapper.get('input[name="email"]').setValue('someone@covered.example')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(sent('AdminRequestPasswordReset')[0]!.variables).toEqual({ email: 'someone@covered.example' })
    expect(wrapper.get('[data-testid="reset-requested"]').text()).toContain('someone@covered.example')
  })

  it('sets a password with this app\'s documents and offers sign-in here', async () => {
    const { client, sent } = mockClient({ AdminViewer: signedOut, AdminPasswordLink: link('STAFF'), AdminSetPassword: linkSet('STAFF') })
    const { wrapper } = await mountApp(client, '/set-password?token=abc_DEF-123')
    expect(sent('AdminPasswordLink')[0]!.variables).toEqual({ token: 'abc_DEF-123' })
    expect(wrapper.get('[data-testid="set-password-for"]').text()).toContain('For Eli Engineer (engineer@covered.example).')
    await wrapper.get('input[name="new-password"]').setValue('a long new password')
    await wrapper.get('input[name="confirm-password"]').setValue('a long new password')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(sent('AdminSetPassword')[0]!.variables).toEqual({ token: 'abc_DEF-123', password: 'a long new password' })
    expect(wrapper.get('[data-testid="password-set"] a').attributes('href')).toBe('/login')
  })

  it('sends an account of the other app to sign in there', async () => {
    const { client } = mockClient({ AdminViewer: signedOut, AdminPasswordLink: link('CONTACT'), AdminSetPassword: linkSet('CONTACT') })
    const { wrapper } = await mountApp(client, '/set-password?token=abc')
    await wrapper.get('input[name="new-password"]').setValue('a long new password')
    await wrapper.get('input[name="confirm-password"]').setValue('a long new password')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.get('[data-testid="password-set"] a').attributes('href')).toBe('/portal/login')
  })
})
