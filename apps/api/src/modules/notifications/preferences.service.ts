import type { EntityManager } from 'typeorm'
import { withTransaction, type RequestContext } from '../../context.js'
import { ForbiddenError, ValidationError } from '../../errors.js'
import { recordAudit } from '../audit/audit.js'
import { PREFERENCE_BY_KIND, preferencesFor, wants, type PreferenceDefinition, type PreferenceKind, type RecipientKind } from './kinds.js'

type Queryable = Pick<EntityManager, 'query'>

/** Saved choices of many recipients of one kind, in one statement: id -> kind -> enabled. */
export async function choicesOf(manager: Queryable, recipientKind: RecipientKind, ids: readonly string[]): Promise<Map<string, Map<PreferenceKind, boolean>>> {
  const byRecipient = new Map<string, Map<PreferenceKind, boolean>>()
  if (!ids.length) return byRecipient
  const rows: { recipient_id: string; kind: PreferenceKind; enabled: boolean }[] = await manager.query(
    `SELECT recipient_id, kind, enabled FROM notification_preferences WHERE recipient_kind = $1 AND recipient_id = ANY($2::uuid[])`,
    [recipientKind, [...new Set(ids)]],
  )
  for (const row of rows) {
    const choices = byRecipient.get(row.recipient_id) ?? new Map<PreferenceKind, boolean>()
    choices.set(row.kind, row.enabled)
    byRecipient.set(row.recipient_id, choices)
  }
  return byRecipient
}

/** Saves one choice (insert or replace); returns whether it changed anything. */
export async function saveChoice(
  manager: Queryable,
  who: { recipientKind: RecipientKind; recipientId: string },
  kind: PreferenceKind,
  enabled: boolean,
  now: Date,
  via: 'PREFERENCES' | 'UNSUBSCRIBE_LINK',
): Promise<boolean> {
  const before = (await choicesOf(manager, who.recipientKind, [who.recipientId])).get(who.recipientId)
  const was = wants(before, kind)
  await manager.query(
    `INSERT INTO notification_preferences (recipient_kind, recipient_id, kind, enabled, changed_via, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (recipient_kind, recipient_id, kind) DO UPDATE SET enabled = EXCLUDED.enabled, changed_via = EXCLUDED.changed_via, updated_at = EXCLUDED.updated_at`,
    [who.recipientKind, who.recipientId, kind, enabled, via, now],
  )
  return was !== enabled
}

/** A contact who is a key contact on one of the organisation's contracts, or its customer admin. */
export async function isKeyContactOrAdmin(manager: Queryable, contactId: string): Promise<boolean> {
  const [row]: { yes: boolean }[] = await manager.query(
    `SELECT (c.is_customer_admin OR EXISTS (SELECT 1 FROM contract_key_contacts k JOIN contracts ct ON ct.id = k.contract_id
                                             WHERE k.contact_id = c.id AND ct.customer_id = c.customer_id)) AS yes
       FROM contacts c WHERE c.id = $1`,
    [contactId],
  )
  return !!row?.yes
}

export interface PreferenceView {
  definition: PreferenceDefinition
  enabled: boolean
}

function viewerAudience(ctx: RequestContext): { recipientKind: RecipientKind; recipientId: string } {
  const viewer = ctx.viewer
  if (viewer.kind === 'staff') return { recipientKind: 'STAFF', recipientId: viewer.id }
  if (viewer.kind === 'contact') return { recipientKind: 'CONTACT', recipientId: viewer.id }
  throw new ForbiddenError('Email preferences belong to a person: sign in as a staff user or a customer contact.')
}

async function offered(ctx: RequestContext, who: { recipientKind: RecipientKind; recipientId: string }): Promise<PreferenceDefinition[]> {
  const keyContact = who.recipientKind === 'CONTACT' ? await isKeyContactOrAdmin(ctx.db, who.recipientId) : false
  return preferencesFor(who.recipientKind, keyContact)
}

/** The signed-in person's choices: every kind they may get, on or off (their choice, else the default). */
export async function viewerPreferences(ctx: RequestContext): Promise<PreferenceView[]> {
  const who = viewerAudience(ctx)
  const [definitions, choices] = await Promise.all([offered(ctx, who), choicesOf(ctx.db, who.recipientKind, [who.recipientId])])
  const mine = choices.get(who.recipientId)
  return definitions.map((definition) => ({ definition, enabled: wants(mine, definition.kind) }))
}

/** Turns one kind on or off for the signed-in person; a kind they are not offered is refused. */
export async function setViewerPreference(ctx: RequestContext, input: { kind: PreferenceKind; enabled: boolean }): Promise<PreferenceView[]> {
  const who = viewerAudience(ctx)
  const definitions = await offered(ctx, who)
  const definition = definitions.find((d) => d.kind === input.kind)
  if (!definition) {
    const known = PREFERENCE_BY_KIND.get(input.kind)
    throw new ValidationError([
      {
        field: 'kind',
        message: known?.keyContactsOnly && who.recipientKind === 'CONTACT'
          ? `“${known.label}” is for key contacts and customer admins of your organisation.`
          : `“${known?.label ?? input.kind}” is not an email you can get.`,
      },
    ])
  }
  await withTransaction(ctx, async (manager) => {
    const changed = await saveChoice(manager, who, input.kind, input.enabled, ctx.now(), 'PREFERENCES')
    if (changed) {
      // A personal choice: audited, but kept out of the organisation's trail on the customer page.
      await recordAudit(manager, ctx, {
        action: input.enabled ? 'notification_preference.enabled' : 'notification_preference.disabled',
        entityType: who.recipientKind === 'STAFF' ? 'staff_user' : 'contact',
        entityId: who.recipientId,
        customerId: null,
        after: { kind: input.kind, enabled: input.enabled },
      })
    }
  })
  return viewerPreferences(ctx)
}
