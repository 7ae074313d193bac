import { z } from 'zod'

/** Characters that never belong in stored text (and that the search highlighter uses as markers). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** A trimmed single-line text field without control characters, with messages a person can act on. */
export function cleanText(min: number, max: number, messages: { empty: string; long: string }) {
  return z
    .string()
    .transform((text) => text.replace(CONTROL_CHARACTERS, '').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(min, messages.empty).max(max, messages.long))
}

/** Markdown as written (line breaks kept), without control characters. */
export function markdownText(max: number, message: string) {
  return z
    .string()
    .transform((text) => text.replace(CONTROL_CHARACTERS, '').replace(/\r\n?/g, '\n'))
    .pipe(z.string().max(max, message))
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A URL-safe name from a title: "Installing Labels (v9)" -> "installing-labels-v9"; "article" when nothing is left. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  return slug || 'article'
}

/** True for PostgreSQL's unique_violation (through TypeORM's QueryFailedError or plain pg). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } }
  const code = e?.code ?? e?.driverError?.code
  const name = e?.constraint ?? e?.driverError?.constraint
  return code === '23505' && (constraint === undefined || name === constraint)
}

export const isUuid = (id: string) => z.uuid().safeParse(id).success
