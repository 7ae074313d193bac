import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { Customer } from '../customers/customer.entity.js'
import { ApiToken } from './api-token.entity.js'
import { API_TOKEN_PREFIX } from './auth.service.js'
import { hashSecret, newSecret } from './secrets.js'

const CreateApiTokenInput = z.object({
  name: z.string().trim().min(1, 'Give the token a name that says who uses it.').max(100, 'Use at most 100 characters.'),
  scope: z.enum(['READ', 'READ_WRITE'], { message: 'Scope must be READ or READ_WRITE.' }),
  customerId: z.string().uuid('That customer does not exist.').nullish(),
  expiresAt: z.date().nullish(),
})

function requireAdmin(ctx: RequestContext): string {
  if (ctx.viewer.kind !== 'staff' || ctx.viewer.role !== 'ADMIN') throw new ForbiddenError('Only admins manage API tokens.')
  return ctx.viewer.id
}

/** Creates a token and returns its secret, which is shown this once and stored only as a hash. */
export async function createApiToken(
  ctx: RequestContext,
  input: z.input<typeof CreateApiTokenInput>,
): Promise<{ apiToken: ApiToken; secret: string }> {
  const adminId = requireAdmin(ctx)
  const data = parseInput(CreateApiTokenInput, input)
  if (data.expiresAt && data.expiresAt.getTime() <= ctx.now().getTime()) {
    throw new ValidationError([{ field: 'expiresAt', message: 'Choose an expiry in the future.' }])
  }
  const secret = newSecret(API_TOKEN_PREFIX)
  const apiToken = await withTransaction(ctx, async (manager) => {
    if (data.customerId && !(await manager.existsBy(Customer, { id: data.customerId }))) {
      throw new NotFoundError('That customer')
    }
    const token = manager.create(ApiToken, {
      name: data.name,
      scope: data.scope,
      customerId: data.customerId ?? null,
      expiresAt: data.expiresAt ?? null,
      tokenHash: hashSecret(secret),
      tokenPrefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      createdById: adminId,
    })
    await manager.save(token)
    await recordAudit(manager, ctx, {
      action: 'api_token.created',
      entityType: 'ApiToken',
      entityId: token.id,
      customerId: token.customerId,
      after: { name: token.name, scope: token.scope, customerId: token.customerId, expiresAt: token.expiresAt?.toISOString() ?? null },
    })
    return token
  })
  return { apiToken, secret }
}

export async function revokeApiToken(ctx: RequestContext, id: string): Promise<ApiToken> {
  requireAdmin(ctx)
  return withTransaction(ctx, async (manager) => {
    const token = await manager.findOneBy(ApiToken, { id })
    if (!token) throw new NotFoundError('That API token')
    if (!token.revokedAt) {
      token.revokedAt = ctx.now()
      await manager.save(token)
      await recordAudit(manager, ctx, {
        action: 'api_token.revoked',
        entityType: 'ApiToken',
        entityId: token.id,
        customerId: token.customerId,
      })
    }
    return token
  })
}

export async function listApiTokens(ctx: RequestContext): Promise<ApiToken[]> {
  requireAdmin(ctx)
  return ctx.db.getRepository(ApiToken).find({ order: { createdAt: 'DESC' } })
}
