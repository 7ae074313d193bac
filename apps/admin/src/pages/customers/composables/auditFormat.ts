import {
  contractKindLabel,
  contractStatusLabel,
  currencyLabel,
  deskName,
  formatCalendarDate,
  formatMinorMoney,
  licenseStateLabel,
} from '@covered/ui'

/** One change inside an audit entry, for people: "Home desk: Pacific → UK". */
export interface AuditChange {
  label: string
  before: string | null
  after: string | null
}

export interface AuditEntryLike {
  action: string
  actorKind: string
  actorName?: string | null
  entityType: string
  entityId: string
  before?: string | null
  after?: string | null
}

const ACTIONS: Record<string, string> = {
  'customer.created': 'Customer created',
  'customer.updated': 'Customer details changed',
  'contact.created': 'Contact added',
  'contact.updated': 'Contact changed',
  'license.created': 'License recorded',
  'license.upgraded': 'License upgraded',
  'license.retired': 'License retired',
  'contract.created': 'Contract created',
  'contract.renewed': 'Contract renewed',
  'contract.cancelled': 'Contract cancelled',
  'key_contact.added': 'Key contact named',
  'key_contact.removed': 'Key contact removed',
  'key_contact.swapped': 'Key contacts swapped',
}

const ACTORS: Record<string, string> = { STAFF: 'Staff', CONTACT: 'A customer contact', TOKEN: 'An API token', SYSTEM: 'Covered' }

const FIELDS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  homeDesk: 'Home desk',
  currency: 'Currency',
  isCustomerAdmin: 'Customer admin',
  portalAccess: 'Portal access',
  timeZone: 'Time zone',
  edition: 'Edition',
  price: 'Price',
  purchasedOn: 'Purchased on',
  licenseKey: 'License key',
  state: 'State',
  kind: 'Kind',
  start: 'Term starts',
  end: 'Term ends',
  fee: 'Fee',
  keyContactCap: 'Key contact cap',
  keyContactIds: 'Key contacts',
  licenseId: 'License',
  replacementId: 'Replaced by',
  status: 'Status',
  effectiveOn: 'Effective from',
}

/** Keys shown with another key (a price carries its currency). */
const FOLDED = new Set(['currency'])
const MONEY_KEYS = new Set(['price', 'fee'])

export function auditActionLabel(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action]
  // A mutation that recorded no change of its own is audited by its name: `mutation.openTicket` → "Open ticket".
  const mutation = /^mutation\.(\w+)$/.exec(action)?.[1]
  if (mutation) {
    const words = mutation.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
    return words.charAt(0).toUpperCase() + words.slice(1)
  }
  const words = action.replace(/[._]/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function auditActorLabel(entry: Pick<AuditEntryLike, 'actorKind' | 'actorName'>): string {
  return entry.actorName || ACTORS[entry.actorKind] || entry.actorKind
}

function parse(json: string | null | undefined): Record<string, unknown> | null {
  if (!json) return null
  try {
    const value: unknown = JSON.parse(json)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Readable value of one field; `names` turns database ids into names (contacts, licenses). */
function show(key: string, value: unknown, values: Record<string, unknown>, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—'
  if (MONEY_KEYS.has(key) && typeof value === 'number' && typeof values.currency === 'string') {
    return formatMinorMoney(value, values.currency)
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (Array.isArray(value)) {
    if (!value.length) return 'none'
    return value.map((v) => names.get(String(v)) ?? 'a contact no longer listed').join(', ')
  }
  const text = String(value)
  switch (key) {
    case 'homeDesk':
      return deskName(text)
    case 'currency':
      return currencyLabel(text)
    case 'kind':
      return contractKindLabel(text)
    case 'status':
      return contractStatusLabel(text)
    case 'state':
      return licenseStateLabel(text)
    case 'start':
    case 'end':
    case 'purchasedOn':
    case 'effectiveOn':
      return formatCalendarDate(text)
    case 'licenseId':
    case 'replacementId':
      return names.get(text) ?? 'another license'
    default:
      return text
  }
}

/**
 * The fields an entry changed, before → after. A creation lists what was set; an update only what differs.
 */
export function auditChanges(entry: AuditEntryLike, names: ReadonlyMap<string, string> = new Map()): AuditChange[] {
  const before = parse(entry.before)
  const after = parse(entry.after)
  // In a fixed, readable order (the database returns JSON keys in its own order).
  const order = Object.keys(FIELDS)
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length)
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort((a, b) => rank(a) - rank(b))
  const changes: AuditChange[] = []
  for (const key of keys) {
    if (FOLDED.has(key) && keys.some((k) => MONEY_KEYS.has(k))) continue
    const was = before?.[key]
    const now = after?.[key]
    const moneyCurrencyChanged = MONEY_KEYS.has(key) && before && after && !same(before.currency, after.currency)
    if (before && after && key in before && key in after && same(was, now) && !moneyCurrencyChanged) continue
    changes.push({
      label: FIELDS[key] ?? key,
      before: before && key in before ? show(key, was, before, names) : null,
      after: after && key in after ? show(key, now, after, names) : null,
    })
  }
  return changes
}
