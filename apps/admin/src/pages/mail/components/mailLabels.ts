import type { Tone } from '@covered/ui'

export const STATUS_LABELS: Record<string, string> = { QUEUED: 'Queued', SENT: 'Sent', FAILED: 'Failed' }
export const STATUS_TONES: Record<string, Tone> = { QUEUED: 'warning', SENT: 'success', FAILED: 'danger' }

export function attemptsText(attempts: number): string {
  return attempts === 1 ? '1 attempt' : `${attempts} attempts`
}
