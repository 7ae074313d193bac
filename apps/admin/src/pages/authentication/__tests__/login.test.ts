import { afterEach, describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { connection, contactViewer, mountApp, settle, staffViewer } from '../../../test/mountApp'

afterEach(() => {
  document.body.innerHTML = ''
})

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], email: string, password: string) {
  await wrapper.get('input[name="email"]').setValue(email)
  await wrapper.get('input[name="password"]').setValue(password)
  await wrapper.get('form').trigger('submit')
  await settle()
}

describe('admin sign-in', () => {
  it('shows the API message when the password is wrong', async () => {
    const { client, sent } = mockClient({
      AdminViewer: { data: { viewer: null } },
      AdminLogin: {
        data: {
          login: {
            __typename: 'InvalidCredentialsError',
            code: 'INVALID_CREDENTIALS',
            message: 'That email and password do not match an account.',
          },
        },
      },
    })
    const { wrapper, router } = await mountApp(client, '/login')
    await fillAndSubmit(wrapper, 'admin@covered.example', 'wrong')

    expect(sent('AdminLogin')[0]?.variables).toEqual({ email: 'admin@covered.example', password: 'wrong' })
    const alert = wrapper.get('[data-testid="login-error"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('That email and password do not match an account.')
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('says when to try again after too many attempts', async () => {
    const { client } = mockClient({
      AdminViewer: { data: { viewer: null } },
      AdminLogin: {
        data: {
          login: {
            __typename: 'TooManyAttemptsError',
            code: 'TOO_MANY_ATTEMPTS',
            message: 'Too many failed sign-ins.',
            retryAfterSeconds: 300,
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/login')
    await fillAndSubmit(wrapper, 'admin@covered.example', 'wrong')

    const alert = wrapper.get('[data-testid="login-error"]').text()
    expect(alert).toContain('Too many sign-in attempts')
    expect(alert).toContain('Too many failed sign-ins.')
    expect(alert).toContain('try again in 5 minutes')
  })

  it('asks for the email and password before sending anything, beside each field', async () => {
    const { client, sent } = mockClient({ AdminViewer: { data: { viewer: null } } })
    const { wrapper } = await mountApp(client, '/login')
    await wrapper.get('form').trigger('submit')
    await settle()

    expect(sent('AdminLogin')).toHaveLength(0)
    const email = wrapper.get('input[name="email"]')
    expect(email.attributes('aria-invalid')).toBe('true')
    const describedBy = email.attributes('aria-describedby')!
    expect(wrapper.get(`[id="${describedBy}"]`).text()).toBe('Enter your email address.')
    expect(document.activeElement).toBe(email.element)
    expect(wrapper.text()).toContain('Enter your password.')
  })

  it('shows a friendly message when the API fails unexpectedly', async () => {
    const { client } = mockClient({
      AdminViewer: { data: { viewer: null } },
      AdminLogin: { errors: [{ message: 'Unexpected error.' }] },
    })
    const { wrapper } = await mountApp(client, '/login')
    await fillAndSubmit(wrapper, 'admin@covered.example', 'covered-demo')

    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('Something went wrong on our side')
  })

  it('goes to the page the user came from after signing in', async () => {
    const { client } = mockClient({
      AdminViewer: { data: { viewer: null } },
      AdminLogin: { data: { login: { __typename: 'MutationLoginSuccess', viewer: staffViewer } } },
      Customers: { data: connection([]) },
    })
    const { wrapper, router } = await mountApp(client, '/customers/new')
    expect(router.currentRoute.value.name).toBe('login')

    await fillAndSubmit(wrapper, 'admin@covered.example', 'covered-demo')
    expect(router.currentRoute.value.fullPath).toBe('/customers/new')
    expect(wrapper.get('h1').text()).toBe('New customer')
  })

  it('goes to the customer list by default', async () => {
    const { client } = mockClient({
      AdminViewer: { data: { viewer: null } },
      AdminLogin: { data: { login: { __typename: 'MutationLoginSuccess', viewer: staffViewer } } },
      Customers: { data: connection([]) },
    })
    const { wrapper, router } = await mountApp(client, '/login')
    await fillAndSubmit(wrapper, 'admin@covered.example', 'covered-demo')
    expect(router.currentRoute.value.fullPath).toBe('/customers')
  })

  it('tells a customer contact that the admin is for staff', async () => {
    const { client } = mockClient({
      AdminViewer: { data: { viewer: null } },
      AdminLogin: { data: { login: { __typename: 'MutationLoginSuccess', viewer: contactViewer } } },
    })
    const { wrapper, router } = await mountApp(client, '/login')
    await fillAndSubmit(wrapper, 'alex@acme.example', 'covered-demo')

    expect(router.currentRoute.value.name).toBe('login')
    expect(wrapper.text()).toContain('This sign-in is for Covered staff')
    expect(wrapper.find('a[href="/portal/"]').exists()).toBe(true)
  })
})
