import { describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { acme, contactViewer, mountApp, settle, staffViewer } from '../test/mountApp'

const signedOut = { data: { viewer: null } }

async function signIn(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], email: string, password: string) {
  await wrapper.get('input[name="email"]').setValue(email)
  await wrapper.get('input[name="password"]').setValue(password)
  await wrapper.get('form').trigger('submit')
  await settle()
}

describe('portal route guard', () => {
  it('sends a signed-out visitor to sign in', async () => {
    const { client } = mockClient({ PortalViewer: signedOut })
    const { wrapper, router } = await mountApp(client, '/')

    expect(router.currentRoute.value.name).toBe('login')
    expect(wrapper.get('h1').text()).toBe('Sign in')
  })

  it('shows a friendly error with a retry when the API cannot be reached', async () => {
    let calls = 0
    const { client } = mockClient({
      PortalViewer: () => (++calls === 1 ? new Error('Failed to fetch') : signedOut),
    })
    const { wrapper, router } = await mountApp(client, '/')

    expect(wrapper.get('[role="alert"]').text()).toContain('We could not reach Covered')
    await wrapper.get('[role="alert"] button').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('login')
  })
})

describe('portal sign-in', () => {
  it('shows the API message when the password is wrong', async () => {
    const { client } = mockClient({
      PortalViewer: signedOut,
      PortalLogin: {
        data: {
          login: {
            __typename: 'InvalidCredentialsError',
            code: 'INVALID_CREDENTIALS',
            message: 'That email and password do not match an account.',
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/login')
    await signIn(wrapper, 'alex@acme.example', 'nope')

    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('That email and password do not match an account.')
  })

  it('shows server field errors beside the fields', async () => {
    const { client } = mockClient({
      PortalViewer: signedOut,
      PortalLogin: {
        data: {
          login: {
            __typename: 'ValidationError',
            code: 'VALIDATION',
            message: 'Check the highlighted fields.',
            fieldErrors: [{ __typename: 'FieldError', field: 'email', message: 'Enter a valid email address.' }],
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/login')
    await signIn(wrapper, 'not-an-email', 'x')

    const email = wrapper.get('input[name="email"]')
    const errorId = email.attributes('aria-describedby')!
    expect(document.getElementById(errorId)?.textContent).toBe('Enter a valid email address.')
  })

  it("takes a contact to their organisation's page", async () => {
    const { client } = mockClient({
      PortalViewer: signedOut,
      PortalLogin: { data: { login: { __typename: 'MutationLoginSuccess', viewer: contactViewer } } },
      PortalOrganisation: { data: { viewer: contactViewer } },
    })
    const { wrapper, router } = await mountApp(client, '/login')
    await signIn(wrapper, 'alex@acme.example', 'covered-demo')

    expect(router.currentRoute.value.name).toBe('home')
    expect(wrapper.get('h1').text()).toBe('Acme Analytics')
  })

  it('tells staff that the portal is for customer contacts', async () => {
    const { client } = mockClient({
      PortalViewer: signedOut,
      PortalLogin: { data: { login: { __typename: 'MutationLoginSuccess', viewer: staffViewer } } },
    })
    const { wrapper, router } = await mountApp(client, '/login')
    await signIn(wrapper, 'admin@covered.example', 'covered-demo')

    expect(router.currentRoute.value.name).toBe('login')
    const notice = wrapper.get('[data-testid="staff-notice"]')
    expect(notice.text()).toContain('This portal is for customer contacts')
    expect(wrapper.get('a[href="/admin/"]').text()).toBe('Go to Covered Admin')
  })
})

describe('organisation page', () => {
  it("shows the contact's organisation, its desk hours, currency, and the contact", async () => {
    const { client } = mockClient({
      PortalViewer: { data: { viewer: contactViewer } },
      PortalOrganisation: { data: { viewer: contactViewer } },
    })
    const { wrapper } = await mountApp(client, '/')

    const org = wrapper.get('[data-testid="organisation"]').text()
    expect(org).toContain('Acme Analytics')
    expect(org).toContain('Customer')
    expect(org).toContain('Pacific desk')
    expect(org).toContain('Monday–Friday, 07:00–18:00 Los Angeles time')
    expect(org).toContain('US dollar (USD)')
    const you = wrapper.get('[data-testid="contact"]').text()
    expect(you).toContain('Alex Rivera')
    expect(you).toContain('alex@acme.example')
    expect(you).toMatch(/Customer admin\s*Yes/)
    expect(wrapper.get('[data-testid="signed-in-user"]').text()).toContain('Acme Analytics')
  })

  it('shows UK hours and a non-admin contact', async () => {
    const viewer = { ...contactViewer, isCustomerAdmin: false, customer: { ...acme, homeDesk: 'UK', currency: 'GBP', status: 'PROSPECT' } }
    const { client } = mockClient({
      PortalViewer: { data: { viewer } },
      PortalOrganisation: { data: { viewer } },
    })
    const { wrapper } = await mountApp(client, '/')

    const org = wrapper.get('[data-testid="organisation"]').text()
    expect(org).toContain('Monday–Friday, 08:00–17:00 London time')
    expect(org).toContain('Pound sterling (GBP)')
    expect(org).toContain('Prospect')
    expect(wrapper.get('[data-testid="contact"]').text()).toMatch(/Customer admin\s*No/)
  })

  it('shows a loading state, then an error with a retry that recovers', async () => {
    let release: (() => void) | undefined
    let calls = 0
    const { client } = mockClient({
      PortalViewer: { data: { viewer: contactViewer } },
      PortalOrganisation: () => {
        calls++
        if (calls === 1) return new Promise((resolve) => (release = () => resolve({ errors: [{ message: 'Unexpected error.' }] })))
        return { data: { viewer: contactViewer } }
      },
    })
    const { wrapper } = await mountApp(client, '/')
    expect(wrapper.get('.cv-state--loading').text()).toContain('Loading your organisation…')

    release!()
    await settle()
    const error = wrapper.get('.cv-state--error')
    expect(error.text()).toContain('Your organisation could not be loaded')
    expect(error.text()).not.toContain('Unexpected error.')

    await error.get('button').trigger('click')
    await settle()
    expect(wrapper.get('h1').text()).toBe('Acme Analytics')
  })

  it('shows staff who are signed in the portal-is-for-contacts message, with sign out', async () => {
    const { client, sent } = mockClient({
      PortalViewer: { data: { viewer: staffViewer } },
      PortalOrganisation: { data: { viewer: staffViewer } },
      PortalLogout: { data: { logout: true } },
    })
    const { wrapper, router } = await mountApp(client, '/')

    expect(wrapper.get('[data-testid="staff-notice"]').text()).toContain('This portal is for customer contacts')
    const signOut = wrapper.findAll('.staff-notice__actions button').find((b) => b.text() === 'Sign out')!
    await signOut.trigger('click')
    await settle()
    expect(sent('PortalLogout')).toHaveLength(1)
    expect(router.currentRoute.value.name).toBe('login')
  })
})
