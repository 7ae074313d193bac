import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'
import { CONTROL_CHARACTERS } from './text.js'

/**
 * Markdown for articles, newsletter intros and release notes, rendered on the server to HTML that both SPAs
 * may insert as it is: marked (GitHub-flavoured) turns the text into HTML, then sanitize-html keeps only an
 * allowlist of tags and attributes. No script or style, no event handlers, no `javascript:`/`data:` URLs.
 */
const markdown = new Marked({ gfm: true, breaks: false, async: false })

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp',
    'em', 'strong', 'del', 's', 'sub', 'sup', 'mark', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    code: ['class'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links leave the site without handing it the opener or the referrer.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
}

const CONTROL = CONTROL_CHARACTERS

/** Markdown to sanitized HTML that is safe to insert into a page. */
export function renderMarkdown(source: string): string {
  const html = markdown.parse(source.replace(CONTROL, '')) as string
  return sanitizeHtml(html, ALLOWED).trim()
}

const BLOCK_END = /<\/(p|h[1-6]|li|dt|dd|pre|blockquote|tr|th|td|table)>|<br\s*\/?>|<hr\s*\/?>/gi
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': ' ' }

/**
 * The plain text a reader sees, for the full-text index and for search snippets: rendered markdown without
 * tags (script and style contents dropped), entities decoded, whitespace collapsed, control characters gone.
 */
export function markdownToText(source: string): string {
  const html = renderMarkdown(source).replace(BLOCK_END, (tag) => `${tag}\n`)
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
  return text
    .replace(/&(?:amp|lt|gt|quot|nbsp|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(CONTROL, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
}

/** Markers that ts_headline puts around matches: control characters, which stored text never contains. */
export const HIGHLIGHT_START = '\u0002'
export const HIGHLIGHT_STOP = '\u0003'

// eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
const MARKERS = /([\u0002\u0003])/

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/**
 * A ts_headline result as HTML: every character escaped, and only the highlight markers turned into
 * `<mark>`/`</mark>` (always balanced), so a snippet can be inserted as HTML whatever the text contains.
 */
export function highlightToHtml(headline: string): string {
  let open = false
  let out = ''
  for (const part of headline.split(MARKERS)) {
    if (part === HIGHLIGHT_START) {
      if (!open) out += '<mark>'
      open = true
    } else if (part === HIGHLIGHT_STOP) {
      if (open) out += '</mark>'
      open = false
    } else {
      out += escapeHtml(part.replace(CONTROL, ''))
    }
  }
  return open ? `${out}</mark>` : out
}
