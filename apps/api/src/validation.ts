import { parseCalendarDate, type CalendarDate } from '@covered/domain'
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

/** A calendar date typed by a person (YYYY-MM-DD), or a field error saying how to write one. */
export function parseDateInput(value: string, field: string): CalendarDate {
  try {
    return parseCalendarDate(value, field)
  } catch {
    throw new ValidationError([{ field, message: 'Enter a date as YYYY-MM-DD.' }])
  }
}
