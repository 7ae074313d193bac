import type { z } from 'zod'
import { ValidationError } from './errors.js'

/** Parses input with a zod schema, turning every problem into a field error a person can act on. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw new ValidationError(
    result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'input', message: issue.message })),
  )
}
