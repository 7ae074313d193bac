/**
 * What Covered emails about, who can get each kind, and whether they get it before choosing. Every kind here is
 * optional (the recipient may turn it off in their preferences or with the unsubscribe link in the email);
 * account emails (invitations, password resets) are not in this list and always go out.
 */
export const EMAIL_KINDS = [
  'TICKET_RECEIVED',
  'TICKET_ANSWERED',
  'TICKET_WAITING',
  'TICKET_RESOLVED',
  'QUOTE_SENT',
  'QUOTE_EXPIRING',
  'CONTRACT_EXPIRING',
  'TICKET_ASSIGNED',
  'SLA_WARNING',
  'SLA_BREACHED',
] as const
export type EmailKind = (typeof EMAIL_KINDS)[number]

/** The choices a person makes: one per email kind, plus the key contacts' copies of others' tickets. */
export const PREFERENCE_KINDS = [...EMAIL_KINDS, 'ORGANISATION_TICKETS'] as const
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number]

export type RecipientKind = 'CONTACT' | 'STAFF'

export interface PreferenceDefinition {
  kind: PreferenceKind
  audience: RecipientKind
  label: string
  description: string
  /** On until the person turns it off (transactional), or off until they turn it on (copies). */
  defaultEnabled: boolean
  /** Offered only to key contacts and customer admins (they are the only ones who get it). */
  keyContactsOnly?: boolean
}

export const PREFERENCES: readonly PreferenceDefinition[] = [
  { kind: 'TICKET_RECEIVED', audience: 'CONTACT', label: 'Ticket received', description: 'A confirmation when a ticket is opened, with the time you can expect a first answer.', defaultEnabled: true },
  { kind: 'TICKET_ANSWERED', audience: 'CONTACT', label: 'New answer', description: 'Each public reply from the support team, with its text.', defaultEnabled: true },
  { kind: 'TICKET_WAITING', audience: 'CONTACT', label: 'Waiting on you', description: 'When the support team needs something from you to go on.', defaultEnabled: true },
  { kind: 'TICKET_RESOLVED', audience: 'CONTACT', label: 'Ticket resolved', description: 'When a ticket is resolved, and how long you can still reopen it.', defaultEnabled: true },
  {
    kind: 'ORGANISATION_TICKETS',
    audience: 'CONTACT',
    label: 'Copies of colleagues’ tickets',
    description: 'The emails above also for tickets others in your organisation open (for key contacts).',
    defaultEnabled: false,
    keyContactsOnly: true,
  },
  { kind: 'QUOTE_SENT', audience: 'CONTACT', label: 'Quotes', description: 'A quote for Professional Services is ready to accept or decline.', defaultEnabled: true },
  { kind: 'QUOTE_EXPIRING', audience: 'CONTACT', label: 'Quote about to expire', description: 'A reminder three days before a quote you have not decided on expires.', defaultEnabled: true },
  {
    kind: 'CONTRACT_EXPIRING',
    audience: 'CONTACT',
    label: 'Contract renewals',
    description: 'A reminder 60 and 30 days before a maintenance or Premium Support contract ends.',
    defaultEnabled: true,
    keyContactsOnly: true,
  },
  { kind: 'TICKET_ASSIGNED', audience: 'STAFF', label: 'Premium ticket assigned to you', description: 'A premium ticket routed or assigned to you, with its guaranteed first-response time.', defaultEnabled: true },
  { kind: 'SLA_WARNING', audience: 'STAFF', label: 'SLA warning', description: '75% of a response target’s time used, on your tickets (or your desk’s unassigned ones).', defaultEnabled: true },
  { kind: 'SLA_BREACHED', audience: 'STAFF', label: 'SLA breach', description: 'A response target missed, on your tickets (or your desk’s unassigned ones).', defaultEnabled: true },
]

export const PREFERENCE_BY_KIND: ReadonlyMap<PreferenceKind, PreferenceDefinition> = new Map(PREFERENCES.map((p) => [p.kind, p]))

export function isPreferenceKind(value: string): value is PreferenceKind {
  return PREFERENCE_BY_KIND.has(value as PreferenceKind)
}

/** The kinds a person is offered: by audience, and the key-contact ones only to key contacts and customer admins. */
export function preferencesFor(audience: RecipientKind, isKeyContact: boolean): PreferenceDefinition[] {
  return PREFERENCES.filter((p) => p.audience === audience && (!p.keyContactsOnly || isKeyContact))
}

/** Whether a person gets an email of `kind` given their saved choices (a missing choice is the default). */
export function wants(choices: ReadonlyMap<PreferenceKind, boolean> | undefined, kind: PreferenceKind): boolean {
  return choices?.get(kind) ?? PREFERENCE_BY_KIND.get(kind)?.defaultEnabled ?? true
}
