import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { actorOf, withTransaction, type RequestContext, type Viewer } from '../../context.js'
import { service } from '../../domain-errors.js'
import { PolicyError, ValidationError } from '../../errors.js'
import { parseInput } from '../../validation.js'
import { publishTicketChanged } from '../tickets/pubsub.js'
import type { TicketRow } from '../tickets/ticket.record.js'
import { lockTicket, reloadTicket } from '../tickets/tickets.queries.js'
import { articleVisibilitySql, requireStaff } from './access.js'
import { ARTICLE_COLUMNS, articleView, type ArticleRow, type ArticleView } from './articles.service.js'
import { isUuid } from './text.js'

/** At most this many articles are cited at a time (by one reply, or one `citeArticles`). */
export const MAX_CITATIONS = 10

/**
 * A customer sees a citation when it was made in a public reply (or with `citeArticles`) and they may read the
 * article; one made only in an internal note is the team's business, as the note is.
 */
function citationVisibilitySql(viewer: Viewer): string {
  return viewer.kind === 'staff' ? 'TRUE' : `(c.customer_visible AND ${articleVisibilitySql(viewer)})`
}

/** The articles cited on many tickets (dataloader), in the order cited, each only when the viewer may see the citation. */
export async function citedArticlesOfTickets(ctx: RequestContext, ticketIds: readonly string[]): Promise<ArticleView[][]> {
  const rows: (ArticleRow & { ticket_id: string })[] = await ctx.db.query(
    `SELECT c.ticket_id, ${ARTICLE_COLUMNS}
       FROM ticket_article_citations c JOIN articles a ON a.id = c.article_id JOIN staff_users s ON s.id = a.author_id
      WHERE c.ticket_id = ANY($1::uuid[]) AND ${citationVisibilitySql(ctx.viewer)}
      ORDER BY c.ticket_id, c.cited_at, a.title, a.id`,
    [ticketIds],
  )
  return ticketIds.map((id) => rows.filter((row) => row.ticket_id === id).map(articleView))
}

/** One article cited on a ticket, as staff see it: who cited it, when, and whether the customer sees it. */
export interface CitationView {
  article: ArticleView
  citedAt: Date
  citedByName: string
  customerVisible: boolean
}

/** Every citation of many tickets (dataloader, staff), in the order cited. */
export async function citationsOfTickets(ctx: RequestContext, ticketIds: readonly string[]): Promise<CitationView[][]> {
  requireStaff(ctx.viewer, 'see who cited which article')
  const rows: (ArticleRow & { ticket_id: string; cited_at: Date; cited_by_name: string; customer_visible: boolean })[] = await ctx.db.query(
    `SELECT c.ticket_id, c.cited_at, c.customer_visible, cb.name AS cited_by_name, ${ARTICLE_COLUMNS}
       FROM ticket_article_citations c
       JOIN articles a ON a.id = c.article_id JOIN staff_users s ON s.id = a.author_id JOIN staff_users cb ON cb.id = c.cited_by
      WHERE c.ticket_id = ANY($1::uuid[])
      ORDER BY c.ticket_id, c.cited_at, a.title, a.id`,
    [ticketIds],
  )
  return ticketIds.map((id) =>
    rows
      .filter((row) => row.ticket_id === id)
      .map((row) => ({
        article: articleView(row),
        citedAt: new Date(row.cited_at),
        citedByName: row.cited_by_name,
        customerVisible: row.customer_visible && articleView(row).visibility !== 'INTERNAL',
      })),
  )
}

/**
 * A line on the ticket's timeline, written with the transaction's manager (kind ARTICLES_CITED). Internal
 * articles, and articles cited in an internal note, get a line of their own that customers never see.
 */
async function noteCitations(
  manager: EntityManager,
  ctx: RequestContext,
  ticketId: string,
  cited: { id: string; title: string }[],
  kind: 'PUBLIC' | 'INTERNAL_ARTICLES' | 'INTERNAL_NOTE',
): Promise<void> {
  if (cited.length === 0) return
  const { actorKind, actorId } = actorOf(ctx.viewer)
  const titles = cited.map((a) => `“${a.title}”`).join(', ')
  const noun = cited.length === 1 ? 'article' : 'articles'
  const summary = kind === 'PUBLIC' ? `Cited ${noun}: ${titles}` : kind === 'INTERNAL_ARTICLES' ? `Cited internal ${noun}: ${titles}` : `Cited in an internal note: ${titles}`
  await manager.query(
    `INSERT INTO ticket_events (ticket_id, at, actor_kind, actor_id, kind, summary, data, customer_visible) VALUES ($1, $2, $3, $4, 'ARTICLES_CITED', $5, $6, $7)`,
    [ticketId, ctx.now(), actorKind, actorId, summary, JSON.stringify({ articleIds: cited.map((a) => a.id) }), kind === 'PUBLIC'],
  )
}

interface CitedArticle {
  id: string
  title: string
  status: string
  visibility: string
}

/**
 * Records, inside the caller's transaction on a locked ticket, the articles a message pointed to. Each article is
 * cited once per ticket; citing it again changes nothing, except that a citation made only in an internal note
 * becomes visible to the customer once a public reply cites it. Only published articles can be cited (a customer
 * cannot open a draft), and a public reply cannot cite an INTERNAL article (the customer cannot open it either).
 * `field` names the input list in errors (`articleIds`, `citedArticleIds`). Returns whether anything changed.
 */
export async function recordCitations(
  manager: EntityManager,
  ctx: RequestContext,
  ticketId: string,
  articleIds: readonly string[],
  options: { field: string; messageId: string | null; visibility: 'PUBLIC' | 'INTERNAL' | 'ANY' },
): Promise<boolean> {
  const staff = requireStaff(ctx.viewer, 'cite articles on tickets')
  const ids = [...new Set(articleIds)]
  if (ids.length === 0) return false
  if (ids.length > MAX_CITATIONS) throw new ValidationError([{ field: options.field, message: `Cite at most ${MAX_CITATIONS} articles at a time.` }])
  const valid = ids.filter(isUuid)
  const articles: CitedArticle[] = valid.length ? await manager.query('SELECT id, title, status, visibility FROM articles WHERE id = ANY($1::uuid[])', [valid]) : []
  const index = (id: string) => articleIds.indexOf(id)
  for (const id of ids) {
    const article = articles.find((a) => a.id === id)
    if (!article) throw new ValidationError([{ field: `${options.field}.${index(id)}`, message: 'That article does not exist.' }])
    if (article.status !== 'PUBLISHED') throw new PolicyError(`Publish “${article.title}” before citing it: a customer cannot open a draft.`, 'RULE_VIOLATION')
    if (options.visibility === 'PUBLIC' && article.visibility === 'INTERNAL') {
      throw new ValidationError([
        {
          field: `${options.field}.${index(id)}`,
          message: `“${article.title}” is an internal article: the customer cannot open it. Remove its link from the reply, or send the text as an internal note.`,
        },
      ])
    }
  }
  // A citation the customer sees: from a public reply, or from citeArticles (which says nothing of a message).
  const visible = options.visibility !== 'INTERNAL'
  const changed: { article_id: string }[] = await manager.query(
    `INSERT INTO ticket_article_citations AS c (ticket_id, article_id, cited_by, cited_at, message_id, customer_visible)
     SELECT $1, id, $3, $4, $5, $6 FROM unnest($2::uuid[]) AS t(id)
     ON CONFLICT (ticket_id, article_id) DO UPDATE SET customer_visible = TRUE, message_id = COALESCE(EXCLUDED.message_id, c.message_id)
       WHERE EXCLUDED.customer_visible AND NOT c.customer_visible
     RETURNING c.article_id`,
    [ticketId, ids, staff.id, ctx.now(), options.messageId, visible],
  )
  const fresh = ids.filter((id) => changed.some((r) => r.article_id === id)).map((id) => articles.find((a) => a.id === id)!)
  if (visible) {
    await noteCitations(manager, ctx, ticketId, fresh.filter((a) => a.visibility !== 'INTERNAL'), 'PUBLIC')
    await noteCitations(manager, ctx, ticketId, fresh.filter((a) => a.visibility === 'INTERNAL'), 'INTERNAL_ARTICLES')
  } else {
    await noteCitations(manager, ctx, ticketId, fresh, 'INTERNAL_NOTE')
  }
  return fresh.length > 0
}

const CiteInput = z.object({
  ticketId: z.string(),
  articleIds: z.array(z.string()).min(1, 'Choose at least one article to cite.').max(MAX_CITATIONS, `Cite at most ${MAX_CITATIONS} articles at a time.`),
})

/**
 * An engineer records the articles a reply pointed to: each is cited once per ticket (citing it again changes
 * nothing), and the new citations are noted on the ticket's timeline. Only published articles can be cited:
 * a customer cannot open a draft. (A reply records its own citations with `replyToTicket(citedArticleIds)`.)
 */
export const citeArticles = service(async (ctx: RequestContext, input: z.input<typeof CiteInput>): Promise<TicketRow> => {
  requireStaff(ctx.viewer, 'cite articles on tickets')
  const data = parseInput(CiteInput, input)
  const ticket = await withTransaction(ctx, async (manager) => {
    const row = await lockTicket(manager, ctx, data.ticketId)
    const changed = await recordCitations(manager, ctx, row.id, data.articleIds, { field: 'articleIds', messageId: null, visibility: 'ANY' })
    return { row: await reloadTicket(manager, row.id), changed }
  })
  if (ticket.changed) publishTicketChanged({ ticketId: ticket.row.id, desk: ticket.row.desk, customerId: ticket.row.customer_id, reason: 'citation' })
  return ticket.row
})
