import { describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'

const signedOut = { data: { viewer: null } }
const link = (purpose = 'RESET') => ({
  data: {
    passwordLink: {
      __typename: 'QueryPasswordLinkSuccess',
      link: { __typename: 'PasswordLink', purpose, accountKind: 'CONTACT', name: 'Alex Rivera', email: 'alex@acme.example', expiresAt: '2026-11-24T18:00:00.000Z' },
    },
  },
})

describe('forgot password', { timeout: 20_000 }, () => {
  it('is linked from sign-in, and answers the same way whatever the address', async () => {
    const { client, sent } = mockClient({
      PortalViewer: signedOut,
      PortalRequestPasswordReset: { data: { requestPasswordReset: { __typename: 'MutationRequestPasswordResetSuccess' } } },
    })
    const { wrapper, router } = await mountApp(client, '/login')
    await wrapper.get('a[href="/forgot-password"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('forgot-password')
    expect(wrapper.get('h1').text()).toBe('Forgot your password?')

    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('Enter your email address.')
    await wrapper.get('input[name="email"]').setValue('someone@acme.example')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(sent('PortalRequestPasswordReset')[0]!.variables).toEqual({ email: 'someone@acme.example' })
    const done = wrapper.get('[data-testid="reset-requested"]')
    expect(done.text()).toContain('If that address has an account, a link is on its way')
    expect(done.text()).toContain('someone@acme.example')
    expect(done.text()).toContain('works once, for 1 hour')
    expect(document.activeElement).toBe(done.element)
  })

  it('says when to try again after too many requests', async () => {
    const { client } = mockClient({
      PortalViewer: signedOut,
      PortalRequestPasswordReset: {
        data: { requestPasswordReset: { __typename: 'TooManyAttemptsError', code: 'TOO_MANY_ATTEMPTS', message: 'Too many password reset requests. Try again in 15 minutes.', retryAfterSeconds: 900 } },
      },
    })
    const { wrapper } = await mountApp(client, '/forgot-password')
    await wrapper.get('input[name="email"]').setValue('someone@acme.example')
    await wrapper.get('form').trigger('submit')
    await settle()
    const alert = wrapper.get('[data-testid="reset-error"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('Too many requests')
    expect(alert.text()).toContain('Try again in 15 minutes.')
  })
})

describe('set password', { timeout: 20_000 }, () => {
  it('checks the link, asks for the password twice, and sends the reader to sign in', async () => {
    const { client, sent } = mockClient({
      PortalViewer: signedOut,
      PortalPasswordLink: link(),
      PortalSetPassword: { data: { setPasswordWithLink: { __typename: 'MutationSetPasswordWithLinkSuccess', link: { __typename: 'PasswordLink', purpose: 'RESET', accountKind: 'CONTACT', email: 'alex@acme.example' } } } },
    })
    const { wrapper } = await mountApp(client, '/set-password?token=abc_DEF-123')
    expect(sent('PortalPasswordLink')[0]!.variables).toEqual({ token: 'abc_DEF-123' })
    expect(wrapper.get('h1').text()).toBe('Choose a new password')
    expect(wrapper.get('[data-testid="set-password-for"]').text()).toContain('For Alex Rivera (alex@acme.example).')

    await wrapper.get('input[name="new-password"]').setValue('short')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('Use a password of at least 10 characters.')
    await wrapper.get('input[name="new-password"]').setValue('a long new password')
    await wrapper.get('input[name="confirm-password"]').setValue('a long new passwort')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('The two passwords differ')
    expect(sent('PortalSetPassword')).toHaveLength(0)

    await wrapper.get('input[name="confirm-password"]').setValue('a long new password')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(sent('PortalSetPassword')[0]!.variables).toEqual({ token: 'abc_DEF-123', password: 'a long new password' })
    expect(wrapper.get('[data-testid="password-set"]').text()).toContain('Your password is set')
    expect(wrapper.get('[data-testid="password-set"] a').attributes('href')).toBe('/login')
  })

  it('explains a used or expired link and offers a new one', async () => {
    const { client } = mockClient({
      PortalViewer: signedOut,
      PortalPasswordLink: {
        data: { passwordLink: { __typename: 'InvalidLinkError', code: 'INVALID_LINK', reason: 'EXPIRED', message: 'This link has expired: a reset link works for 1 hour.' } },
      },
    })
    const { wrapper } = await mountApp(client, '/set-password?token=old')
    expect(wrapper.get('h1').text()).toBe('This link has expired')
    expect(wrapper.get('[data-testid="invalid-link"]').text()).toContain('a reset link works for 1 hour')
    expect(wrapper.find('a[href="/forgot-password"]').text()).toBe('Email me a new link')
    expect(wrapper.find('input[name="new-password"]').exists()).toBe(false)
  })

  it('says so when the link was used meanwhile', async () => {
    const { client } = mockClient({
      PortalViewer: signedOut,
      PortalPasswordLink: link('INVITE'),
      PortalSetPassword: { data: { setPasswordWithLink: { __typename: 'InvalidLinkError', code: 'INVALID_LINK', reason: 'USED', message: 'This link has already been used.' } } },
    })
    const { wrapper } = await mountApp(client, '/set-password?token=abc')
    expect(wrapper.get('h1').text()).toBe('Choose your password')
    await wrapper.get('input[name="new-password"]').setValue('a long new password')
    await wrapper.get('input[name="confirm-password"]').setValue('a long new password')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.get('h1').text()).toBe('This link has been used already')
  })

  it('without a token, says the link from the email is needed', async () => {
    const { client, sent } = mockClient({ PortalViewer: signedOut })
    const { wrapper } = await mountApp(client, '/set-password')
    expect(sent('PortalPasswordLink')).toHaveLength(0)
    expect(wrapper.get('[data-testid="invalid-link"]').text()).toContain('This page needs the link from your email.')
  })
})
