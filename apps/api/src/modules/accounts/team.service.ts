import { canSetAway, checkAdminRemains, checkNotSelf, checkRoleAndDesk, type StaffRoleCode } from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ConflictError, ForbiddenError, NotFoundError, PolicyError } from '../../errors.js'
import { DESKS, STAFF_ROLES, type DeskCode } from '../../graphql/enums.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { emitTicketEvent } from '../events/ticket-events.js'
import { queueEmail } from '../mail/outbox.js'
import { publishTicketChanged } from '../tickets/pubsub.js'
import { reloadTicket, updateTicket } from '../tickets/tickets.queries.js'
import { recordTimeline } from '../tickets/timeline.js'
import { staffInviteEmail } from './account-emails.js'
import { cancelPasswordLinks, issuePasswordLink, passwordLinkUrl } from './password-links.js'
import { checkAddressFree, EmailAddress, endSessions, PersonName, staffTimeZone } from './people.js'
import { StaffUser } from './staff-user.entity.js'

/**
 * The support team (issue 12): admins invite staff (a one-time link to set a password), change role and desk,
 * mark people away and back, and deactivate them (sessions end, open tickets go back to the desk queue). An
 * engineer marks themselves away and back. Every change is audited in its own transaction.
 */

function requireAdmin(ctx: RequestContext): { id: string } {
  const viewer = ctx.viewer
  if (viewer.kind !== 'staff' || viewer.role !== 'ADMIN') throw new ForbiddenError('Only admins manage the support team.')
  return viewer
}

function snapshot(user: StaffUser): Record<string, unknown> {
  return { name: user.name, email: user.email, role: user.role, desk: user.desk, active: user.active, away: user.away }
}

const isUuid = (id: string) => z.uuid().safeParse(id).success

async function lockMember(manager: EntityManager, id: string): Promise<StaffUser> {
  const user = isUuid(id) ? await manager.createQueryBuilder(StaffUser, 'u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne() : null
  if (!user) throw new NotFoundError('That member of the team')
  return user
}

async function activeAdmins(manager: EntityManager): Promise<number> {
  const [row]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM staff_users WHERE active AND role = 'ADMIN'`)
  return row?.n ?? 0
}

async function nameOf(manager: EntityManager, ctx: RequestContext): Promise<string | null> {
  if (ctx.viewer.kind !== 'staff') return null
  const [row]: { name: string }[] = await manager.query('SELECT name FROM staff_users WHERE id = $1', [ctx.viewer.id])
  return row?.name ?? null
}

/** Everyone on the team, active first, then by name (admins). */
export async function listTeam(ctx: RequestContext): Promise<StaffUser[]> {
  requireAdmin(ctx)
  return ctx.db.getRepository(StaffUser).createQueryBuilder('u').orderBy('u.active', 'DESC').addOrderBy('u.name').addOrderBy('u.id').getMany()
}

const Role = z.enum(STAFF_ROLES, { message: 'Choose ADMIN or ENGINEER.' })
const Desk = z.enum(DESKS, { message: 'Choose the PACIFIC or UK desk.' })

const InviteInput = z.object({
  name: PersonName,
  email: EmailAddress,
  role: Role,
  desk: Desk.nullish(),
})

/** Sends the invitation email with a fresh link, in the caller's transaction. */
async function sendInvitation(manager: EntityManager, ctx: RequestContext, user: StaffUser, now: Date): Promise<void> {
  const account = { kind: 'staff' as const, id: user.id }
  const { secret, expiresAt } = await issuePasswordLink(manager, account, 'INVITE', now)
  await queueEmail(
    manager,
    staffInviteEmail({
      to: { name: user.name, address: user.email, timeZone: staffTimeZone(user.desk) },
      invitedBy: await nameOf(manager, ctx),
      role: user.role,
      desk: user.desk,
      url: passwordLinkUrl(ctx.config.publicUrl, account, secret),
      expiresAt,
    }),
    now,
  )
}

/** Adds a member who sets their own password through the emailed one-time link. */
export const inviteStaffUser = service(async (ctx: RequestContext, input: z.input<typeof InviteInput>): Promise<StaffUser> => {
  requireAdmin(ctx)
  const data = parseInput(InviteInput, input)
  checkRoleAndDesk(data.role, data.desk ?? null)
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    await checkAddressFree(manager, data.email)
    const user = manager.create(StaffUser, { name: data.name, email: data.email, role: data.role, desk: data.desk ?? null, passwordHash: null, active: true })
    await manager.save(user)
    await sendInvitation(manager, ctx, user, now)
    await recordAudit(manager, ctx, { action: 'staff_user.invited', entityType: 'StaffUser', entityId: user.id, customerId: null, after: snapshot(user) })
    return user
  })
})

/** Sends a new invitation to someone who has not set their password yet (the old link stops working). */
export const resendStaffInvitation = service(async (ctx: RequestContext, id: string): Promise<StaffUser> => {
  requireAdmin(ctx)
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    const user = await lockMember(manager, id)
    if (!user.active) throw new PolicyError(`${user.name} is deactivated; reactivate them first.`, 'INVALID_TRANSITION')
    if (user.passwordHash) throw new PolicyError(`${user.name} has set a password already; they can reset it from the sign-in page.`, 'INVALID_TRANSITION')
    await sendInvitation(manager, ctx, user, now)
    await recordAudit(manager, ctx, { action: 'staff_user.invitation_sent', entityType: 'StaffUser', entityId: user.id, customerId: null })
    return user
  })
})

const UpdateInput = z.object({
  id: z.string(),
  expectedVersion: z.number().int(),
  name: PersonName.optional(),
  role: Role.optional(),
  /** null clears an admin's desk; absent leaves it. */
  desk: Desk.nullable().optional(),
})

/** Changes a member's name, role or desk; a stale version is refused as a conflict. */
export const updateStaffUser = service(async (ctx: RequestContext, input: z.input<typeof UpdateInput>): Promise<StaffUser> => {
  requireAdmin(ctx)
  const data = parseInput(UpdateInput, input)
  return withTransaction(ctx, async (manager) => {
    const user = await lockMember(manager, data.id)
    if (user.version !== data.expectedVersion) throw new ConflictError()
    const role: StaffRoleCode = data.role ?? user.role
    const desk: DeskCode | null = data.desk === undefined ? user.desk : data.desk
    checkRoleAndDesk(role, desk)
    if (role !== user.role) checkAdminRemains(user, { role }, await activeAdmins(manager))
    const before = snapshot(user)
    const changed = role !== user.role || desk !== user.desk || (data.name !== undefined && data.name !== user.name)
    if (!changed) return user
    user.role = role
    user.desk = desk
    if (data.name !== undefined) user.name = data.name
    await manager.save(user)
    await recordAudit(manager, ctx, { action: 'staff_user.updated', entityType: 'StaffUser', entityId: user.id, customerId: null, before, after: snapshot(user) })
    return user
  })
})

const AwayInput = z.object({ id: z.string().nullish(), away: z.boolean() })

/**
 * Marks a member away (no automatic assignments) or back. Anyone on the team does it for themselves; admins
 * for anyone.
 */
export const setStaffAway = service(async (ctx: RequestContext, input: z.input<typeof AwayInput>): Promise<StaffUser> => {
  const viewer = ctx.viewer
  if (viewer.kind !== 'staff') throw new ForbiddenError('Only the support team marks people away.')
  const data = parseInput(AwayInput, input)
  const id = data.id ?? viewer.id
  if (!canSetAway(viewer, id)) throw new ForbiddenError('Only admins mark other people away or back.')
  const now = ctx.now()
  return withTransaction(ctx, async (manager) => {
    const user = await lockMember(manager, id)
    if (!user.active) throw new PolicyError(`${user.name} is deactivated.`, 'INVALID_TRANSITION')
    if (user.away === data.away) return user
    user.away = data.away
    user.awaySince = data.away ? now : null
    await manager.save(user)
    await recordAudit(manager, ctx, {
      action: data.away ? 'staff_user.away' : 'staff_user.back',
      entityType: 'StaffUser',
      entityId: user.id,
      customerId: null,
      before: { away: !data.away },
      after: { away: data.away },
    })
    return user
  })
})

export interface Deactivated {
  staffUser: StaffUser
  /** How many open tickets went back to their desk's queue. */
  ticketsReturned: number
}

/**
 * Deactivates a member: sign-in is refused and their sessions end, open links stop working, and their open
 * tickets go back to the desk queue (recorded on each ticket's timeline, with a ticket.assigned event).
 */
export const deactivateStaffUser = service(async (ctx: RequestContext, id: string): Promise<Deactivated> => {
  const admin = requireAdmin(ctx)
  const now = ctx.now()
  const returned: { id: string; desk: string; customer_id: string }[] = []
  const result = await withTransaction(ctx, async (manager) => {
    const user = await lockMember(manager, id)
    if (!user.active) return { staffUser: user, ticketsReturned: 0 }
    checkNotSelf(admin.id, user.id, 'deactivate')
    checkAdminRemains(user, { active: false }, await activeAdmins(manager))
    const before = snapshot(user)
    user.active = false
    user.away = false
    user.awaySince = null
    user.deactivatedAt = now
    await manager.save(user)
    const sessionsEnded = await endSessions(manager, { kind: 'staff', id: user.id })
    await cancelPasswordLinks(manager, { kind: 'staff', id: user.id }, now)

    const open: { id: string }[] = await manager.query(
      `SELECT id FROM tickets WHERE assignee_id = $1 AND status NOT IN ('RESOLVED', 'CLOSED') ORDER BY number FOR UPDATE`,
      [user.id],
    )
    for (const { id: ticketId } of open) {
      const row = await reloadTicket(manager, ticketId)
      await updateTicket(manager, ticketId, { assignee_id: null }, now)
      await recordTimeline(manager, ticketId, ctx.viewer, now, [
        {
          kind: 'ASSIGNED',
          summary: `Returned to the desk queue: ${user.name} was deactivated`,
          data: { assigneeId: null, desk: row.desk, previousAssigneeId: user.id, reason: 'DEACTIVATED' },
        },
      ])
      const updated = await reloadTicket(manager, ticketId)
      await emitTicketEvent(manager, ctx.viewer, now, 'ticket.assigned', updated, { previousAssigneeId: user.id, previousDesk: row.desk, reason: 'DEACTIVATED' })
      returned.push({ id: ticketId, desk: updated.desk, customer_id: updated.customer_id })
    }
    await recordAudit(manager, ctx, {
      action: 'staff_user.deactivated',
      entityType: 'StaffUser',
      entityId: user.id,
      customerId: null,
      before,
      after: { ...snapshot(user), ticketsReturned: open.length, sessionsEnded },
    })
    return { staffUser: user, ticketsReturned: open.length }
  })
  for (const ticket of returned) publishTicketChanged({ ticketId: ticket.id, desk: ticket.desk, customerId: ticket.customer_id, reason: 'assigned' })
  return result
})

/** Lets a deactivated member sign in again (with their old password; they can reset it). */
export const reactivateStaffUser = service(async (ctx: RequestContext, id: string): Promise<StaffUser> => {
  requireAdmin(ctx)
  return withTransaction(ctx, async (manager) => {
    const user = await lockMember(manager, id)
    if (user.active) return user
    const before = snapshot(user)
    user.active = true
    user.deactivatedAt = null
    await manager.save(user)
    await recordAudit(manager, ctx, { action: 'staff_user.reactivated', entityType: 'StaffUser', entityId: user.id, customerId: null, before, after: snapshot(user) })
    return user
  })
})

