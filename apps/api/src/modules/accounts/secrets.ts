import { createHash, randomBytes } from 'node:crypto'

/** A random secret for a cookie or an API token. 32 bytes: guessing it is hopeless, so SHA-256 storage is enough. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}
