import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ConflictError, NotFoundError, PolicyError, ValidationError } from '../../errors.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import { articleVisibilitySql, issueVisibilitySql, requireStaff, type PublicationStatus } from './access.js'
import { ARTICLE_COLUMNS, articleView, type ArticleRow, type ArticleView } from './articles.service.js'
import { markdownToText } from './markdown.js'
import { cleanText, isUniqueViolation, isUuid, markdownText } from './text.js'

/** A monthly newsletter issue. */
export interface NewsletterIssueView {
  id: string
  /** `2026-11` */
  month: string
  title: string
  /** Markdown. */
  intro: string
  status: PublicationStatus
  createdAt: Date
  updatedAt: Date
  publishedAt: Date | null
  version: number
}

interface IssueRow {
  id: string
  month: string
  title: string
  intro: string
  status: PublicationStatus
  created_at: Date
  updated_at: Date
  published_at: Date | null
  version: number
}

const SELECT_ISSUE = `SELECT n.id, n.month, n.title, n.intro, n.status, n.created_at, n.updated_at, n.published_at, n.version FROM newsletter_issues n`

function issueView(row: IssueRow): NewsletterIssueView {
  return {
    id: row.id,
    month: row.month,
    title: row.title,
    intro: row.intro,
    status: row.status,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    version: Number(row.version),
  }
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/

/** Issues by id for a dataloader; a draft is answered as nonexistent to anyone but staff. */
export async function loadIssues(ctx: RequestContext, ids: readonly string[]): Promise<(NewsletterIssueView | NotFoundError)[]> {
  const wanted = ids.filter(isUuid)
  const rows: IssueRow[] = wanted.length ? await ctx.db.query(`${SELECT_ISSUE} WHERE n.id = ANY($1::uuid[]) AND ${issueVisibilitySql(ctx.viewer)}`, [wanted]) : []
  const byId = new Map(rows.map((row) => [row.id, issueView(row)]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That newsletter issue'))
}

export async function issueByMonth(ctx: RequestContext, month: string): Promise<NewsletterIssueView | null> {
  const wanted = month.trim()
  if (!MONTH_PATTERN.test(wanted)) return null
  const [row]: IssueRow[] = await ctx.db.query(`${SELECT_ISSUE} WHERE n.month = $1 AND ${issueVisibilitySql(ctx.viewer)}`, [wanted])
  return row ? issueView(row) : null
}

/** The newsletter archive, newest month first, a keyset page at a time. */
export async function listIssues(ctx: RequestContext, args: PageArgs): Promise<Connection<NewsletterIssueView>> {
  const page = pageRequest({ first: args.first, after: args.after })
  const params: unknown[] = []
  const param = (value: unknown) => `$${params.push(value)}`
  const where = [issueVisibilitySql(ctx.viewer)]
  if (page.after) {
    const [month] = decodeCursor(page.after, 1)
    where.push(`n.month < ${param(String(month))}`)
  }
  const rows: IssueRow[] = await ctx.db.query(`${SELECT_ISSUE} WHERE ${where.join(' AND ')} ORDER BY n.month DESC LIMIT ${param(page.limit + 1)}`, params)
  return toConnection(rows.map(issueView), page, (issue) => encodeCursor([issue.month]))
}

/** The articles of many issues (dataloader), in the issue's order, each only when the viewer may read it. */
export async function articlesOfIssues(ctx: RequestContext, issueIds: readonly string[]): Promise<ArticleView[][]> {
  const rows: (ArticleRow & { issue_id: string })[] = await ctx.db.query(
    `SELECT x.issue_id, ${ARTICLE_COLUMNS}
       FROM newsletter_issue_articles x JOIN articles a ON a.id = x.article_id JOIN staff_users s ON s.id = a.author_id
      WHERE x.issue_id = ANY($1::uuid[]) AND ${articleVisibilitySql(ctx.viewer)}
      ORDER BY x.issue_id, x.position`,
    [issueIds],
  )
  return issueIds.map((id) => rows.filter((row) => row.issue_id === id).map(articleView))
}

const Month = z.string().trim().regex(MONTH_PATTERN, 'Write the month as YYYY-MM, e.g. 2026-11.')
const Title = cleanText(1, 200, { empty: 'Enter a title for the issue.', long: 'Use at most 200 characters for the title.' })
const Intro = markdownText(20_000, 'Keep the introduction to 20,000 characters.')
const ArticleIds = z.array(z.string()).max(30, 'An issue holds at most 30 articles.')

/** Checks the chosen articles exist and may go to customers (not INTERNAL); no article twice. */
async function checkIssueArticles(manager: EntityManager, articleIds: string[]): Promise<{ id: string; title: string; status: PublicationStatus }[]> {
  if (new Set(articleIds).size !== articleIds.length) {
    throw new ValidationError([{ field: 'articleIds', message: 'Each article can appear only once in an issue.' }])
  }
  const valid = articleIds.filter(isUuid)
  const rows: { id: string; title: string; status: PublicationStatus; visibility: string }[] = valid.length
    ? await manager.query('SELECT id, title, status, visibility FROM articles WHERE id = ANY($1::uuid[])', [valid])
    : []
  return articleIds.map((id, i) => {
    const row = rows.find((r) => r.id === id)
    if (!row) throw new ValidationError([{ field: `articleIds.${i}`, message: 'That article does not exist.' }])
    if (row.visibility === 'INTERNAL') {
      throw new ValidationError([{ field: `articleIds.${i}`, message: `“${row.title}” is an internal article; the newsletter goes to customers.` }])
    }
    return row
  })
}

async function writeIssueArticles(manager: EntityManager, issueId: string, articleIds: string[]): Promise<void> {
  await manager.query('DELETE FROM newsletter_issue_articles WHERE issue_id = $1', [issueId])
  if (articleIds.length) {
    await manager.query(
      `INSERT INTO newsletter_issue_articles (issue_id, article_id, position)
       SELECT $1, id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
      [issueId, articleIds],
    )
  }
}

async function issueInTransaction(manager: EntityManager, id: string): Promise<NewsletterIssueView> {
  const [row]: IssueRow[] = await manager.query(`${SELECT_ISSUE} WHERE n.id = $1`, [id])
  if (!row) throw new NotFoundError('That newsletter issue')
  return issueView(row)
}

async function articleIdsOf(manager: EntityManager, issueId: string): Promise<string[]> {
  const rows: { article_id: string }[] = await manager.query('SELECT article_id FROM newsletter_issue_articles WHERE issue_id = $1 ORDER BY position', [issueId])
  return rows.map((row) => row.article_id)
}

const snapshot = (issue: NewsletterIssueView, articleIds: string[]) => ({ month: issue.month, title: issue.title, status: issue.status, articleIds })

const CreateIssueInput = z.object({ month: Month, title: Title, intro: Intro.nullish(), articleIds: ArticleIds.nullish() })

/** A draft issue for a month (one issue a month), with its articles in order. Staff only, audited. */
export const createNewsletterIssue = service(async (ctx: RequestContext, input: z.input<typeof CreateIssueInput>): Promise<NewsletterIssueView> => {
  const staff = requireStaff(ctx.viewer, 'write newsletter issues')
  const data = parseInput(CreateIssueInput, input)
  const articleIds = data.articleIds ?? []
  const intro = data.intro ?? ''
  return withTransaction(ctx, async (manager) => {
    const [existing]: { id: string }[] = await manager.query('SELECT id FROM newsletter_issues WHERE month = $1', [data.month])
    if (existing) throw new ValidationError([{ field: 'month', message: `There is already an issue for ${data.month}; edit that one instead.` }])
    await checkIssueArticles(manager, articleIds)
    const now = ctx.now()
    const [inserted]: { id: string }[] = await manager
      .query(
        `INSERT INTO newsletter_issues (month, title, intro, intro_text, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'DRAFT', $5, $6, $6) RETURNING id`,
        [data.month, data.title, intro, markdownToText(intro), staff.id, now],
      )
      .catch((error) => {
        if (isUniqueViolation(error)) throw new ValidationError([{ field: 'month', message: `There is already an issue for ${data.month}; edit that one instead.` }])
        throw error
      })
    await writeIssueArticles(manager, inserted!.id, articleIds)
    const issue = await issueInTransaction(manager, inserted!.id)
    await recordAudit(manager, ctx, { action: 'newsletter_issue.created', entityType: 'NewsletterIssue', entityId: issue.id, customerId: null, after: snapshot(issue, articleIds) })
    return issue
  })
})

async function claimIssue(manager: EntityManager, id: string, expectedVersion: number): Promise<NewsletterIssueView> {
  if (!isUuid(id)) throw new NotFoundError('That newsletter issue')
  const [locked]: { version: number }[] = await manager.query('SELECT version FROM newsletter_issues WHERE id = $1 FOR UPDATE', [id])
  if (!locked) throw new NotFoundError('That newsletter issue')
  if (Number(locked.version) !== expectedVersion) throw new ConflictError()
  return issueInTransaction(manager, id)
}

const UpdateIssueInput = z.object({
  id: z.string(),
  expectedVersion: z.number().int(),
  title: Title.nullish(),
  intro: Intro.nullish(),
  articleIds: ArticleIds.nullish(),
})

/** Changes an issue's title, introduction or articles (the list given replaces the old one, in its order). */
export const updateNewsletterIssue = service(async (ctx: RequestContext, input: z.input<typeof UpdateIssueInput>): Promise<NewsletterIssueView> => {
  requireStaff(ctx.viewer, 'write newsletter issues')
  const data = parseInput(UpdateIssueInput, input)
  return withTransaction(ctx, async (manager) => {
    const current = await claimIssue(manager, data.id, data.expectedVersion)
    const before = await articleIdsOf(manager, current.id)
    const articleIds = data.articleIds ?? before
    const articles = await checkIssueArticles(manager, articleIds)
    if (current.status === 'PUBLISHED') checkAllPublished(articles)
    const intro = data.intro ?? current.intro
    await manager.query(
      `UPDATE newsletter_issues SET title = $2, intro = $3, intro_text = $4, updated_at = $5, version = version + 1 WHERE id = $1`,
      [current.id, data.title ?? current.title, intro, markdownToText(intro), ctx.now()],
    )
    if (data.articleIds) await writeIssueArticles(manager, current.id, articleIds)
    const issue = await issueInTransaction(manager, current.id)
    await recordAudit(manager, ctx, {
      action: 'newsletter_issue.updated',
      entityType: 'NewsletterIssue',
      entityId: issue.id,
      customerId: null,
      before: snapshot(current, before),
      after: snapshot(issue, articleIds),
    })
    return issue
  })
})

function checkAllPublished(articles: { title: string; status: PublicationStatus }[]): void {
  const drafts = articles.filter((a) => a.status !== 'PUBLISHED').map((a) => `“${a.title}”`)
  if (drafts.length) {
    throw new PolicyError(`Publish ${drafts.join(', ')} first: readers of a published issue cannot open a draft.`, 'RULE_VIOLATION')
  }
}

const StatusInput = z.object({ id: z.string(), expectedVersion: z.number().int() })

async function setIssueStatus(ctx: RequestContext, input: z.input<typeof StatusInput>, status: PublicationStatus): Promise<NewsletterIssueView> {
  requireStaff(ctx.viewer, 'publish newsletter issues')
  const data = parseInput(StatusInput, input)
  return withTransaction(ctx, async (manager) => {
    const current = await claimIssue(manager, data.id, data.expectedVersion)
    if (current.status === status) {
      throw new PolicyError(status === 'PUBLISHED' ? 'This issue is already published.' : 'This issue is already a draft.', 'INVALID_TRANSITION')
    }
    const articleIds = await articleIdsOf(manager, current.id)
    if (status === 'PUBLISHED') checkAllPublished(await checkIssueArticles(manager, articleIds))
    const now = ctx.now()
    await manager.query(
      `UPDATE newsletter_issues SET status = $2, published_at = CASE WHEN $2 = 'PUBLISHED' THEN $3::timestamptz ELSE published_at END,
              updated_at = $3, version = version + 1 WHERE id = $1`,
      [current.id, status, now],
    )
    const issue = await issueInTransaction(manager, current.id)
    await recordAudit(manager, ctx, {
      action: status === 'PUBLISHED' ? 'newsletter_issue.published' : 'newsletter_issue.unpublished',
      entityType: 'NewsletterIssue',
      entityId: issue.id,
      customerId: null,
      before: snapshot(current, articleIds),
      after: snapshot(issue, articleIds),
    })
    return issue
  })
}

/** Publishes an issue to the archive (every article in it must be published). */
export const publishNewsletterIssue = service((ctx: RequestContext, input: z.input<typeof StatusInput>) => setIssueStatus(ctx, input, 'PUBLISHED'))

/** Takes an issue back to draft. */
export const unpublishNewsletterIssue = service((ctx: RequestContext, input: z.input<typeof StatusInput>) => setIssueStatus(ctx, input, 'DRAFT'))
