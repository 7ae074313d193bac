import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { withTransaction, type RequestContext } from '../../context.js'
import { service } from '../../domain-errors.js'
import { ConflictError, NotFoundError, PolicyError, ValidationError } from '../../errors.js'
import { decodeCursor, encodeCursor, pageRequest, toConnection, type Connection, type PageArgs } from '../../pagination.js'
import { parseInput } from '../../validation.js'
import { recordAudit } from '../audit/audit.js'
import {
  ARTICLE_VISIBILITIES,
  articleVisibilitySql,
  requireStaff,
  type ArticleVisibility,
  type PublicationStatus,
} from './access.js'
import { markdownToText, renderMarkdown } from './markdown.js'
import { normalizeSearchText } from './search.service.js'
import { cleanText, isUniqueViolation, isUuid, markdownText, SLUG_PATTERN, slugify } from './text.js'

/** An article as the API works with it. */
export interface ArticleView {
  id: string
  slug: string
  title: string
  /** Markdown as written. */
  body: string
  tags: string[]
  visibility: ArticleVisibility
  status: PublicationStatus
  /** The number of the current revision (1 for a new article; every save adds one). */
  revision: number
  authorId: string
  authorName: string
  updatedById: string
  createdAt: Date
  updatedAt: Date
  publishedAt: Date | null
  /** Optimistic concurrency: send it back with a change. */
  version: number
}

export interface ArticleRow {
  id: string
  slug: string
  title: string
  body: string
  tags: string[]
  visibility: ArticleVisibility
  status: PublicationStatus
  revision: number
  author_id: string
  author_name: string
  updated_by: string
  created_at: Date
  updated_at: Date
  published_at: Date | null
  version: number
}

/** The columns of an ArticleRow, from `articles a` joined with its author `staff_users s`. */
export const ARTICLE_COLUMNS = `a.id, a.slug, a.title, a.body, a.tags, a.visibility, a.status, a.revision, a.author_id, s.name AS author_name,
         a.updated_by, a.created_at, a.updated_at, a.published_at, a.version`

export const SELECT_ARTICLE = `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN staff_users s ON s.id = a.author_id`

export function articleView(row: ArticleRow): ArticleView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    body: row.body,
    tags: row.tags ?? [],
    visibility: row.visibility,
    status: row.status,
    revision: Number(row.revision),
    authorId: row.author_id,
    authorName: row.author_name,
    updatedById: row.updated_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    version: Number(row.version),
  }
}

/**
 * Articles by id for a dataloader: one statement. An article the viewer may not read (a draft, or INTERNAL for
 * a contact) is answered exactly as one that does not exist.
 */
export async function loadArticles(ctx: RequestContext, ids: readonly string[]): Promise<(ArticleView | NotFoundError)[]> {
  const wanted = ids.filter(isUuid)
  const rows: ArticleRow[] = wanted.length
    ? await ctx.db.query(`${SELECT_ARTICLE} WHERE a.id = ANY($1::uuid[]) AND ${articleVisibilitySql(ctx.viewer)}`, [wanted])
    : []
  const byId = new Map(rows.map((row) => [row.id, articleView(row)]))
  return ids.map((id) => byId.get(id) ?? new NotFoundError('That article'))
}

/** One readable article by its slug, or null. */
export async function articleBySlug(ctx: RequestContext, slug: string): Promise<ArticleView | null> {
  const wanted = slug.trim().toLowerCase()
  if (!SLUG_PATTERN.test(wanted) || wanted.length > 100) return null
  const [row]: ArticleRow[] = await ctx.db.query(`${SELECT_ARTICLE} WHERE a.slug = $1 AND ${articleVisibilitySql(ctx.viewer)}`, [wanted])
  return row ? articleView(row) : null
}

export interface ArticleFilter extends PageArgs {
  /** Words of the title or text (full-text, stemmed), or a part of the title. */
  search?: string | null
  tag?: string | null
  visibility?: ArticleVisibility | null
  status?: PublicationStatus | null
}

/** Readable articles, most recently changed first, a keyset page at a time. */
export async function listArticles(ctx: RequestContext, filter: ArticleFilter): Promise<Connection<ArticleView>> {
  const page = pageRequest({ first: filter.first, after: filter.after })
  const params: unknown[] = []
  const param = (value: unknown) => `$${params.push(value)}`
  const where = [articleVisibilitySql(ctx.viewer)]
  const search = normalizeSearchText(filter.search)
  if (search) {
    // Whole words anywhere (stemmed, through the GIN index), or any part of the title while it is being typed.
    const text = param(search)
    where.push(`(a.search @@ websearch_to_tsquery('english', ${text}) OR a.title ILIKE ${param(`%${escapeLike(search)}%`)})`)
  }
  const tag = filter.tag?.trim().toLowerCase()
  if (tag) where.push(`a.tags @> ARRAY[${param(tag)}]::text[]`)
  if (filter.visibility) where.push(`a.visibility = ${param(filter.visibility)}`)
  if (filter.status) where.push(`a.status = ${param(filter.status)}`)
  if (page.after) {
    const [at, id] = decodeCursor(page.after, 2)
    where.push(`(a.updated_at, a.id) < (${param(String(at))}::timestamptz, ${param(String(id))}::uuid)`)
  }
  const rows: ArticleRow[] = await ctx.db.query(
    `${SELECT_ARTICLE} WHERE ${where.join(' AND ')} ORDER BY a.updated_at DESC, a.id DESC LIMIT ${param(page.limit + 1)}`,
    params,
  )
  return toConnection(rows.map(articleView), page, (a) => encodeCursor([a.updatedAt.toISOString(), a.id]))
}

/** `%` and `_` typed by a person are matched as themselves in ILIKE. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export interface ArticleTagCount {
  name: string
  count: number
}

/** The tags of the articles a viewer may read, most used first (at most 100). */
export async function articleTags(ctx: RequestContext): Promise<ArticleTagCount[]> {
  const rows: { name: string; count: string }[] = await ctx.db.query(
    `SELECT t.name, count(*) AS count FROM articles a CROSS JOIN LATERAL unnest(a.tags) AS t(name)
      WHERE ${articleVisibilitySql(ctx.viewer)} GROUP BY t.name ORDER BY count(*) DESC, t.name LIMIT 100`,
  )
  return rows.map((row) => ({ name: row.name, count: Number(row.count) }))
}

export interface RevisionView {
  articleId: string
  revision: number
  title: string
  slug: string
  body: string
  tags: string[]
  visibility: ArticleVisibility
  savedById: string
  savedByName: string
  savedAt: Date
}

/** An article's saved versions, newest first (staff only: drafts and old wording are internal). */
export async function listRevisions(ctx: RequestContext, articleId: string, args: PageArgs): Promise<Connection<RevisionView>> {
  requireStaff(ctx.viewer, 'see the revisions of an article')
  const page = pageRequest({ first: args.first, after: args.after })
  const params: unknown[] = [articleId]
  let where = 'r.article_id = $1'
  if (page.after) {
    const [revision] = decodeCursor(page.after, 1)
    params.push(Number(revision))
    where += ` AND r.revision < $${params.length}`
  }
  params.push(page.limit + 1)
  const rows: any[] = await ctx.db.query(
    `SELECT r.article_id, r.revision, r.title, r.slug, r.body, r.tags, r.visibility, r.saved_by, s.name AS saved_by_name, r.saved_at
       FROM article_revisions r JOIN staff_users s ON s.id = r.saved_by
      WHERE ${where} ORDER BY r.revision DESC LIMIT $${params.length}`,
    params,
  )
  const views: RevisionView[] = rows.map((row) => ({
    articleId: row.article_id,
    revision: Number(row.revision),
    title: row.title,
    slug: row.slug,
    body: row.body,
    tags: row.tags ?? [],
    visibility: row.visibility,
    savedById: row.saved_by,
    savedByName: row.saved_by_name,
    savedAt: new Date(row.saved_at),
  }))
  return toConnection(views, page, (r) => encodeCursor([r.revision]))
}

const Title = cleanText(1, 200, { empty: 'Enter a title.', long: 'Use at most 200 characters for the title.' })
const Body = markdownText(100_000, 'Keep an article to 100,000 characters.')
const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .max(100, 'Use at most 100 characters for the slug.')
  .regex(SLUG_PATTERN, 'Use lowercase letters, digits and single hyphens for the slug, e.g. installing-labels.')
const Tags = z
  .array(cleanText(1, 40, { empty: 'A tag cannot be empty.', long: 'Keep each tag to 40 characters.' }).transform((tag) => tag.toLowerCase()))
  .max(20, 'Use at most 20 tags.')
  .transform((tags) => [...new Set(tags)])
const Visibility = z.enum(ARTICLE_VISIBILITIES, { message: 'Choose who may read it: PUBLIC, CUSTOMERS or INTERNAL.' })

const PreviewInput = z.object({ markdown: Body })

/**
 * Markdown rendered exactly as readers will see it (the same renderer and sanitizer as `Article.html`), for the
 * editor's live preview. Staff only; nothing is saved.
 */
export const previewMarkdown = service(async (ctx: RequestContext, markdown: string): Promise<string> => {
  requireStaff(ctx.viewer, 'preview articles')
  const data = parseInput(PreviewInput, { markdown })
  return renderMarkdown(data.markdown)
})

const CreateArticleInput = z.object({
  title: Title,
  slug: Slug.nullish(),
  body: Body,
  tags: Tags.nullish(),
  visibility: Visibility,
  publish: z.boolean().nullish(),
})

/** What an audit row keeps of an article (the body is in its revisions). */
function snapshot(a: { title: string; slug: string; tags: string[]; visibility: string; status: string; revision: number }) {
  return { title: a.title, slug: a.slug, tags: a.tags, visibility: a.visibility, status: a.status, revision: a.revision }
}

async function articleInTransaction(manager: EntityManager, id: string): Promise<ArticleView> {
  const [row]: ArticleRow[] = await manager.query(`${SELECT_ARTICLE} WHERE a.id = $1`, [id])
  if (!row) throw new NotFoundError('That article')
  return articleView(row)
}

/** A free slug: the one asked for must be free; one made from the title gets -2, -3, ... when taken. */
async function chooseSlug(manager: EntityManager, wanted: string | null | undefined, title: string, articleId: string | null): Promise<string> {
  if (wanted) {
    const [taken]: { id: string }[] = await manager.query('SELECT id FROM articles WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid', [wanted, articleId])
    if (taken) throw new ValidationError([{ field: 'slug', message: `Another article already uses the slug “${wanted}”; choose another.` }])
    return wanted
  }
  const base = slugify(title)
  const rows: { slug: string }[] = await manager.query(
    `SELECT slug FROM articles WHERE (slug = $1 OR slug ~ ('^' || $1 || '-[0-9]+$')) AND id IS DISTINCT FROM $2::uuid`,
    [base, articleId],
  )
  const taken = new Set(rows.map((row) => row.slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

async function insertRevision(manager: EntityManager, ctx: RequestContext, article: ArticleView): Promise<void> {
  await manager.query(
    `INSERT INTO article_revisions (article_id, revision, title, slug, body, tags, visibility, saved_by, saved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [article.id, article.revision, article.title, article.slug, article.body, article.tags, article.visibility, article.updatedById, ctx.now()],
  )
}

function slugTaken(error: unknown, slug: string): never {
  if (isUniqueViolation(error)) throw new ValidationError([{ field: 'slug', message: `Another article already uses the slug “${slug}”; choose another.` }])
  throw error
}

/** A new article (a draft unless `publish`), revision 1, audited. Staff only. */
export const createArticle = service(async (ctx: RequestContext, input: z.input<typeof CreateArticleInput>): Promise<ArticleView> => {
  const staff = requireStaff(ctx.viewer, 'write articles')
  const data = parseInput(CreateArticleInput, input)
  return withTransaction(ctx, async (manager) => {
    const slug = await chooseSlug(manager, data.slug, data.title, null)
    const now = ctx.now()
    const status: PublicationStatus = data.publish ? 'PUBLISHED' : 'DRAFT'
    const [inserted]: { id: string }[] = await manager
      .query(
        `INSERT INTO articles (slug, title, body, body_text, tags, visibility, status, revision, author_id, updated_by, created_at, updated_at, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8, $9, $9, $10) RETURNING id`,
        [slug, data.title, data.body, markdownToText(data.body), data.tags ?? [], data.visibility, status, staff.id, now, status === 'PUBLISHED' ? now : null],
      )
      .catch((error) => slugTaken(error, slug))
    const article = await articleInTransaction(manager, inserted!.id)
    await insertRevision(manager, ctx, article)
    await recordAudit(manager, ctx, { action: 'article.created', entityType: 'Article', entityId: article.id, customerId: null, after: snapshot(article) })
    return article
  })
})

/** Locks an article for a change based on `expectedVersion`; a stale version is a CONFLICT. */
async function claimArticle(manager: EntityManager, id: string, expectedVersion: number): Promise<ArticleView> {
  if (!isUuid(id)) throw new NotFoundError('That article')
  const [locked]: { version: number }[] = await manager.query('SELECT version FROM articles WHERE id = $1 FOR UPDATE', [id])
  if (!locked) throw new NotFoundError('That article')
  if (Number(locked.version) !== expectedVersion) throw new ConflictError()
  return articleInTransaction(manager, id)
}

const UpdateArticleInput = z.object({
  id: z.string(),
  expectedVersion: z.number().int(),
  title: Title.nullish(),
  slug: Slug.nullish(),
  body: Body.nullish(),
  tags: Tags.nullish(),
  visibility: Visibility.nullish(),
})

interface ArticleContent {
  title: string
  slug: string
  body: string
  tags: string[]
  visibility: ArticleVisibility
}

/** Writes new content as the next revision; the previous revisions stay as they were. */
async function saveContent(manager: EntityManager, ctx: RequestContext, current: ArticleView, next: ArticleContent, action: string, reason?: string): Promise<ArticleView> {
  const staff = requireStaff(ctx.viewer, 'write articles')
  const unchanged =
    next.title === current.title &&
    next.slug === current.slug &&
    next.body === current.body &&
    next.visibility === current.visibility &&
    next.tags.join('\u0000') === current.tags.join('\u0000')
  if (unchanged) return current
  await manager
    .query(
      `UPDATE articles SET title = $2, slug = $3, body = $4, body_text = $5, tags = $6, visibility = $7,
              revision = revision + 1, updated_by = $8, updated_at = $9, version = version + 1
        WHERE id = $1`,
      [current.id, next.title, next.slug, next.body, markdownToText(next.body), next.tags, next.visibility, staff.id, ctx.now()],
    )
    .catch((error) => slugTaken(error, next.slug))
  const saved = await articleInTransaction(manager, current.id)
  await insertRevision(manager, ctx, saved)
  await recordAudit(manager, ctx, {
    action,
    entityType: 'Article',
    entityId: saved.id,
    customerId: null,
    before: snapshot(current),
    after: snapshot(saved),
    reason: reason ?? null,
  })
  return saved
}

/**
 * Changes an article's title, slug, body, tags or visibility. Every save keeps the previous version as a
 * revision; a save that changes nothing adds none. A stale expectedVersion is refused as a CONFLICT.
 */
export const updateArticle = service(async (ctx: RequestContext, input: z.input<typeof UpdateArticleInput>): Promise<ArticleView> => {
  requireStaff(ctx.viewer, 'write articles')
  const data = parseInput(UpdateArticleInput, input)
  return withTransaction(ctx, async (manager) => {
    const current = await claimArticle(manager, data.id, data.expectedVersion)
    const title = data.title ?? current.title
    const slug = data.slug != null && data.slug !== current.slug ? await chooseSlug(manager, data.slug, title, current.id) : current.slug
    return saveContent(manager, ctx, current, {
      title,
      slug,
      body: data.body ?? current.body,
      tags: data.tags ?? current.tags,
      visibility: data.visibility ?? current.visibility,
    }, 'article.updated')
  })
})

const RestoreInput = z.object({ id: z.string(), expectedVersion: z.number().int(), revision: z.number().int().min(1, 'Choose a revision number from 1.') })

/** Saves an earlier revision's content (not its slug) as the newest revision; history is never rewritten. */
export const restoreArticleRevision = service(async (ctx: RequestContext, input: z.input<typeof RestoreInput>): Promise<ArticleView> => {
  requireStaff(ctx.viewer, 'write articles')
  const data = parseInput(RestoreInput, input)
  return withTransaction(ctx, async (manager) => {
    const current = await claimArticle(manager, data.id, data.expectedVersion)
    const [old]: { title: string; slug: string; body: string; tags: string[]; visibility: ArticleVisibility }[] = await manager.query(
      'SELECT title, slug, body, tags, visibility FROM article_revisions WHERE article_id = $1 AND revision = $2',
      [current.id, data.revision],
    )
    if (!old) throw new ValidationError([{ field: 'revision', message: `This article has no revision ${data.revision}; it has 1 to ${current.revision}.` }])
    // The slug stays as it is now, so links to the article keep working.
    return saveContent(manager, ctx, current, { ...old, slug: current.slug }, 'article.restored', `Restored revision ${data.revision}`)
  })
})

const PublishInput = z.object({ id: z.string(), expectedVersion: z.number().int() })

async function setStatus(ctx: RequestContext, input: z.input<typeof PublishInput>, status: PublicationStatus): Promise<ArticleView> {
  const staff = requireStaff(ctx.viewer, status === 'PUBLISHED' ? 'publish articles' : 'unpublish articles')
  const data = parseInput(PublishInput, input)
  return withTransaction(ctx, async (manager) => {
    const current = await claimArticle(manager, data.id, data.expectedVersion)
    if (current.status === status) {
      throw new PolicyError(status === 'PUBLISHED' ? 'This article is already published.' : 'This article is already a draft.', 'INVALID_TRANSITION')
    }
    const now = ctx.now()
    await manager.query(
      `UPDATE articles SET status = $2, published_at = CASE WHEN $2 = 'PUBLISHED' THEN $3::timestamptz ELSE published_at END,
              updated_by = $4, updated_at = $3, version = version + 1 WHERE id = $1`,
      [current.id, status, now, staff.id],
    )
    const saved = await articleInTransaction(manager, current.id)
    await recordAudit(manager, ctx, {
      action: status === 'PUBLISHED' ? 'article.published' : 'article.unpublished',
      entityType: 'Article',
      entityId: saved.id,
      customerId: null,
      before: snapshot(current),
      after: snapshot(saved),
    })
    return saved
  })
}

/** Makes an article readable by its visibility's audience. */
export const publishArticle = service((ctx: RequestContext, input: z.input<typeof PublishInput>) => setStatus(ctx, input, 'PUBLISHED'))

/** Takes an article back to draft: only staff can read it then. */
export const unpublishArticle = service((ctx: RequestContext, input: z.input<typeof PublishInput>) => setStatus(ctx, input, 'DRAFT'))

