import type { Viewer } from '../../context.js'
import { ForbiddenError } from '../../errors.js'

export const ARTICLE_VISIBILITIES = ['PUBLIC', 'CUSTOMERS', 'INTERNAL'] as const
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number]

export const PUBLICATION_STATUSES = ['DRAFT', 'PUBLISHED'] as const
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number]

/**
 * How far a viewer reaches into the knowledge base: a visitor reads published PUBLIC articles; a contact (and
 * an integrator's token) published PUBLIC and CUSTOMERS ones; staff everything, drafts and INTERNAL included.
 */
export type KnowledgeReach = 'PUBLIC' | 'CUSTOMERS' | 'STAFF'

export function reachOf(viewer: Viewer): KnowledgeReach {
  switch (viewer.kind) {
    case 'staff':
      return 'STAFF'
    case 'contact':
    case 'token':
      return 'CUSTOMERS'
    default:
      return 'PUBLIC'
  }
}

/** The visibilities a reach may read (of published articles; staff also read drafts). */
export function visibilitiesFor(reach: KnowledgeReach): readonly ArticleVisibility[] {
  return reach === 'STAFF' ? ARTICLE_VISIBILITIES : reach === 'CUSTOMERS' ? ['PUBLIC', 'CUSTOMERS'] : ['PUBLIC']
}

/**
 * The articles a viewer may read, as a SQL condition on the articles alias `a` (constants only, no
 * parameters). Anything else is answered exactly as if it did not exist.
 */
export function articleVisibilitySql(viewer: Viewer, alias = 'a'): string {
  const reach = reachOf(viewer)
  if (reach === 'STAFF') return 'TRUE'
  const allowed = visibilitiesFor(reach).map((v) => `'${v}'`).join(', ')
  return `(${alias}.status = 'PUBLISHED' AND ${alias}.visibility IN (${allowed}))`
}

/** Published issues are for everyone; drafts for staff. */
export function issueVisibilitySql(viewer: Viewer, alias = 'n'): string {
  return reachOf(viewer) === 'STAFF' ? 'TRUE' : `${alias}.status = 'PUBLISHED'`
}

export function canReadArticle(viewer: Viewer, article: { status: PublicationStatus; visibility: ArticleVisibility }): boolean {
  const reach = reachOf(viewer)
  if (reach === 'STAFF') return true
  return article.status === 'PUBLISHED' && visibilitiesFor(reach).includes(article.visibility)
}

/** Staff write the knowledge base and the newsletter. */
export function requireStaff(viewer: Viewer, what: string): Extract<Viewer, { kind: 'staff' }> {
  if (viewer.kind !== 'staff') throw new ForbiddenError(`Only staff can ${what}.`)
  return viewer
}
