import { afterEach, describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle, staffViewer, connection } from '../test/mountApp'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('route guard and session', () => {
  it('sends a signed-out visitor to sign in, remembering where they were going', async () => {
    const { client } = mockClient({ AdminViewer: { data: { viewer: null } } })
    const { wrapper, router } = await mountApp(client, '/customers/new')

    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/customers/new')
    expect(wrapper.get('h1').text()).toBe('Sign in')
    expect(wrapper.text()).not.toContain('New customer')
  })

  it('lets a signed-in staff user in and shows their name and role in the top bar', async () => {
    const { client } = mockClient({
      AdminViewer: { data: { viewer: staffViewer } },
      Customers: { data: connection([]) },
    })
    const { wrapper, router } = await mountApp(client, '/customers')

    expect(router.currentRoute.value.name).toBe('customers')
    const who = wrapper.get('[data-testid="signed-in-user"]').text()
    expect(who).toContain('Ada Admin')
    expect(who).toContain('Admin')
    expect(wrapper.get('a.cv-skip-link').attributes('href')).toBe('#main')
  })

  it('signs out with the logout mutation and returns to the sign-in page', async () => {
    const { client, sent } = mockClient({
      AdminViewer: { data: { viewer: staffViewer } },
      Customers: { data: connection([]) },
      AdminLogout: { data: { logout: true } },
    })
    const { wrapper, router } = await mountApp(client, '/customers')

    await wrapper.get('button[aria-label^="Sign out"]').trigger('click')
    await settle()

    expect(sent('AdminLogout')).toHaveLength(1)
    expect(router.currentRoute.value.name).toBe('login')
    // Signed out now: going back to the list is refused again.
    await router.push('/customers')
    await settle()
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('shows a friendly error with a retry when the API cannot say who is signed in', async () => {
    let calls = 0
    const { client } = mockClient({
      AdminViewer: () => (++calls === 1 ? { errors: [{ message: 'Unexpected error.' }] } : { data: { viewer: null } }),
    })
    const { wrapper, router } = await mountApp(client, '/customers')

    expect(wrapper.get('[role="alert"]').text()).toContain('Covered is not answering')
    expect(wrapper.text()).not.toContain('Unexpected error.')

    await wrapper.get('[role="alert"] button').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('login')
    expect(wrapper.get('h1').text()).toBe('Sign in')
  })
})
