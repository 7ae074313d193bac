import { DomainError } from '../errors/index.js'

/**
 * The support team and portal access (issue 12): who may change staff, the role and desk rules, and a
 * contact's portal access as a small state machine (none → invited → active → revoked → invited ...).
 */

export const STAFF_ROLE_CODES = ['ADMIN', 'ENGINEER'] as const
export type StaffRoleCode = (typeof STAFF_ROLE_CODES)[number]

/** How long a one-time link to set a password works. A reset link: 1 hour (the policy); an invitation: 7 days. */
export const PASSWORD_LINK_LIFETIME_MS = { INVITE: 7 * 24 * 3_600_000, RESET: 3_600_000 } as const

/** An engineer belongs to one support desk; an admin may have one or none. */
export function checkRoleAndDesk(role: StaffRoleCode, desk: string | null): void {
  if (role === 'ENGINEER' && !desk) {
    throw new DomainError('VALIDATION', 'Choose the desk this engineer works on: every engineer belongs to one desk.', { field: 'desk' })
  }
}

export interface StaffFacts {
  id: string
  role: StaffRoleCode
  active: boolean
}

/**
 * A change of role that would leave no active admin is refused: someone must be able to manage the team.
 * `activeAdmins` counts the active admins now, this one included.
 */
export function checkAdminRemains(member: StaffFacts, change: { role?: StaffRoleCode; active?: boolean }, activeAdmins: number): void {
  const losesAdmin = member.active && member.role === 'ADMIN' && (change.role === 'ENGINEER' || change.active === false)
  if (losesAdmin && activeAdmins <= 1) {
    throw new DomainError('RULE_VIOLATION', 'Covered needs at least one active admin: make someone else an admin first.', { field: 'role' })
  }
}

/** An admin does not deactivate their own account (another admin can). */
export function checkNotSelf(actorId: string, memberId: string, what: string): void {
  if (actorId === memberId) throw new DomainError('RULE_VIOLATION', `You cannot ${what} your own account; ask another admin.`)
}

/** Staff mark themselves away and back; admins may do it for anyone. */
export function canSetAway(actor: { id: string; role: StaffRoleCode }, memberId: string): boolean {
  return actor.role === 'ADMIN' || actor.id === memberId
}

export const PORTAL_ACCESS_STATUSES = ['NONE', 'INVITED', 'ACTIVE', 'REVOKED'] as const
export type PortalAccessStatus = (typeof PORTAL_ACCESS_STATUSES)[number]

/**
 * A contact's portal access: NONE (never had it), INVITED (may sign in once they set a password from the
 * invitation), ACTIVE (has a password), REVOKED (withdrawn; sign-in refused).
 */
export function portalAccessStatus(contact: { portalAccess: boolean; hasPassword: boolean; revokedAt: Date | string | null }): PortalAccessStatus {
  if (contact.portalAccess) return contact.hasPassword ? 'ACTIVE' : 'INVITED'
  return contact.revokedAt ? 'REVOKED' : 'NONE'
}

export type PortalAccessAction = 'INVITE' | 'RESEND_INVITE' | 'SEND_RESET' | 'REVOKE'

/** What can be done about a contact's access in each state. */
export function portalAccessActions(status: PortalAccessStatus): PortalAccessAction[] {
  switch (status) {
    case 'NONE':
    case 'REVOKED':
      return ['INVITE']
    case 'INVITED':
      return ['RESEND_INVITE', 'REVOKE']
    case 'ACTIVE':
      return ['SEND_RESET', 'REVOKE']
  }
}

const REFUSALS: Record<PortalAccessAction, Partial<Record<PortalAccessStatus, string>>> = {
  INVITE: {
    INVITED: 'This contact is invited already; send the invitation again instead.',
    ACTIVE: 'This contact already has portal access; send a password reset link if they cannot sign in.',
  },
  RESEND_INVITE: {
    NONE: 'This contact has no invitation to send again; invite them first.',
    REVOKED: 'This contact’s access was revoked; invite them again.',
    ACTIVE: 'This contact has set their password already; send a password reset link instead.',
  },
  SEND_RESET: {
    NONE: 'This contact has no portal access; invite them first.',
    REVOKED: 'This contact’s access was revoked; invite them again to give it back.',
    INVITED: 'This contact has not set a password yet; send the invitation again instead.',
  },
  REVOKE: {
    NONE: 'This contact has no portal access to revoke.',
    REVOKED: 'This contact’s portal access is revoked already.',
  },
}

/** Refuses an action the contact's access state does not allow, saying what would work instead. */
export function checkPortalAccessAction(status: PortalAccessStatus, action: PortalAccessAction): void {
  if (portalAccessActions(status).includes(action)) return
  throw new DomainError('INVALID_TRANSITION', REFUSALS[action][status] ?? 'That does not apply to this contact’s portal access now.')
}

/** Who may manage a customer's portal access: staff, or a customer admin of that same customer. */
export function canManagePortalAccess(
  viewer: { kind: 'staff' } | { kind: 'contact'; customerId: string; isCustomerAdmin: boolean } | { kind: 'other' },
  customerId: string,
): boolean {
  if (viewer.kind === 'staff') return true
  return viewer.kind === 'contact' && viewer.isCustomerAdmin && viewer.customerId === customerId
}
