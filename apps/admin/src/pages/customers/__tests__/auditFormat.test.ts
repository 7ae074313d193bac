import { describe, expect, it } from 'vitest'
import { auditActionLabel } from '../composables/auditFormat'

describe('audit action labels', () => {
  it('names known actions, and a bare mutation by its words', () => {
    expect(auditActionLabel('customer.created')).toBe('Customer created')
    expect(auditActionLabel('mutation.openTicket')).toBe('Open ticket')
    expect(auditActionLabel('mutation.replyToTicket')).toBe('Reply to ticket')
    expect(auditActionLabel('quote.sent')).toBe('Quote sent')
  })
})
