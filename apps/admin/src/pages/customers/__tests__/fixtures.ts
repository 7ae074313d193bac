/** Fake API answers for the customer page tests: a customer with its licenses, contracts, contacts. */

export const gid = (type: string, id: string) => btoa(`${type}:${id}`)

export const CUSTOMER_ID = gid('Customer', 'acme')

export function money(amount: string, currency = 'USD') {
  const [whole = '0', cents = '00'] = amount.split('.')
  const formatted = `${currency === 'GBP' ? '£' : '$'}${Number(whole).toLocaleString('en-US')}.${cents}`
  return { __typename: 'Money', amount, currency, formatted }
}

export function entitlement(plan: string, reasons: string[] = [], remedies: string[] = []) {
  return { __typename: 'Entitlement', plan, lane: 'CUSTOMER', rule: plan.toLowerCase(), reasons, remedies }
}

export function contact(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Contact',
    id: gid('Contact', id),
    name,
    email: `${id}@acme.example`,
    isCustomerAdmin: false,
    portalAccess: true,
    portalStatus: 'ACTIVE',
    lastSignInAt: '2026-11-20T15:30:00.000Z',
    timeZone: null,
    version: 1,
    entitlement: entitlement('NOT_ENTITLED', [`${name} is not a named key contact.`], ['Ask a customer admin to name them.']),
    ...overrides,
  }
}

export const editions = [
  { __typename: 'ProductEdition', id: 'ed-std', name: 'Standard', rank: 1 },
  { __typename: 'ProductEdition', id: 'ed-pro', name: 'Pro', rank: 2 },
  { __typename: 'ProductEdition', id: 'ed-ent', name: 'Enterprise', rank: 3 },
]

export function license(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'License',
    id: gid('License', id),
    licenseKey: `CT-PRO-${id.toUpperCase()}`,
    purchasedOn: '2025-10-21',
    state: 'HELD',
    retiredAt: null,
    replacedAt: null,
    version: 1,
    edition: editions[1],
    price: money('4950.00'),
    replacedBy: null,
    ...overrides,
  }
}

export function term(id: string, start: string, end: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ContractTerm',
    id,
    start,
    end,
    status: 'ACTIVE',
    cancelledOn: null,
    cancelReason: null,
    fee: money('990.00'),
    ...overrides,
  }
}

export function contract(id: string, overrides: Record<string, unknown> = {}) {
  const current = term(`${id}-t1`, '2026-05-09', '2027-05-08')
  return {
    __typename: 'Contract',
    id: gid('Contract', id),
    kind: 'MAINTENANCE',
    status: 'ACTIVE',
    version: 4,
    keyContactCap: 3,
    license: { __typename: 'License', id: gid('License', 'l1'), licenseKey: 'CT-PRO-L1', state: 'HELD', edition: editions[1] },
    currentTerm: current,
    terms: [current],
    keyContacts: [] as unknown[],
    ...overrides,
  }
}

export const alex = contact('alex', 'Alex Rivera', {
  isCustomerAdmin: true,
  timeZone: 'America/Denver',
  entitlement: entitlement('STANDARD', ['Alex Rivera is a named key contact on the active Maintenance contract.']),
})
export const sam = contact('sam', 'Sam Okafor')
export const jo = contact('jo', 'Jo Park', { portalAccess: false, portalStatus: 'NONE', lastSignInAt: null })

export function customerDetail(overrides: Record<string, unknown> = {}) {
  return {
    data: {
      customer: {
        __typename: 'Customer',
        id: CUSTOMER_ID,
        name: 'Acme Analytics',
        status: 'CUSTOMER',
        homeDesk: 'PACIFIC',
        currency: 'USD',
        createdAt: '2026-03-02T10:00:00.000Z',
        version: 7,
        licenses: [license('l1')],
        contracts: [
          contract('m1', {
            keyContacts: [
              { __typename: 'Contact', id: alex.id, name: alex.name, email: alex.email },
              { __typename: 'Contact', id: sam.id, name: sam.name, email: sam.email },
            ],
          }),
        ],
        contacts: [alex, jo, sam],
        ...overrides,
      },
      productEditions: editions,
    },
  }
}

export function emptyCustomer() {
  return customerDetail({ status: 'PROSPECT', licenses: [], contracts: [], contacts: [] })
}

export function auditEntry(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'AuditEntry',
    id,
    at: '2026-11-20T16:30:00.000Z',
    actorKind: 'STAFF',
    actorName: 'Avery Admin',
    action: 'customer.updated',
    entityType: 'Customer',
    entityId: 'acme',
    before: JSON.stringify({ name: 'Acme', homeDesk: 'UK', currency: 'USD' }),
    after: JSON.stringify({ name: 'Acme Analytics', homeDesk: 'PACIFIC', currency: 'USD' }),
    reason: null,
    ...overrides,
  }
}

export function auditPage(entries: ReturnType<typeof auditEntry>[], hasNextPage = false, endCursor: string | null = null) {
  return {
    data: {
      customer: {
        __typename: 'Customer',
        id: CUSTOMER_ID,
        auditTrail: {
          __typename: 'CustomerAuditTrailConnection',
          edges: entries.map((node) => ({ __typename: 'CustomerAuditTrailConnectionEdge', cursor: `c-${node.id}`, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
        },
      },
    },
  }
}

export function validationError(mutation: string, fieldErrors: { field: string; message: string }[]) {
  return {
    data: {
      [mutation]: {
        __typename: 'ValidationError',
        code: 'VALIDATION',
        message: 'Some fields need fixing.',
        fieldErrors: fieldErrors.map((e) => ({ __typename: 'FieldError', ...e })),
      },
    },
  }
}

export function typedError(mutation: string, typename: string, code: string, message: string, extra: Record<string, unknown> = {}) {
  return { data: { [mutation]: { __typename: typename, code, message, ...extra } } }
}

export function success(mutation: string, typename: string) {
  return { data: { [mutation]: { __typename: typename } } }
}

/** The message the field points at with aria-describedby. */
export function describedError(control: { element: Element }): string | null {
  const ids = control.element.getAttribute('aria-describedby')?.split(' ') ?? []
  for (const id of ids) {
    const el = document.getElementById(id)
    if (el?.classList.contains('cv-field__error')) return el.textContent?.trim() ?? ''
  }
  return null
}
