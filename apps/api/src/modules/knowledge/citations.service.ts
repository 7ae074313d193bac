import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { actorOf, withTransaction, type RequestContext } from '../../context.js'
import { service } from '../../domain-errors.js'
import { PolicyError, ValidationError } from '../../errors.js'
import { parseInput } from '../../validation.js'
import { publishTicketChanged } from '../tickets/pubsub.js'
import type { TicketRow } from '../tickets/ticket.record.js'
import { lockTicket, reloadTicket } from '../tickets/tickets.queries.js'
import { articleVisibilitySql, requireStaff } from './access.js'
import { ARTICLE_COLUMNS, articleView, type ArticleRow, type ArticleView } from './articles.service.js'
import { isUuid } from './text.js'

/** The articles cited on many tickets (dataloader), in the order cited, each only when the viewer may read it. */
export async function citedArticlesOfTickets(ctx: RequestContext, ticketIds: readonly string[]): Promise<ArticleView[][]> {
  const rows: (ArticleRow & { ticket_id: string })[] = await ctx.db.query(
    `SELECT c.ticket_id, ${ARTICLE_COLUMNS}
       FROM ticket_article_citations c JOIN articles a ON a.id = c.article_id JOIN staff_users s ON s.id = a.author_id
      WHERE c.ticket_id = ANY($1::uuid[]) AND ${articleVisibilitySql(ctx.viewer)}
      ORDER BY c.ticket_id, c.cited_at, a.title, a.id`,
    [ticketIds],
  )
  return ticketIds.map((id) => rows.filter((row) => row.ticket_id === id).map(articleView))
}

/**
 * A line on the ticket's timeline, written with the transaction's manager (kind ARTICLES_CITED). Internal
 * articles get a line of their own that customers never see, so their titles cannot leak.
 */
async function noteCitations(manager: EntityManager, ctx: RequestContext, ticketId: string, cited: { id: string; title: string }[], customerVisible: boolean): Promise<void> {
  if (cited.length === 0) return
  const { actorKind, actorId } = actorOf(ctx.viewer)
  const titles = cited.map((a) => `“${a.title}”`).join(', ')
  const summary = `${customerVisible ? 'Cited' : 'Cited internal'} ${cited.length === 1 ? 'article' : 'articles'}: ${titles}`
  await manager.query(
    `INSERT INTO ticket_events (ticket_id, at, actor_kind, actor_id, kind, summary, data, customer_visible) VALUES ($1, $2, $3, $4, 'ARTICLES_CITED', $5, $6, $7)`,
    [ticketId, ctx.now(), actorKind, actorId, summary, JSON.stringify({ articleIds: cited.map((a) => a.id) }), customerVisible],
  )
}

const CiteInput = z.object({
  ticketId: z.string(),
  articleIds: z.array(z.string()).min(1, 'Choose at least one article to cite.').max(10, 'Cite at most 10 articles at a time.'),
})

/**
 * An engineer records the articles a reply pointed to: each is cited once per ticket (citing it again changes
 * nothing), and the new citations are noted on the ticket's timeline. Only published articles can be cited:
 * a customer cannot open a draft.
 */
export const citeArticles = service(async (ctx: RequestContext, input: z.input<typeof CiteInput>): Promise<TicketRow> => {
  const staff = requireStaff(ctx.viewer, 'cite articles on tickets')
  const data = parseInput(CiteInput, input)
  const ticket = await withTransaction(ctx, async (manager) => {
    const row = await lockTicket(manager, ctx, data.ticketId)
    const ids = [...new Set(data.articleIds)]
    const valid = ids.filter(isUuid)
    const articles: { id: string; title: string; status: string; visibility: string }[] = valid.length
      ? await manager.query('SELECT id, title, status, visibility FROM articles WHERE id = ANY($1::uuid[])', [valid])
      : []
    ids.forEach((id, i) => {
      const article = articles.find((a) => a.id === id)
      if (!article) throw new ValidationError([{ field: `articleIds.${i}`, message: 'That article does not exist.' }])
      if (article.status !== 'PUBLISHED') throw new PolicyError(`Publish “${article.title}” before citing it: a customer cannot open a draft.`, 'RULE_VIOLATION')
    })
    const inserted: { article_id: string }[] = await manager.query(
      `INSERT INTO ticket_article_citations (ticket_id, article_id, cited_by, cited_at)
       SELECT $1, id, $3, $4 FROM unnest($2::uuid[]) AS t(id)
       ON CONFLICT (ticket_id, article_id) DO NOTHING
       RETURNING article_id`,
      [row.id, ids, staff.id, ctx.now()],
    )
    const fresh = ids.filter((id) => inserted.some((r) => r.article_id === id)).map((id) => articles.find((a) => a.id === id)!)
    await noteCitations(manager, ctx, row.id, fresh.filter((a) => a.visibility !== 'INTERNAL'), true)
    await noteCitations(manager, ctx, row.id, fresh.filter((a) => a.visibility === 'INTERNAL'), false)
    return { row: await reloadTicket(manager, row.id), changed: fresh.length > 0 }
  })
  if (ticket.changed) publishTicketChanged({ ticketId: ticket.row.id, desk: ticket.row.desk, customerId: ticket.row.customer_id, reason: 'citation' })
  return ticket.row
})

