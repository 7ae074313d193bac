import type { DOMWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { mockClient, type Reply } from '@covered/ui/testing'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'
import {
  CUSTOMER_ID,
  alex,
  auditEntry,
  auditPage,
  contract,
  customerDetail,
  describedError,
  emptyCustomer,
  gid,
  license,
  sam,
  success,
  term,
  typedError,
  validationError,
} from './fixtures'

const viewer = { data: { viewer: staffViewer } }
const PATH = `/customers/${CUSTOMER_ID}`

/** Anything that can find buttons: the app, or a part of it. */
type Root = { findAll(selector: 'button'): DOMWrapper<HTMLButtonElement>[] }

function button(root: Root, text: string) {
  const found = root.findAll('button').find((b) => b.text() === text)
  if (!found) throw new Error(`no button "${text}" in: ${root.findAll('button').map((b) => b.text()).join(' | ')}`)
  return found
}

async function open(replies: Record<string, Reply | ((op: never) => Reply)> = {}) {
  const mock = mockClient({
    AdminViewer: viewer,
    CustomerDetail: customerDetail(),
    CustomerAudit: auditPage([]),
    ...replies,
  } as never)
  const app = await mountApp(mock.client, PATH)
  return { ...mock, ...app }
}

// The first mount loads every lazy page of the app, which can take a few seconds on a busy machine.
describe('customer page', { timeout: 20_000 }, () => {
  it('shows a loading state, then the customer with licenses, contracts and contacts', async () => {
    let release: (() => void) | undefined
    const { wrapper } = await open({
      CustomerDetail: () => new Promise<Reply>((resolve) => (release = () => resolve(customerDetail()))) as never,
    })
    expect(wrapper.get('.cv-state--loading').text()).toContain('Loading the customer…')

    release!()
    await settle()
    expect(wrapper.get('h1').text()).toBe('Acme Analytics')
    expect(wrapper.get('[data-testid="customer-status"]').text()).toBe('Customer')
    expect(wrapper.get('[data-testid="customer-summary"]').text()).toContain('US dollar (USD)')

    const row = wrapper.get('[data-testid="license-row"]').text()
    expect(row).toContain('Pro')
    expect(row).toContain('$4,950.00')
    expect(row).toContain('21 Oct 2025')
    expect(row).toContain('CT-PRO-L1')
    expect(row).toContain('Held')

    const card = wrapper.get('[data-testid="contract"]')
    expect(card.text()).toContain('Maintenance')
    expect(card.get('[data-testid="contract-status"]').text()).toBe('Active')
    expect(card.get('[data-testid="contract-term"]').text()).toContain('9 May 2026 – 8 May 2027')
    expect(card.text()).toContain('$990.00')
    expect(card.get('[data-testid="contract-terms"]').findAll('tbody tr')).toHaveLength(1)

    const names = wrapper.findAll('[data-testid="contact-row"] .contacts-table__name').map((n) => n.text())
    expect(names).toEqual(['Alex Rivera', 'Jo Park', 'Sam Okafor'])
  })

  it('says how many key contacts the contract names out of its cap, and blocks naming more at the cap', async () => {
    const { wrapper } = await open()
    expect(wrapper.get('[data-testid="key-contact-cap"]').text()).toBe('2 of 3 key contacts named')
    expect(button(wrapper, 'Name a key contact').attributes('disabled')).toBeUndefined()

    const { wrapper: full } = await open({
      CustomerDetail: customerDetail({
        contracts: [contract('m1', { keyContactCap: 2, keyContacts: [alex, sam] })],
      }),
    })
    expect(full.get('[data-testid="key-contact-cap"]').text()).toBe('2 of 2 key contacts named')
    expect(button(full, 'Name a key contact').attributes('disabled')).toBeDefined()
    expect(full.text()).toContain('At the cap: swap or remove a key contact to name someone else.')
  })

  it("shows each contact's plan, with the reasons and remedies on demand", async () => {
    const { wrapper } = await open()
    const jo = wrapper.findAll('[data-testid="contact-row"]')[1]!
    expect(jo.get('[data-testid="entitlement-plan"]').text()).toBe('Not entitled')
    const details = jo.get('details')
    expect(details.attributes('open')).toBeUndefined()
    expect(details.get('summary').text()).toContain('Why not entitled')
    expect(details.get('[data-testid="entitlement-reasons"]').text()).toContain('Jo Park is not a named key contact.')
    expect(details.get('[data-testid="entitlement-remedies"]').text()).toContain('Ask a customer admin to name them.')
  })

  it('names a key contact with a reason, shows progress, and refreshes the page', async () => {
    let named = false
    let finish: (() => void) | undefined
    const { wrapper, sent } = await open({
      CustomerDetail: () =>
        customerDetail(
          named
            ? { contracts: [contract('m1', { version: 5, keyContacts: [alex, sam, { __typename: 'Contact', id: gid('Contact', 'jo'), name: 'Jo Park', email: 'jo@acme.example' }] })] }
            : {},
        ) as never,
      AdminChangeKeyContacts: (() =>
        new Promise<Reply>((resolve) => {
          finish = () => {
            named = true
            resolve(success('changeKeyContacts', 'MutationChangeKeyContactsSuccess'))
          }
        })) as never,
    })
    await button(wrapper, 'Name a key contact').trigger('click')
    const form = wrapper.get('[data-testid="key-contacts"] form')

    // The reason is required before anything is sent.
    await form.get('select[name="keyContact"]').setValue(gid('Contact', 'jo'))
    await form.trigger('submit')
    expect(sent('AdminChangeKeyContacts')).toHaveLength(0)
    expect(describedError(form.get('textarea[name="keyContactReason"]'))).toBe('Say why the key contacts change.')

    await form.get('textarea[name="keyContactReason"]').setValue('Jo runs the analytics team now.')
    await form.trigger('submit')
    await settle()
    const submit = form.get('button[type="submit"]')
    expect(submit.text()).toBe('Naming…')
    expect(submit.attributes('aria-busy')).toBe('true')
    expect(sent('AdminChangeKeyContacts')[0]!.variables).toEqual({
      contractId: gid('Contract', 'm1'),
      expectedVersion: 4,
      reason: 'Jo runs the analytics team now.',
      addContactId: gid('Contact', 'jo'),
      removeContactId: null,
    })

    const before = sent('CustomerDetail').length
    finish!()
    await settle(8)
    expect(sent('CustomerDetail').length).toBeGreaterThan(before)
    expect(sent('CustomerDetail').at(-1)!.context.requestPolicy).toBe('network-only')
    expect(wrapper.text()).toContain('Jo Park is now a key contact.')
    expect(wrapper.get('[data-testid="key-contact-cap"]').text()).toBe('3 of 3 key contacts named')
  })

  it('shows a policy refusal of a key-contact change as an alert', async () => {
    const { wrapper } = await open({
      AdminChangeKeyContacts: typedError('changeKeyContacts', 'PolicyError', 'POLICY', 'This contract already names 3 key contacts, its cap.', {
        rule: 'LIMIT_EXCEEDED',
      }),
    })
    const remove = wrapper.findAll('button').find((b) => b.attributes('aria-label') === 'Remove Sam Okafor as a key contact')!
    await remove.trigger('click')
    const form = wrapper.get('[data-testid="key-contacts"] form')
    await form.get('textarea[name="keyContactReason"]').setValue('Left the company.')
    await form.trigger('submit')
    await settle()
    const alert = form.get('[data-testid="form-problem"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('The support policy does not allow this')
    expect(alert.text()).toContain('This contract already names 3 key contacts, its cap.')
  })

  it("shows the server's field errors beside the fields of the edit form", async () => {
    const { wrapper, sent } = await open({
      UpdateCustomer: validationError('updateCustomer', [{ field: 'input.name', message: 'Use at most 200 characters for the name.' }]),
    })
    await button(wrapper, 'Edit details').trigger('click')
    const form = wrapper.get('[data-testid="customer-edit-form"]')
    await form.get('input[name="name"]').setValue('N'.repeat(201))
    await form.trigger('submit')
    await settle()

    expect(sent('UpdateCustomer')[0]!.variables).toEqual({
      input: { id: CUSTOMER_ID, expectedVersion: 7, name: 'N'.repeat(201), homeDesk: 'PACIFIC', currency: 'USD' },
    })
    expect(describedError(form.get('input[name="name"]'))).toBe('Use at most 200 characters for the name.')
    expect(form.get('input[name="name"]').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-testid="form-problem"]').text()).toContain('Check the fields marked below.')
  })

  it('says when someone else changed the customer first, and reloads the latest on request', async () => {
    let version = 7
    const { wrapper, sent } = await open({
      CustomerDetail: () => customerDetail({ version, name: version === 7 ? 'Acme Analytics' : 'Acme Analytics Inc.' }) as never,
      UpdateCustomer: typedError('updateCustomer', 'ConflictError', 'CONFLICT', 'This customer was changed by someone else.'),
    })
    await button(wrapper, 'Edit details').trigger('click')
    await wrapper.get('input[name="name"]').setValue('Acme')
    version = 8 // someone else saves meanwhile
    await wrapper.get('[data-testid="customer-edit-form"]').trigger('submit')
    await settle()

    const alert = wrapper.get('[data-testid="form-problem"]')
    expect(alert.text()).toContain('Someone else changed this; reload')
    const loads = sent('CustomerDetail').length
    await button(alert, 'Reload').trigger('click')
    await settle(8)
    expect(sent('CustomerDetail').length).toBeGreaterThan(loads)
    expect(wrapper.find('[data-testid="form-problem"]').exists()).toBe(false)
    // The form starts again from the latest values and version.
    expect((wrapper.get('input[name="name"]').element as HTMLInputElement).value).toBe('Acme Analytics Inc.')
  })

  it("puts the server's price error beside the price of a new license", async () => {
    const { wrapper, sent } = await open({
      CreateLicense: validationError('createLicense', [{ field: 'price', message: 'The price cannot be negative.' }]),
    })
    await button(wrapper, 'Add license').trigger('click')
    const form = wrapper.get('[data-testid="license-form"]')
    await form.get('select[name="editionId"]').setValue('ed-ent')
    await form.get('input[name="price"]').setValue('-5')
    await form.trigger('submit')
    await settle()

    expect(sent('CreateLicense')[0]!.variables).toMatchObject({
      input: { customerId: CUSTOMER_ID, editionId: 'ed-ent', price: { amount: '-5', currency: 'USD' }, licenseKey: null },
    })
    expect(describedError(form.get('input[name="price"]'))).toBe('The price cannot be negative.')
  })

  it('offers only higher editions for an upgrade', async () => {
    const { wrapper } = await open()
    const upgrade = wrapper.findAll('button').find((b) => b.attributes('aria-label') === 'Upgrade Pro license CT-PRO-L1')!
    await upgrade.trigger('click')
    const options = wrapper.get('[data-testid="license-upgrade-form"]').findAll('select[name="editionId"] option').map((o) => o.text())
    expect(options).toEqual(['Choose an edition', 'Enterprise'])
  })

  it('shows a policy refusal of a new contract as an alert, and previews the fee', async () => {
    const { wrapper } = await open({
      CreateContract: typedError(
        'createContract',
        'PolicyError',
        'POLICY',
        'Premium Support needs active maintenance on this license for the whole term.',
        { rule: 'RULE_VIOLATION' },
      ),
    })
    await button(wrapper, 'New contract').trigger('click')
    const form = wrapper.get('[data-testid="contract-form"]')
    await form.get('select[name="kind"]').setValue('PREMIUM_SUPPORT')
    expect(form.get('[data-testid="fee-preview"]').text()).toContain('$1,485.00 a year (30% of $4,950.00)')
    await form.trigger('submit')
    await settle()
    expect(form.get('[data-testid="form-problem"]').text()).toContain('Premium Support needs active maintenance')
  })

  it('adds a contact and invites them to the portal, with no password to hand on', async () => {
    const { wrapper, sent } = await open({
      CreateContact: validationError('createContact', [{ field: 'email', message: 'Another contact already uses this email address.' }]),
    })
    await button(wrapper, 'Add contact').trigger('click')
    const form = wrapper.get('[data-testid="contact-form"]')
    await form.get('input[name="contactName"]').setValue('Morgan Lee')
    await form.get('input[name="email"]').setValue('alex@acme.example')
    await form.get('input[name="portalAccess"]').setValue(true)
    expect(form.text()).toContain('They are emailed a link to choose their own password')
    expect(form.find('input[type="password"]').exists()).toBe(false)
    await form.trigger('submit')
    await settle()
    expect(sent('CreateContact')[0]!.variables).toEqual({
      input: { customerId: CUSTOMER_ID, name: 'Morgan Lee', email: 'alex@acme.example', timeZone: null, isCustomerAdmin: false, portalAccess: true },
    })
    expect(describedError(form.get('input[name="email"]'))).toBe('Another contact already uses this email address.')
  })

  it('shows each contact’s portal access and invites, sends reset links and revokes (asking first)', async () => {
    const { wrapper, sent } = await open({
      InviteToPortal: { data: { inviteToPortal: { __typename: 'MutationInviteToPortalSuccess', contact: { __typename: 'Contact', id: gid('Contact', 'jo'), portalStatus: 'INVITED' } } } },
      SendPortalPasswordReset: {
        data: { sendPortalPasswordReset: { __typename: 'PolicyError', code: 'POLICY', message: 'This contact has not set a password yet; send the invitation again instead.' } },
      },
      RevokePortalAccess: { data: { revokePortalAccess: { __typename: 'MutationRevokePortalAccessSuccess', contact: { __typename: 'Contact', id: gid('Contact', 'sam'), portalStatus: 'REVOKED' } } } },
    })
    const rows = wrapper.findAll('[data-testid="contact-row"]')
    const [alexRow, joRow] = rows
    expect(alexRow!.get('td[data-label="Portal access"]').text()).toMatch(/Active\s*Last sign-in: 20 Nov 2026/)
    expect(joRow!.get('td[data-label="Portal access"]').text()).toBe('No access')

    await button(joRow!, 'Invite to portal').trigger('click')
    await settle()
    expect(sent('InviteToPortal')[0]!.variables).toEqual({ contactId: gid('Contact', 'jo') })
    expect(wrapper.get('[data-testid="access-message"]').text()).toBe(
      'Jo Park was invited: jo@acme.example was emailed a link to choose a password (it works for 7 days).',
    )
    expect(sent('CustomerDetail').length).toBeGreaterThan(1)

    await button(wrapper.findAll('[data-testid="contact-row"]')[0]!, 'Send reset link').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="access-problem"]').text()).toContain('send the invitation again instead')

    const sam = wrapper.findAll('[data-testid="contact-row"]')[2]!
    await button(sam, 'Revoke access').trigger('click')
    expect(sent('RevokePortalAccess')).toHaveLength(0)
    expect(sam.text()).toContain('Revoke access?')
    expect(document.activeElement?.textContent?.trim()).toBe('Yes, revoke')
    await button(sam, 'Yes, revoke').trigger('click')
    await settle()
    expect(sent('RevokePortalAccess')[0]!.variables).toEqual({ contactId: gid('Contact', 'sam') })
    expect(wrapper.get('[data-testid="access-message"]').text()).toContain('Sam Okafor’s portal access was revoked')
  })

  it('says so when there are no licenses, contracts, contacts or changes yet', async () => {
    const { wrapper } = await open({ CustomerDetail: emptyCustomer() })
    expect(wrapper.get('[data-testid="licenses"]').text()).toContain('No licenses yet.')
    expect(wrapper.get('[data-testid="contracts"]').text()).toContain('Record a license first')
    expect(button(wrapper, 'New contract').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="contacts"]').text()).toContain('No contacts yet.')
    expect(wrapper.get('[data-testid="audit-trail"]').text()).toContain('No changes recorded yet.')
  })

  it('shows the audit trail newest first, readable, and loads more', async () => {
    const { wrapper, sent } = await open({
      CustomerAudit: ((op: { variables: { after?: string } }) =>
        op.variables.after
          ? auditPage([auditEntry('1', { action: 'customer.created', before: null, at: '2026-01-01T09:00:00Z' })])
          : auditPage(
              [
                auditEntry('3', {
                  action: 'key_contact.swapped',
                  entityType: 'Contract',
                  entityId: 'm1',
                  actorKind: 'CONTACT',
                  actorName: 'Alex Rivera',
                  before: JSON.stringify({ keyContactIds: ['alex', 'jo'] }),
                  after: JSON.stringify({ keyContactIds: ['alex', 'sam'] }),
                  reason: 'Jo moved teams.',
                }),
                auditEntry('2'),
              ],
              true,
              'cursor-2',
            )) as never,
    })
    const entries = wrapper.findAll('[data-testid="audit-entry"]')
    expect(entries).toHaveLength(2)
    expect(entries[0]!.text()).toContain('Key contacts swapped')
    expect(entries[0]!.text()).toContain('Maintenance contract on Pro CT-PRO-L1')
    expect(entries[0]!.text()).toContain('Alex Rivera ·')
    expect(entries[0]!.text()).toMatch(/Key contacts:\s*Alex Rivera, Jo Park\s*→\s*changed to\s*Alex Rivera, Sam Okafor/)
    expect(entries[0]!.text()).toContain('Reason: Jo moved teams.')
    expect(entries[1]!.text()).toContain('Customer details changed')
    expect(entries[1]!.text()).toMatch(/Name:\s*Acme\s*→/)
    expect(entries[1]!.text()).toMatch(/Home desk:\s*UK\s*→\s*changed to\s*Pacific/)
    expect(entries[1]!.text()).not.toContain('Currency') // unchanged

    await button(wrapper, 'Load more').trigger('click')
    await settle()
    expect(sent('CustomerAudit').at(-1)!.variables).toMatchObject({ id: CUSTOMER_ID, after: 'cursor-2', first: 20 })
    expect(wrapper.findAll('[data-testid="audit-entry"]')).toHaveLength(3)
    expect(wrapper.text()).toContain('That is the whole history.')
  })

  it('says when there is no such customer', async () => {
    const { wrapper } = await open({ CustomerDetail: { data: { customer: null, productEditions: [] } } })
    expect(wrapper.get('h1').text()).toBe('Customer not found')
    expect(wrapper.get('.cv-state--empty').text()).toContain('There is no such customer')
  })

  it('shows a friendly error with a retry when the customer cannot be loaded', async () => {
    let calls = 0
    const { wrapper } = await open({
      CustomerDetail: (() => (++calls === 1 ? { errors: [{ message: 'Unexpected error.' }] } : customerDetail())) as never,
    })
    const error = wrapper.get('.cv-state--error')
    expect(error.text()).toContain('The customer could not be loaded')
    expect(error.text()).not.toContain('Unexpected error.')
    await button(error, 'Try again').trigger('click')
    await settle()
    expect(wrapper.get('h1').text()).toBe('Acme Analytics')
  })

  it('keeps the page when a refresh fails, and says it may be out of date', async () => {
    let calls = 0
    const { wrapper } = await open({
      CustomerDetail: (() => (++calls === 1 ? customerDetail() : { data: { customer: null, productEditions: [] }, errors: [{ message: 'Unexpected error.' }] })) as never,
      RenewContract: success('renewContract', 'MutationRenewContractSuccess'),
    })
    await button(wrapper, 'Renew').trigger('click')
    await button(wrapper, 'Renew contract').trigger('click')
    await settle(8)
    expect(wrapper.get('h1').text()).toBe('Acme Analytics')
    expect(wrapper.get('[data-testid="refresh-error"]').text()).toContain('This page may be out of date')
  })

  it('lists replaced licenses in history with what replaced them', async () => {
    const { wrapper } = await open({
      CustomerDetail: customerDetail({
        licenses: [
          license('l2', { edition: { __typename: 'ProductEdition', id: 'ed-ent', name: 'Enterprise', rank: 3 }, licenseKey: 'CT-ENT-L2' }),
          license('l1', {
            state: 'REPLACED',
            replacedBy: { __typename: 'License', id: gid('License', 'l2'), licenseKey: 'CT-ENT-L2', edition: { __typename: 'ProductEdition', id: 'ed-ent', name: 'Enterprise' } },
          }),
        ],
        contracts: [contract('m1', { terms: [term('a', '2025-05-09', '2026-05-08', { status: 'RENEWED' }), term('b', '2026-05-09', '2027-05-08')] })],
      }),
    })
    const rows = wrapper.findAll('[data-testid="license-row"]')
    expect(rows[1]!.text()).toContain('Replaced by upgrade')
    expect(rows[1]!.text()).toContain('by Enterprise CT-ENT-L2')
    expect(rows[1]!.findAll('button')).toHaveLength(0)
    expect(wrapper.get('[data-testid="contract-terms"]').findAll('tbody tr').map((r) => r.text())).toEqual([
      expect.stringContaining('Renewed'),
      expect.stringContaining('Active'),
    ])
  })
})
