import { GraphQLError } from 'graphql'
import type { DataSource } from 'typeorm'
import { z } from 'zod'
import type { RequestContext, Viewer } from '../../context.js'
import { InvalidCredentialsError, TooManyAttemptsError } from '../../errors.js'
import { preparedQuery } from '../../db/prepared.js'
import { parseInput } from '../../validation.js'
import { Contact } from '../customers/contact.entity.js'
import { accountKey, addressKey, clearFailures, lockedForSeconds, recordFailure, THROTTLE } from './login-throttle.js'
import { decoyPasswordHash, verifyPassword } from './passwords.js'
import { hashSecret, newSecret } from './secrets.js'
import { Session } from './session.entity.js'
import { StaffUser } from './staff-user.entity.js'

export const SESSION_COOKIE = 'covered_session'
export const API_TOKEN_PREFIX = 'cov_'

const LoginInput = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(320, 'That email address is too long.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.'),
})

/** Signs a staff user or a contact with portal access in, and starts a cookie session. */
export async function login(ctx: RequestContext, input: { email: string; password: string }): Promise<StaffUser | Contact> {
  const { email, password } = parseInput(LoginInput, input)
  const now = ctx.now()
  const keys = [accountKey(email), addressKey(ctx.ip)]
  const waitSeconds = await lockedForSeconds(ctx.db.manager, keys, now)
  if (waitSeconds > 0) throw new TooManyAttemptsError(waitSeconds)

  const account = await findAccount(ctx.db, email)
  const passwordOk = await verifyPassword(password, account?.passwordHash ?? (await decoyPasswordHash()))
  if (!account || !passwordOk) {
    const locked = await recordFailure(
      ctx.db.manager,
      [
        { key: keys[0]!, limit: THROTTLE.perAccount },
        { key: keys[1]!, limit: THROTTLE.perAddress },
      ],
      now,
    )
    if (locked > 0) throw new TooManyAttemptsError(locked)
    throw new InvalidCredentialsError()
  }

  await clearFailures(ctx.db.manager, keys[0]!)
  await ctx.db.query(`UPDATE ${account instanceof StaffUser ? 'staff_users' : 'contacts'} SET last_sign_in_at = $2 WHERE id = $1`, [account.id, now])
  const token = newSecret()
  const session = ctx.db.getRepository(Session).create({
    tokenHash: hashSecret(token),
    staffUserId: account instanceof StaffUser ? account.id : null,
    contactId: account instanceof Contact ? account.id : null,
    expiresAt: new Date(now.getTime() + ctx.config.sessionTtlMs),
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
  })
  await ctx.db.getRepository(Session).save(session)
  ctx.cookies.set(SESSION_COOKIE, token, { maxAgeSeconds: Math.floor(ctx.config.sessionTtlMs / 1000) })
  // The rest of this request (the fields selected on the result) acts as the signed-in account.
  ctx.viewer =
    account instanceof StaffUser
      ? { kind: 'staff', id: account.id, role: account.role, sessionId: session.id }
      : { kind: 'contact', id: account.id, customerId: account.customerId, isCustomerAdmin: account.isCustomerAdmin, sessionId: session.id }
  return account
}

async function findAccount(db: DataSource, email: string): Promise<StaffUser | Contact | null> {
  const staff = await db
    .getRepository(StaffUser)
    .createQueryBuilder('u')
    .where('lower(u.email) = lower(:email) AND u.active', { email })
    .getOne()
  if (staff?.passwordHash) return staff
  const contact = await db
    .getRepository(Contact)
    .createQueryBuilder('c')
    .where('lower(c.email) = lower(:email) AND c.portal_access', { email })
    .getOne()
  return contact?.passwordHash ? contact : null
}

/** Ends the current browser session, wherever it is signed in. Always succeeds. */
export async function logout(ctx: RequestContext): Promise<boolean> {
  const viewer = ctx.viewer
  if (viewer.kind === 'staff' || viewer.kind === 'contact') {
    await ctx.db.getRepository(Session).delete({ id: viewer.sessionId })
  }
  ctx.cookies.clear(SESSION_COOKIE)
  return true
}

interface SessionRow {
  session_id: string
  staff_id: string | null
  role: 'ADMIN' | 'ENGINEER' | null
  contact_id: string | null
  customer_id: string | null
  is_customer_admin: boolean | null
  key_contact: boolean
}

interface TokenRow {
  id: string
  scope: 'READ' | 'READ_WRITE'
  customer_id: string | null
  stale: boolean
}

/**
 * Decides the viewer from a bearer token or the session cookie with one statement (for a contact, with whether
 * they are a key contact, which decides the tickets they see). A bearer token that is
 * unknown, revoked or expired is refused at once (HTTP 401), never treated as anonymous.
 */
export async function resolveViewer(
  db: DataSource,
  credentials: { bearer: string | undefined; sessionToken: string | undefined },
  now: Date,
): Promise<Viewer> {
  if (credentials.bearer !== undefined) {
    // Read by a function that sees the token under any tenant fence (migration 1764890000000-sign-in-lookups).
    const [row]: TokenRow[] = await preparedQuery(db, `SELECT * FROM covered_token_viewer($1, $2)`, [hashSecret(credentials.bearer), now], {
      underAnyFence: true,
    })
    if (!row) {
      throw new GraphQLError('This API token is not valid: it is unknown, revoked or expired. Ask an admin for a new one.', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      })
    }
    // Recording use at most once a minute keeps a write off most requests.
    if (row.stale) await db.query(`UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, [row.id, now])
    return { kind: 'token', id: row.id, scope: row.scope, customerId: row.customer_id }
  }
  if (!credentials.sessionToken) return { kind: 'anonymous' }
  // The session with its staff user or contact (and whether the contact is a key contact), read by a function that
  // sees them under any tenant fence: the connection keeps its fence (migration 1764890000000-sign-in-lookups).
  const [row]: SessionRow[] = await preparedQuery(db, `SELECT * FROM covered_session_viewer($1, $2)`, [hashSecret(credentials.sessionToken), now], {
    underAnyFence: true,
  })
  if (row?.staff_id && row.role) return { kind: 'staff', id: row.staff_id, role: row.role, sessionId: row.session_id }
  if (row?.contact_id && row.customer_id) {
    return {
      kind: 'contact',
      id: row.contact_id,
      customerId: row.customer_id,
      isCustomerAdmin: row.is_customer_admin === true,
      sessionId: row.session_id,
      keyContact: row.key_contact === true,
    }
  }
  return { kind: 'anonymous' }
}
