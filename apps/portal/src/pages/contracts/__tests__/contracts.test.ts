import type { DOMWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { mockClient, type Reply } from '@covered/ui/testing'
import { acme, contactViewer, mountApp, settle, staffViewer } from '../../../test/mountApp'

const gid = (type: string, id: string) => btoa(`${type}:${id}`)
const person = (id: string, name: string, isCustomerAdmin = false) => ({
  __typename: 'Contact',
  id: gid('Contact', id),
  name,
  email: `${id}@acme.example`,
  isCustomerAdmin,
})
const alex = { ...person('alex', 'Alex Rivera', true), id: contactViewer.id }
const sam = person('sam', 'Sam Okafor')
const jo = person('jo', 'Jo Park')

function contract(id: string, kind: string, keyContacts: ReturnType<typeof person>[], overrides: Record<string, unknown> = {}) {
  const term = {
    __typename: 'ContractTerm',
    id: `${id}-t1`,
    start: '2026-05-09',
    end: '2027-05-08',
    status: 'ACTIVE',
    cancelledOn: null,
    fee: { __typename: 'Money', currency: 'USD', formatted: kind === 'MAINTENANCE' ? '$990.00' : '$1,485.00' },
  }
  return {
    __typename: 'Contract',
    id: gid('Contract', id),
    kind,
    status: 'ACTIVE',
    version: 3,
    keyContactCap: 3,
    license: { __typename: 'License', id: gid('License', 'l1'), licenseKey: 'CT-PRO-ACME-0001', edition: { __typename: 'ProductEdition', id: 'ed-pro', name: 'Pro' } },
    currentTerm: term,
    terms: [term],
    keyContacts,
    ...overrides,
  }
}

const standard = {
  __typename: 'Entitlement',
  plan: 'STANDARD',
  lane: 'CUSTOMER',
  rule: 'maintenance-key-contact',
  reasons: ['This contact is a named key contact on the active Maintenance contract.'],
  remedies: ['Ask a customer admin to name this contact on the Premium Support contract.'],
  contract: { __typename: 'Contract', id: gid('Contract', 'm1'), kind: 'MAINTENANCE' },
}

function contracts(overrides: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) {
  return {
    data: {
      viewer: {
        ...contactViewer,
        timeZone: 'America/Denver',
        entitlement: standard,
        customer: {
          ...acme,
          contracts: [contract('m1', 'MAINTENANCE', [alex, sam]), contract('p1', 'PREMIUM_SUPPORT', [sam])],
          contacts: [alex, jo, sam],
          ...customer,
        },
        ...overrides,
      },
    },
  }
}

/** Anything that can find buttons: the app, or a part of it. */
type Root = { findAll(selector: 'button'): DOMWrapper<HTMLButtonElement>[] }

function button(root: Root, label: string) {
  const found = root.findAll('button').find((b) => b.text() === label || b.attributes('aria-label') === label)
  if (!found) throw new Error(`no button "${label}"`)
  return found
}

async function open(replies: Record<string, unknown> = {}, path = '/contracts') {
  const mock = mockClient({ PortalViewer: { data: { viewer: contactViewer } }, PortalContracts: contracts(), ...replies } as never)
  const app = await mountApp(mock.client, path)
  return { ...mock, ...app }
}

describe('portal contracts and cover', { timeout: 20_000 }, () => {
  it("lists the organisation's contracts with what each covers, its status, term and key contacts", async () => {
    const { wrapper } = await open()
    expect(wrapper.get('h1').text()).toBe('Contracts and cover')
    const [maintenance, premium] = wrapper.findAll('[data-testid="contract"]')
    expect(maintenance!.get('h3').text()).toContain('Maintenance')
    expect(maintenance!.get('[data-testid="contract-status"]').text()).toBe('Active')
    expect(maintenance!.get('[data-testid="contract-term"]').text()).toContain('9 May 2026 – 8 May 2027')
    expect(maintenance!.text()).toContain('Technical support for the contract’s named key contacts')
    expect(maintenance!.text()).toContain('Major upgrades released during the term.')
    expect(maintenance!.get('[data-testid="key-contact-cap"]').text()).toBe('2 of 3 key contacts named')
    expect(maintenance!.findAll('[data-testid="key-contact"]').map((k) => k.text())).toEqual([
      expect.stringContaining('Alex Rivera (you)'),
      expect.stringContaining('Sam Okafor'),
    ])
    expect(maintenance!.find('[data-testid="you-are-key-contact"]').exists()).toBe(true)

    expect(premium!.get('h3').text()).toContain('Premium Support')
    expect(premium!.text()).toContain('A first response guaranteed within 4 business hours.')
    expect(premium!.text()).toContain('Priority routing')
    expect(premium!.find('[data-testid="you-are-key-contact"]').exists()).toBe(false)
  })

  it("shows the contact's own plan, the reasons and what would change it, in their time zone", async () => {
    const { wrapper } = await open()
    const mine = wrapper.get('[data-testid="my-support"]')
    expect(mine.get('[data-testid="entitlement-plan"]').text()).toBe('Standard')
    expect(mine.text()).toContain('You get standard support through the Maintenance contract.')
    expect(mine.get('[data-testid="my-key-contact"]').text()).toBe('You are a key contact on: Maintenance.')
    expect(mine.get('[data-testid="entitlement-reasons"]').text()).toContain('named key contact on the active Maintenance contract')
    expect(mine.get('[data-testid="entitlement-remedies"]').text()).toContain('Ask a customer admin to name this contact')
    expect(mine.text()).toContain('(America/Denver time)')
  })

  it('lets a customer admin name a key contact with a reason, within the cap', async () => {
    let named = false
    const { wrapper, sent } = await open({
      PortalContracts: () =>
        named
          ? contracts({}, { contracts: [contract('m1', 'MAINTENANCE', [alex, sam, jo], { version: 4 }), contract('p1', 'PREMIUM_SUPPORT', [sam])] })
          : contracts(),
      PortalChangeKeyContacts: () => {
        named = true
        return { data: { changeKeyContacts: { __typename: 'MutationChangeKeyContactsSuccess' } } }
      },
    })
    const maintenance = wrapper.findAll('[data-testid="contract"]')[0]!
    await button(maintenance, 'Name a key contact').trigger('click')
    const options = maintenance.findAll('select[name="keyContact"] option').map((o) => o.text())
    expect(options).toEqual(['Choose a contact', 'Jo Park (jo@acme.example)'])
    await maintenance.get('select[name="keyContact"]').setValue(gid('Contact', 'jo'))
    await maintenance.get('textarea[name="keyContactReason"]').setValue('Jo leads the analytics team.')
    await maintenance.get('form').trigger('submit')
    await settle(8)

    expect(sent('PortalChangeKeyContacts')[0]!.variables).toEqual({
      contractId: gid('Contract', 'm1'),
      expectedVersion: 3,
      reason: 'Jo leads the analytics team.',
      addContactId: gid('Contact', 'jo'),
      removeContactId: null,
    })
    expect(sent('PortalContracts').at(-1)!.context.requestPolicy).toBe('network-only')
    const updated = wrapper.findAll('[data-testid="contract"]')[0]!
    expect(updated.get('[data-testid="key-contact-cap"]').text()).toBe('3 of 3 key contacts named')
    expect(updated.text()).toContain('Jo Park is now a key contact.')
    expect(button(updated, 'Name a key contact').attributes('disabled')).toBeDefined()
  })

  it('says when someone else changed the key contacts first, with a reload', async () => {
    const { wrapper, sent } = await open({
      PortalChangeKeyContacts: {
        data: { changeKeyContacts: { __typename: 'ConflictError', code: 'CONFLICT', message: 'The contract changed since you loaded it.' } },
      },
    })
    const premium = wrapper.findAll('[data-testid="contract"]')[1]!
    await button(premium, 'Swap Sam Okafor for another contact').trigger('click')
    await premium.get('select[name="keyContact"]').setValue(gid('Contact', 'jo'))
    await premium.get('textarea[name="keyContactReason"]').setValue('Sam is on leave.')
    await premium.get('form').trigger('submit')
    await settle()

    expect(sent('PortalChangeKeyContacts')[0]!.variables).toMatchObject({ addContactId: gid('Contact', 'jo'), removeContactId: sam.id })
    const alert = premium.get('[data-testid="form-problem"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('Someone else changed this; reload')
    const loads = sent('PortalContracts').length
    await button(alert, 'Reload').trigger('click')
    await settle()
    expect(sent('PortalContracts').length).toBe(loads + 1)
  })

  it("shows the server's field errors beside the fields", async () => {
    const { wrapper } = await open({
      PortalChangeKeyContacts: {
        data: {
          changeKeyContacts: {
            __typename: 'ValidationError',
            code: 'VALIDATION',
            message: 'Some fields need fixing.',
            fieldErrors: [{ __typename: 'FieldError', field: 'addContactId', message: 'That contact is already a key contact on this contract.' }],
          },
        },
      },
    })
    const maintenance = wrapper.findAll('[data-testid="contract"]')[0]!
    await button(maintenance, 'Name a key contact').trigger('click')
    await maintenance.get('select[name="keyContact"]').setValue(gid('Contact', 'jo'))
    await maintenance.get('textarea[name="keyContactReason"]').setValue('Needed.')
    await maintenance.get('form').trigger('submit')
    await settle()
    const select = maintenance.get('select[name="keyContact"]')
    const errorId = select.attributes('aria-describedby')!.split(' ')[0]!
    expect(document.getElementById(errorId)?.textContent).toBe('That contact is already a key contact on this contract.')
  })

  it('shows key contacts read-only to a contact who is not a customer admin', async () => {
    const { wrapper } = await open({
      PortalContracts: contracts({ isCustomerAdmin: false, id: sam.id, name: 'Sam Okafor' }),
    })
    const cards = wrapper.findAll('[data-testid="contract"]')
    for (const card of cards) {
      expect(card.findAll('[data-testid="key-contacts"] button')).toHaveLength(0)
      expect(card.find('form').exists()).toBe(false)
      expect(card.get('[data-testid="key-contacts-read-only"]').text()).toBe(
        'Only a customer admin can change key contacts. At your organisation that is Alex Rivera.',
      )
    }
    expect(cards[1]!.text()).toContain('Sam Okafor (you)')
  })

  it('says so when the organisation has no contracts', async () => {
    const { wrapper } = await open({
      PortalContracts: contracts(
        {
          entitlement: {
            __typename: 'Entitlement',
            plan: 'STANDARD',
            lane: 'PROSPECT',
            rule: 'prospect',
            reasons: ['Your organisation is evaluating the product.'],
            remedies: [],
            contract: null,
          },
        },
        { status: 'PROSPECT', contracts: [] },
      ),
    })
    expect(wrapper.get('.cv-state--empty').text()).toContain('No support contracts yet')
    const mine = wrapper.get('[data-testid="my-support"]')
    expect(mine.text()).toContain('Prospect lane')
    expect(mine.get('[data-testid="my-key-contact"]').text()).toBe('You are not a key contact on a current contract.')
  })

  it('shows a loading state, then an error with a retry that recovers', async () => {
    let release: (() => void) | undefined
    let calls = 0
    const { wrapper } = await open({
      PortalContracts: () => {
        calls++
        if (calls === 1) return new Promise<Reply>((resolve) => (release = () => resolve({ errors: [{ message: 'Unexpected error.' }] })))
        return contracts()
      },
    })
    expect(wrapper.get('.cv-state--loading').text()).toContain('Loading your contracts…')
    release!()
    await settle()
    const error = wrapper.get('.cv-state--error')
    expect(error.text()).toContain('Your contracts could not be loaded')
    expect(error.text()).not.toContain('Unexpected error.')
    await error.get('button').trigger('click')
    await settle()
    expect(wrapper.get('h1').text()).toBe('Contracts and cover')
  })

  it('is linked from the organisation page and the menu', async () => {
    const { wrapper } = await open({ PortalOrganisation: { data: { viewer: contactViewer } } }, '/')
    expect(wrapper.get('[data-testid="contracts-link"] a').attributes('href')).toBe('/contracts')
    expect(wrapper.findAll('nav a').map((a) => a.text())).toContain('Contracts')
  })

  it('shows staff the portal-is-for-contacts message', async () => {
    const { wrapper } = await open({
      PortalViewer: { data: { viewer: staffViewer } },
      PortalContracts: { data: { viewer: staffViewer } },
    })
    expect(wrapper.get('[data-testid="staff-notice"]').text()).toContain('This portal is for customer contacts')
  })
})
