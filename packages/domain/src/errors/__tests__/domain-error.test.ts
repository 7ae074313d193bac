import { describe, expect, it } from 'vitest'
import { DOMAIN_ERROR_CODES, DomainError, isDomainError } from '../index.js'

describe('DomainError', () => {
  it('carries a code, a message that says what to fix, and details', () => {
    const error = new DomainError('VALIDATION', 'Price must be a whole number of cents.', { field: 'price' })
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(DomainError)
    expect(error.name).toBe('DomainError')
    expect(error.code).toBe('VALIDATION')
    expect(error.message).toBe('Price must be a whole number of cents.')
    expect(error.details).toEqual({ field: 'price' })
  })

  it('defaults details to an empty object', () => {
    expect(new DomainError('CONFLICT', 'Stale version.').details).toEqual({})
  })

  it('is recognised by isDomainError, optionally by code', () => {
    const error = new DomainError('MIXED_CURRENCY', 'x')
    expect(isDomainError(error)).toBe(true)
    expect(isDomainError(error, 'MIXED_CURRENCY')).toBe(true)
    expect(isDomainError(error, 'VALIDATION')).toBe(false)
    expect(isDomainError(new Error('x'))).toBe(false)
    expect(isDomainError({ code: 'VALIDATION', message: 'x' })).toBe(false)
  })

  it('lists the codes the API maps to typed errors', () => {
    expect(DOMAIN_ERROR_CODES).toEqual(
      expect.arrayContaining(['VALIDATION', 'CONFLICT', 'FORBIDDEN', 'MIXED_CURRENCY', 'INVALID_TRANSITION']),
    )
    expect(new Set(DOMAIN_ERROR_CODES).size).toBe(DOMAIN_ERROR_CODES.length)
  })
})
