import type { RequestContext } from '../../context.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { articleVisibilitySql, issueVisibilitySql } from './access.js'
import { HIGHLIGHT_START, HIGHLIGHT_STOP, highlightToHtml } from './markdown.js'
import { CONTROL_CHARACTERS } from './text.js'

export type SearchHitKind = 'ARTICLE' | 'NEWSLETTER_ISSUE'

/** One match of a full-text search, with its rank and highlighted title and snippet (safe HTML). */
export interface SearchHit {
  kind: SearchHitKind
  id: string
  rank: number
  /** Escaped text with `<mark>`…`</mark>` around the matched words. */
  titleHtml: string
  snippetHtml: string
}

/** The longest search text looked at; anything longer is cut, never refused. */
export const MAX_SEARCH_CHARS = 256

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Any text a person may type, made safe to hand to PostgreSQL: no NUL or other control characters, no lone
 * UTF-16 surrogates, whitespace collapsed, at most MAX_SEARCH_CHARS characters. Quotes and operators stay:
 * websearch_to_tsquery reads them (and never fails on a malformed query).
 */
export function normalizeSearchText(text: string | null | undefined): string {
  const clean = (text ?? '').replace(CONTROL_CHARACTERS, ' ').replace(LONE_SURROGATE, ' ').replace(/\s+/g, ' ').trim()
  return Array.from(clean).slice(0, MAX_SEARCH_CHARS).join('').trim()
}

const TITLE_OPTIONS = `HighlightAll=true, StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`
const SNIPPET_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=35, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`

interface HitRow {
  kind: SearchHitKind
  id: string
  rank: number
  title_hl: string
  snippet_hl: string
}

function toHit(row: HitRow): SearchHit {
  return { kind: row.kind, id: row.id, rank: Number(row.rank), titleHtml: highlightToHtml(row.title_hl), snippetHtml: highlightToHtml(row.snippet_hl) }
}

/**
 * Full-text search over the articles and newsletter issues the viewer may read: `websearch_to_tsquery`
 * (quoted phrases, `or`, `-word`; nothing typed can make it fail), ranked with `ts_rank` over the stored
 * tsvector (title weight A, body B, tags C; GIN index), best first, with `ts_headline` highlights computed
 * only for the page returned. Keyset paging on (rank, kind, id).
 */
export async function searchKnowledge(ctx: RequestContext, args: PageArgs & { query: string; articlesOnly?: boolean }): Promise<Connection<SearchHit>> {
  const page = pageRequest({ first: args.first, after: args.after })
  const text = normalizeSearchText(args.query)
  if (!text || page.limit === 0) return toConnection<SearchHit>([], page, () => '')
  const params: unknown[] = [text, TITLE_OPTIONS, SNIPPET_OPTIONS]
  const param = (value: unknown) => `$${params.push(value)}`
  let after = ''
  if (page.after) {
    const [rank, kind, id] = decodeCursor(page.after, 3)
    after = `WHERE h.rank < ${param(Number(rank))}::real
       OR (h.rank = $${params.length}::real AND (h.kind, h.id) > (${param(String(kind))}, ${param(String(id))}::uuid))`
  }
  const issues = args.articlesOnly
    ? ''
    : `UNION ALL
       SELECT 'NEWSLETTER_ISSUE' AS kind, n.id, ts_rank(n.search, q.query) AS rank, n.title, n.intro_text AS text
         FROM newsletter_issues n, q
        WHERE n.search @@ q.query AND ${issueVisibilitySql(ctx.viewer)}`
  const rows: HitRow[] = await ctx.db.query(
    `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
     hits AS (
       SELECT 'ARTICLE' AS kind, a.id, ts_rank(a.search, q.query) AS rank, a.title, a.body_text AS text
         FROM articles a, q
        WHERE a.search @@ q.query AND ${articleVisibilitySql(ctx.viewer)}
       ${issues}
     ),
     page AS (SELECT h.* FROM hits h ${after} ORDER BY h.rank DESC, h.kind, h.id LIMIT ${param(page.limit + 1)})
     SELECT p.kind, p.id, p.rank,
            ts_headline('english', p.title, q.query, $2) AS title_hl,
            ts_headline('english', p.text, q.query, $3) AS snippet_hl
       FROM page p, q
      ORDER BY p.rank DESC, p.kind, p.id`,
    params,
  )
  return toConnection(rows.map(toHit), page, (hit) => encodeCursor([hit.rank, hit.kind, hit.id]))
}

/** How many suggestions ticket intake shows. */
export const SUGGESTION_LIMIT = 3
/** The most suggestions one may ask for (the reply composer's "Cite an article" shows 6). */
export const MAX_SUGGESTIONS = 10

/**
 * The words of a subject being typed, as an OR query with the last word as a prefix (it may be unfinished):
 * "labels not showin" -> `labels | not | showin:*`. Only letters and digits reach to_tsquery, so no input can
 * make it fail; null when nothing searchable is left.
 */
export function suggestionQuery(subject: string): string | null {
  const text = normalizeSearchText(subject)
  const words = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length <= 60))].slice(0, 12)
  if (words.length === 0) return null
  const typing = /[\p{L}\p{N}]$/u.test(subject ?? '')
  return words.map((word, i) => (typing && i === words.length - 1 && word.length >= 3 ? `${word}:*` : word)).join(' | ')
}

export interface ArticleSuggestion {
  articleId: string
  rank: number
  titleHtml: string
  snippetHtml: string
}

/**
 * Up to three (or `limit`, at most MAX_SUGGESTIONS) published articles for a text as it is typed, best first,
 * among those the viewer may read (a visitor PUBLIC, a contact also CUSTOMERS; staff also INTERNAL, never drafts).
 */
export async function suggestArticles(ctx: RequestContext, subject: string, limit: number = SUGGESTION_LIMIT): Promise<ArticleSuggestion[]> {
  const query = suggestionQuery(subject)
  const count = Math.min(Math.max(Number.isFinite(limit) ? Math.trunc(limit) : SUGGESTION_LIMIT, 1), MAX_SUGGESTIONS)
  if (!query) return []
  const rows: HitRow[] = await ctx.db.query(
    `WITH q AS (SELECT to_tsquery('english', $1) AS query),
     page AS (
       SELECT a.id, a.title, a.body_text AS text, ts_rank(a.search, q.query) AS rank
         FROM articles a, q
        WHERE a.search @@ q.query AND a.status = 'PUBLISHED' AND ${articleVisibilitySql(ctx.viewer)}
        ORDER BY rank DESC, a.id
        LIMIT ${count})
     SELECT 'ARTICLE' AS kind, p.id, p.rank,
            ts_headline('english', p.title, q.query, $2) AS title_hl,
            ts_headline('english', p.text, q.query, $3) AS snippet_hl
       FROM page p, q
      ORDER BY p.rank DESC, p.id`,
    [query, TITLE_OPTIONS, SNIPPET_OPTIONS],
  )
  return rows.map(toHit).map((hit) => ({ articleId: hit.id, rank: hit.rank, titleHtml: hit.titleHtml, snippetHtml: hit.snippetHtml }))
}
