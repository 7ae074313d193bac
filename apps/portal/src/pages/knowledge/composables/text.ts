/** A route parameter or query value as one trimmed string ('' when missing or repeated). */
export function queryText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}
