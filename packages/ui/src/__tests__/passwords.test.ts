/* eslint-disable vue/one-component-per-file -- small route components for the pages under test */
import urql from '@urql/vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { parse } from 'graphql'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import UiForgotPasswordPage from '../components/UiForgotPasswordPage.vue'
import UiSetPasswordPage from '../components/UiSetPasswordPage.vue'
import type { PasswordLinkDocument, RequestPasswordResetDocument, SetPasswordDocument } from '../passwords'
import { mockClient } from '../testing'

enableAutoUnmount(afterEach)

// Each app passes its own typed documents; only their shape matters here.
const RequestReset = parse('mutation TestRequestPasswordReset($email: String!) { requestPasswordReset(email: $email) { __typename } }') as RequestPasswordResetDocument
const LinkQuery = parse('query TestPasswordLink($token: String!) { passwordLink(token: $token) { __typename } }') as PasswordLinkDocument
const SetPassword = parse('mutation TestSetPassword($token: String!, $password: String!) { setPasswordWithLink(token: $token, password: $password) { __typename } }') as SetPasswordDocument

const link = (purpose = 'RESET') => ({
  data: {
    passwordLink: {
      __typename: 'QueryPasswordLinkSuccess',
      link: { __typename: 'PasswordLink', purpose, accountKind: 'STAFF', name: 'Eli Engineer', email: 'engineer@covered.example', expiresAt: '2026-11-24T18:00:00.000Z' },
    },
  },
})

async function settle() {
  for (let i = 0; i < 4; i++) await flushPromises()
}

async function mountPages(client: ReturnType<typeof mockClient>['client'], path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: { render: () => h('h1', 'Sign in') } },
      { path: '/forgot-password', name: 'forgot-password', component: defineComponent({ render: () => h(UiForgotPasswordPage, { product: 'Admin', mutation: RequestReset }, { footer: () => 'Footer words' }) }) },
      {
        path: '/set-password',
        name: 'set-password',
        component: defineComponent({
          render: () =>
            h(UiSetPasswordPage, {
              product: 'Admin',
              linkQuery: LinkQuery,
              setPasswordMutation: SetPassword,
              elsewhere: { accountKind: 'CONTACT', href: '/portal/login', label: 'Sign in to the support portal' },
            }),
        }),
      },
    ],
  })
  await router.push(path)
  const Root = defineComponent({ render: () => h(RouterView) })
  const wrapper = mount(Root, { attachTo: document.body, global: { plugins: [[urql, client], router] } })
  await router.isReady()
  await settle()
  return { wrapper, router }
}

describe('forgot password page', () => {
  it('checks the address, then answers the same way whatever the address', async () => {
    const { client, sent } = mockClient({ TestRequestPasswordReset: { data: { requestPasswordReset: { __typename: 'MutationRequestPasswordResetSuccess' } } } })
    const { wrapper } = await mountPages(client, '/forgot-password')
    expect(wrapper.get('h1').text()).toBe('Forgot your password?')
    expect(wrapper.text()).toContain('Footer words')

    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('Enter your email address.')
    await wrapper.get('input[name="email"]').setValue('someone@covered.example')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(sent('TestRequestPasswordReset')[0]!.variables).toEqual({ email: 'someone@covered.example' })
    const done = wrapper.get('[data-testid="reset-requested"]')
    expect(done.text()).toContain('If that address has an account, a link is on its way')
    expect(done.text()).toContain('someone@covered.example')
    expect(done.text()).toContain('works once, for 1 hour')
    expect(document.activeElement).toBe(done.element)
  })

  it('takes the address from ?email=', async () => {
    const { client } = mockClient({})
    const { wrapper } = await mountPages(client, '/forgot-password?email=ada%40covered.example')
    expect((wrapper.get('input[name="email"]').element as HTMLInputElement).value).toBe('ada@covered.example')
  })

  it('says when to try again after too many requests', async () => {
    const { client } = mockClient({
      TestRequestPasswordReset: {
        data: { requestPasswordReset: { __typename: 'TooManyAttemptsError', code: 'TOO_MANY_ATTEMPTS', message: 'Too many password reset requests.', retryAfterSeconds: 900 } },
      },
    })
    const { wrapper } = await mountPages(client, '/forgot-password')
    await wrapper.get('input[name="email"]').setValue('someone@covered.example')
    await wrapper.get('form').trigger('submit')
    await settle()
    const alert = wrapper.get('[data-testid="reset-error"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('Too many requests')
    expect(alert.text()).toContain('Too many password reset requests. Try again in 15 minutes.')
  })

  it('puts the server’s word on the address beside the field', async () => {
    const { client } = mockClient({
      TestRequestPasswordReset: {
        data: { requestPasswordReset: { __typename: 'ValidationError', code: 'VALIDATION', message: 'Invalid input.', fieldErrors: [{ field: 'email', message: 'Enter a shorter address.' }] } },
      },
    })
    const { wrapper } = await mountPages(client, '/forgot-password')
    await wrapper.get('input[name="email"]').setValue('someone@covered.example')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('Enter a shorter address.')
  })
})

describe('set password page', () => {
  it('checks the link, asks for the password twice, and sends the reader to sign in', async () => {
    const { client, sent } = mockClient({
      TestPasswordLink: link(),
      TestSetPassword: { data: { setPasswordWithLink: { __typename: 'MutationSetPasswordWithLinkSuccess', link: { __typename: 'PasswordLink', purpose: 'RESET', accountKind: 'STAFF', email: 'engineer@covered.example' } } } },
    })
    const { wrapper } = await mountPages(client, '/set-password?token=abc_DEF-123')
    expect(sent('TestPasswordLink')[0]!.variables).toEqual({ token: 'abc_DEF-123' })
    expect(wrapper.get('h1').text()).toBe('Choose a new password')
    expect(wrapper.get('[data-testid="set-password-for"]').text()).toContain('For Eli Engineer (engineer@covered.example).')

    await wrapper.get('input[name="new-password"]').setValue('short')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('Use a password of at least 10 characters.')
    await wrapper.get('input[name="new-password"]').setValue('a long new password')
    await wrapper.get('input[name="confirm-password"]').setValue('a long new passwort')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('The two passwords differ')
    expect(sent('TestSetPassword')).toHaveLength(0)

    await wrapper.get('input[name="confirm-password"]').setValue('a long new password')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(sent('TestSetPassword')[0]!.variables).toEqual({ token: 'abc_DEF-123', password: 'a long new password' })
    const done = wrapper.get('[data-testid="password-set"]')
    expect(done.text()).toContain('Your password is set')
    expect(done.text()).toContain('Sign in with engineer@covered.example and your new password.')
    expect(wrapper.get('[data-testid="password-set"] a').attributes('href')).toBe('/login')
    expect(document.activeElement).toBe(done.element)
  })

  it('sends an account of the other app to sign in there', async () => {
    const { client } = mockClient({
      TestPasswordLink: link('INVITE'),
      TestSetPassword: { data: { setPasswordWithLink: { __typename: 'MutationSetPasswordWithLinkSuccess', link: { __typename: 'PasswordLink', purpose: 'INVITE', accountKind: 'CONTACT', email: 'alex@acme.example' } } } },
    })
    const { wrapper } = await mountPages(client, '/set-password?token=abc')
    await wrapper.get('input[name="new-password"]').setValue('a long new password')
    await wrapper.get('input[name="confirm-password"]').setValue('a long new password')
    await wrapper.get('form').trigger('submit')
    await settle()
    const button = wrapper.get('[data-testid="password-set"] a')
    expect(button.attributes('href')).toBe('/portal/login')
    expect(button.text()).toBe('Sign in to the support portal')
  })

  it('explains a used or expired link and offers a new one', async () => {
    const { client } = mockClient({
      TestPasswordLink: {
        data: { passwordLink: { __typename: 'InvalidLinkError', code: 'INVALID_LINK', reason: 'EXPIRED', message: 'This link has expired: a reset link works for 1 hour.' } },
      },
    })
    const { wrapper } = await mountPages(client, '/set-password?token=old')
    expect(wrapper.get('h1').text()).toBe('This link has expired')
    expect(wrapper.get('[data-testid="invalid-link"]').text()).toContain('a reset link works for 1 hour')
    expect(wrapper.find('a[href="/forgot-password"]').text()).toBe('Email me a new link')
    expect(wrapper.find('input[name="new-password"]').exists()).toBe(false)
  })

  it('says so when the link was used meanwhile', async () => {
    const { client } = mockClient({
      TestPasswordLink: link('INVITE'),
      TestSetPassword: { data: { setPasswordWithLink: { __typename: 'InvalidLinkError', code: 'INVALID_LINK', reason: 'USED', message: 'This link has already been used.' } } },
    })
    const { wrapper } = await mountPages(client, '/set-password?token=abc')
    expect(wrapper.get('h1').text()).toBe('Choose your password')
    await wrapper.get('input[name="new-password"]').setValue('a long new password')
    await wrapper.get('input[name="confirm-password"]').setValue('a long new password')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.get('h1').text()).toBe('This link has been used already')
  })

  it('offers to check the link again when it could not be checked', async () => {
    let calls = 0
    const { client } = mockClient({ TestPasswordLink: () => (++calls === 1 ? new Error('offline') : link()) })
    const { wrapper } = await mountPages(client, '/set-password?token=abc')
    expect(wrapper.text()).toContain('Your link could not be checked')
    await wrapper.get('[role="alert"] button').trigger('click')
    await settle()
    expect(wrapper.get('h1').text()).toBe('Choose a new password')
  })

  it('without a token, says the link from the email is needed', async () => {
    const { client, sent } = mockClient({})
    const { wrapper } = await mountPages(client, '/set-password')
    expect(sent('TestPasswordLink')).toHaveLength(0)
    expect(wrapper.get('[data-testid="invalid-link"]').text()).toContain('This page needs the link from your email.')
  })
})
