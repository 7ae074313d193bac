import type { RequestContext } from '../../context.js'
import { NotFoundError } from '../../errors.js'
import { Contact } from '../customers/contact.entity.js'
import { StaffUser } from './staff-user.entity.js'

/** Loads staff users by id for a dataloader (one statement per batch). */
export async function loadStaffUsers(ctx: RequestContext, ids: readonly string[]): Promise<(StaffUser | NotFoundError)[]> {
  // Only staff read staff users: to anyone else an id is answered as nonexistent, never as forbidden.
  if (ctx.viewer.kind !== 'staff') return ids.map(() => new NotFoundError('That staff user'))
  const rows = await ctx.db.getRepository(StaffUser).createQueryBuilder('u').where('u.id = ANY(:ids::uuid[])', { ids }).getMany()
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That staff user'))
}

/** Loads contacts by id for a dataloader; contacts of organisations the viewer may not see come back null. */
export async function loadContacts(
  ctx: RequestContext,
  ids: readonly string[],
  canSee: (customerId: string) => boolean,
): Promise<(Contact | NotFoundError)[]> {
  const rows = await ctx.db.getRepository(Contact).createQueryBuilder('c').where('c.id = ANY(:ids::uuid[])', { ids }).getMany()
  const byId = new Map(rows.filter((row) => canSee(row.customerId)).map((row) => [row.id, row]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That contact'))
}

/** The active staff, by name, optionally of one desk or role. */
export async function listStaffUsers(
  ctx: RequestContext,
  filter: { desk?: 'PACIFIC' | 'UK' | null; role?: 'ADMIN' | 'ENGINEER' | null },
): Promise<StaffUser[]> {
  const query = ctx.db.getRepository(StaffUser).createQueryBuilder('u').where('u.active').orderBy('u.name').addOrderBy('u.id')
  if (filter.desk) query.andWhere('u.desk = :desk', { desk: filter.desk })
  if (filter.role) query.andWhere('u.role = :role', { role: filter.role })
  return query.getMany()
}
