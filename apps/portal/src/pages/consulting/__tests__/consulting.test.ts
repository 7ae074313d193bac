import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { routes } from '../../../router'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle } from '../../../test/mountApp'

beforeAll(async () => {
  const all = (list: RouteRecordRaw[]): RouteRecordRaw[] => list.flatMap((r) => [r, ...all(r.children ?? [])])
  await Promise.all(all(routes).map((r) => (typeof r.component === 'function' ? (r.component as () => Promise<unknown>)() : null)))
}, 60_000)
afterEach(() => {
  document.body.innerHTML = ''
})

const signedOut = { data: { viewer: null } }

function byLabel(scope: Pick<VueWrapper, 'findAll' | 'get'>, text: string): Omit<DOMWrapper<HTMLInputElement>, 'exists'> {
  const label = scope.findAll('label').find((l) => l.text().replace(/\s*\(required\)$/, '') === text)
  if (!label) throw new Error(`No label "${text}"`)
  return scope.get<HTMLInputElement>(`[id="${label.attributes('for')}"]`)
}
function describedError(control: Pick<DOMWrapper<Element>, 'attributes'>): string | null {
  for (const id of control.attributes('aria-describedby')?.split(' ') ?? []) {
    const el = document.getElementById(id)
    if (el?.classList.contains('cv-field__error')) return el.textContent?.trim() ?? null
  }
  return null
}

async function fill(wrapper: VueWrapper) {
  await byLabel(wrapper, 'Organisation').setValue('Harbour Lights')
  await byLabel(wrapper, 'Your name').setValue('Mo Reed')
  await byLabel(wrapper, 'Email address').setValue('mo@harbour.example')
  await byLabel(wrapper, 'What would you like help with?').setValue('We need help tracking affiliate sales across two sites.')
}

describe('consulting request form', () => {
  it('is open without signing in, and the sign-in page links to it', async () => {
    const { client } = mockClient({ PortalViewer: signedOut })
    const { wrapper, router } = await mountApp(client, '/consulting')
    expect(router.currentRoute.value.fullPath).toBe('/consulting')
    expect(wrapper.get('h1').text()).toBe('Ask about consulting and training')
    expect(wrapper.find('[data-testid="consulting-form"]').exists()).toBe(true)

    await router.push('/login')
    await settle()
    const link = wrapper.findAll('a').find((a) => a.text() === 'Ask about consulting and training')
    expect(link?.attributes('href')).toBe('/consulting')
  })

  it('hides the honeypot from people: visually hidden, aria-hidden, out of the tab order, and sent empty', async () => {
    const { client, sent } = mockClient({
      PortalViewer: signedOut,
      SubmitConsultingRequest: {
        data: { submitConsultingRequest: { __typename: 'MutationSubmitConsultingRequestSuccess', received: { __typename: 'ConsultingRequestReceived', accepted: true } } },
      },
    })
    const { wrapper } = await mountApp(client, '/consulting')
    const honeypot = wrapper.get('[data-testid="honeypot"]')
    expect(honeypot.classes()).toContain('cv-visually-hidden')
    expect(honeypot.attributes('aria-hidden')).toBe('true')
    const input = honeypot.get('input[name="website"]')
    expect(input.attributes('tabindex')).toBe('-1')
    expect(input.attributes('autocomplete')).toBe('off')
    expect((input.element as HTMLInputElement).value).toBe('')
    // Nothing a person can reach names it.
    expect(wrapper.findAll('input:not([tabindex="-1"])').some((i) => i.attributes('name') === 'website')).toBe(false)

    await fill(wrapper)
    await wrapper.get('[data-testid="consulting-form"]').trigger('submit')
    await settle()
    expect(sent('SubmitConsultingRequest')[0]!.variables).toEqual({
      organisation: 'Harbour Lights',
      name: 'Mo Reed',
      email: 'mo@harbour.example',
      phone: null,
      message: 'We need help tracking affiliate sales across two sites.',
      website: null,
    })
    const done = wrapper.get('[data-testid="consulting-sent"]')
    expect(done.text()).toContain('Thank you, your request is with us')
    expect(done.text()).toContain('mo@harbour.example')
  })

  it('says what is missing beside each field, and the server’s errors beside theirs', async () => {
    const { client, sent } = mockClient({
      PortalViewer: signedOut,
      SubmitConsultingRequest: {
        data: {
          submitConsultingRequest: {
            __typename: 'ValidationError',
            message: 'Use at most 50 characters.',
            fieldErrors: [{ __typename: 'FieldError', field: 'phone', message: 'Use at most 50 characters.' }],
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/consulting')
    await wrapper.get('[data-testid="consulting-form"]').trigger('submit')
    await settle()
    expect(sent('SubmitConsultingRequest')).toHaveLength(0)
    expect(describedError(byLabel(wrapper, 'Organisation'))).toBe('Enter your organisation’s name.')
    expect(describedError(byLabel(wrapper, 'Email address'))).toBe('Enter your email address, so we can reply.')
    expect(describedError(byLabel(wrapper, 'What would you like help with?'))).toBe('Tell us a little more: what would you like help with?')
    expect(document.activeElement).toBe(byLabel(wrapper, 'Organisation').element)

    await fill(wrapper)
    await byLabel(wrapper, 'Phone (optional)').setValue('+1 555 0100')
    await wrapper.get('[data-testid="consulting-form"]').trigger('submit')
    await settle()
    expect(describedError(byLabel(wrapper, 'Phone (optional)'))).toBe('Use at most 50 characters.')
    expect(describedError(byLabel(wrapper, 'Organisation'))).toBeNull()
  })

  it('explains the rate limit', async () => {
    const { client } = mockClient({
      PortalViewer: signedOut,
      SubmitConsultingRequest: {
        data: {
          submitConsultingRequest: {
            __typename: 'TooManyAttemptsError',
            message: 'Too many failed sign-in attempts. Try again in 60 minutes.',
            retryAfterSeconds: 3600,
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/consulting')
    await fill(wrapper)
    await wrapper.get('[data-testid="consulting-form"]').trigger('submit')
    await settle()
    const alert = wrapper.get('[data-testid="consulting-limited"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('Too many requests')
    expect(alert.text()).toContain('Too many requests have come from your network in the last hour. Please try again in 60 minutes.')
    expect(alert.text()).not.toContain('sign-in')
    expect(wrapper.find('[data-testid="consulting-sent"]').exists()).toBe(false)
  })
})
