/* ---------- Links in plain text (ticket messages) ---------- */

/** A piece of plain text: words as they are, or a link that is safe to follow. */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string; external: boolean }

/**
 * `[label](target)` (how the admin's "Cite an article" writes a link) or a bare http(s) address. Labels stay on one
 * line; a target has no spaces or parentheses. Both are bounded, so a hostile message cannot make this slow.
 */
const LINKS = /\[([^[\]\n]{1,300})\]\(([^()\s]{1,2000})\)|\bhttps?:\/\/[^\s<>"'`[\]]{1,2000}/gi
/** Punctuation that ends a sentence rather than an address: "see https://example.com/a." */
const TRAILING = /[.,;:!?'"]+$/

/**
 * The address a link may point to, or null: an absolute http(s) address, or a path on this site (`/portal/…`, not
 * `//host` or `/\host`, which browsers treat as another host). Anything else (javascript:, data:, mailto:, relative
 * paths) stays text.
 */
export function safeHref(target: string): { href: string; external: boolean } | null {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\s\u0000-\u001f\u007f\\]/.test(target)) return null
  if (target.startsWith('/')) return target.startsWith('//') ? null : { href: target, external: false }
  if (!/^https?:\/\/[^/]/i.test(target)) return null
  try {
    const url = new URL(target)
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null
    return { href: url.href, external: true }
  } catch {
    return null
  }
}

/** Cuts trailing punctuation and an unmatched closing parenthesis off a bare address ("(see https://x.example/a)."). */
function trimBare(raw: string): string {
  let text = raw.replace(TRAILING, '')
  while (text.endsWith(')') && (text.match(/\(/g)?.length ?? 0) < (text.match(/\)/g)?.length ?? 0)) text = text.slice(0, -1).replace(TRAILING, '')
  return text
}

/**
 * Splits plain text into text and links, for rendering with text interpolation only (never as HTML): markdown
 * links `[label](/portal/…)` and bare `https://…` addresses become links when `safeHref` allows them; everything
 * else, unsafe links included, stays exactly as written.
 */
export function linkifyText(text: string): TextSegment[] {
  const segments: TextSegment[] = []
  let plain = ''
  let last = 0
  const flush = () => {
    if (plain) segments.push({ kind: 'text', text: plain })
    plain = ''
  }
  for (const match of text.matchAll(LINKS)) {
    const start = match.index
    plain += text.slice(last, start)
    last = start + match[0].length
    if (match[1] !== undefined) {
      const safe = safeHref(match[2]!)
      if (!safe) {
        plain += match[0]
        continue
      }
      flush()
      segments.push({ kind: 'link', text: match[1], ...safe })
      continue
    }
    const address = trimBare(match[0])
    const safe = safeHref(address)
    if (!safe) {
      plain += match[0]
      continue
    }
    flush()
    segments.push({ kind: 'link', text: address, ...safe })
    // What was trimmed off (a full stop, a closing parenthesis) is text again.
    last = start + address.length
  }
  plain += text.slice(last)
  flush()
  return segments
}
