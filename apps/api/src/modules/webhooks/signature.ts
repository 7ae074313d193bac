import { createHmac, timingSafeEqual } from 'node:crypto'

/** Signatures older or newer than this are refused: a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60

export const SIGNATURE_HEADERS = {
  eventId: 'Covered-Event-Id',
  timestamp: 'Covered-Timestamp',
  signature: 'Covered-Signature',
} as const

/** The hex HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's signing secret. */
export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

/** The headers that go with one delivery attempt: a fresh timestamp, and the signature over it and the body. */
export function signedHeaders(secret: string, eventId: string, body: string, at: Date): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000)
  return {
    [SIGNATURE_HEADERS.eventId]: eventId,
    [SIGNATURE_HEADERS.timestamp]: String(timestamp),
    [SIGNATURE_HEADERS.signature]: `v1=${computeSignature(secret, timestamp, body)}`,
  }
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'MISSING' | 'MALFORMED' | 'STALE' | 'FORGED' }

/**
 * Checks a received webhook as a receiver should: the timestamp is within 5 minutes of now, and one of the
 * `v1=` signatures (several while a secret is being rotated) is the HMAC of "<timestamp>.<raw body>".
 * Compares in constant time. Replays within the window are the receiver's to catch (remember signatures).
 */
export function verifySignature(input: { secret: string; body: string; timestamp: string | null | undefined; signature: string | null | undefined; now: Date }): SignatureCheck {
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'MISSING' }
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'MALFORMED' }
  const timestamp = Number(input.timestamp)
  const candidates = input.signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3))
  if (!candidates.length || candidates.some((hex) => !/^[0-9a-f]{64}$/.test(hex))) return { ok: false, reason: 'MALFORMED' }
  if (Math.abs(input.now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'STALE' }
  const expected = Buffer.from(computeSignature(input.secret, timestamp, input.body), 'hex')
  const matches = candidates.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected))
  return matches ? { ok: true } : { ok: false, reason: 'FORGED' }
}
