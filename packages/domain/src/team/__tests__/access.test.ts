import { describe, expect, it } from 'vitest'
import { DomainError } from '../../errors/index.js'
import {
  canManagePortalAccess,
  canSetAway,
  checkAdminRemains,
  checkNotSelf,
  checkPortalAccessAction,
  checkRoleAndDesk,
  PORTAL_ACCESS_STATUSES,
  portalAccessActions,
  portalAccessStatus,
} from '../index.js'

describe('staff rules', () => {
  it('an engineer needs a desk; an admin does not', () => {
    expect(() => checkRoleAndDesk('ENGINEER', null)).toThrow(DomainError)
    expect(() => checkRoleAndDesk('ENGINEER', 'UK')).not.toThrow()
    expect(() => checkRoleAndDesk('ADMIN', null)).not.toThrow()
  })

  it('keeps at least one active admin', () => {
    const admin = { id: 'a', role: 'ADMIN' as const, active: true }
    expect(() => checkAdminRemains(admin, { role: 'ENGINEER' }, 1)).toThrow(/at least one active admin/)
    expect(() => checkAdminRemains(admin, { active: false }, 1)).toThrow(DomainError)
    expect(() => checkAdminRemains(admin, { role: 'ENGINEER' }, 2)).not.toThrow()
    expect(() => checkAdminRemains({ ...admin, role: 'ENGINEER' }, { active: false }, 1)).not.toThrow()
    expect(() => checkAdminRemains(admin, { role: 'ADMIN' }, 1)).not.toThrow()
  })

  it('nobody deactivates themselves; admins mark anyone away, others only themselves', () => {
    expect(() => checkNotSelf('a', 'a', 'deactivate')).toThrow('You cannot deactivate your own account; ask another admin.')
    expect(() => checkNotSelf('a', 'b', 'deactivate')).not.toThrow()
    expect(canSetAway({ id: 'e', role: 'ENGINEER' }, 'e')).toBe(true)
    expect(canSetAway({ id: 'e', role: 'ENGINEER' }, 'f')).toBe(false)
    expect(canSetAway({ id: 'a', role: 'ADMIN' }, 'f')).toBe(true)
  })
})

describe('portal access', () => {
  it('is derived from access, password and revocation', () => {
    expect(portalAccessStatus({ portalAccess: false, hasPassword: false, revokedAt: null })).toBe('NONE')
    expect(portalAccessStatus({ portalAccess: true, hasPassword: false, revokedAt: null })).toBe('INVITED')
    expect(portalAccessStatus({ portalAccess: true, hasPassword: true, revokedAt: '2026-01-01T00:00:00Z' })).toBe('ACTIVE')
    expect(portalAccessStatus({ portalAccess: false, hasPassword: false, revokedAt: new Date() })).toBe('REVOKED')
  })

  it('allows each action only where it makes sense, and says what to do instead', () => {
    expect(portalAccessActions('NONE')).toEqual(['INVITE'])
    expect(portalAccessActions('ACTIVE')).toEqual(['SEND_RESET', 'REVOKE'])
    for (const status of PORTAL_ACCESS_STATUSES) {
      for (const action of ['INVITE', 'RESEND_INVITE', 'SEND_RESET', 'REVOKE'] as const) {
        const allowed = portalAccessActions(status).includes(action)
        if (allowed) expect(() => checkPortalAccessAction(status, action)).not.toThrow()
        else expect(() => checkPortalAccessAction(status, action)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION', message: expect.stringMatching(/\.$/) }))
      }
    }
    expect(() => checkPortalAccessAction('ACTIVE', 'INVITE')).toThrow('This contact already has portal access; send a password reset link if they cannot sign in.')
  })

  it('is managed by staff, or a customer admin of the same organisation only', () => {
    expect(canManagePortalAccess({ kind: 'staff' }, 'c1')).toBe(true)
    expect(canManagePortalAccess({ kind: 'contact', customerId: 'c1', isCustomerAdmin: true }, 'c1')).toBe(true)
    expect(canManagePortalAccess({ kind: 'contact', customerId: 'c1', isCustomerAdmin: true }, 'c2')).toBe(false)
    expect(canManagePortalAccess({ kind: 'contact', customerId: 'c1', isCustomerAdmin: false }, 'c1')).toBe(false)
    expect(canManagePortalAccess({ kind: 'other' }, 'c1')).toBe(false)
  })
})
