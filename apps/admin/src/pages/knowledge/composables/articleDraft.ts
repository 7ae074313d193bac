import type { AdminArticleFragment, ArticleVisibility } from '../../../gql/graphql'

/** The editor's fields as typed. */
export interface ArticleDraft {
  title: string
  slug: string
  tags: string
  visibility: ArticleVisibility | ''
  body: string
}

export const ARTICLE_FIELDS = ['title', 'slug', 'tags', 'visibility', 'body'] as const
export type ArticleField = (typeof ARTICLE_FIELDS)[number]

export function emptyDraft(): ArticleDraft {
  return { title: '', slug: '', tags: '', visibility: '', body: '' }
}

export function draftFrom(article: AdminArticleFragment): ArticleDraft {
  return { title: article.title, slug: article.slug, tags: article.tags.join(', '), visibility: article.visibility, body: article.body }
}

/** "install, WordPress,  install" -> ["install", "wordpress"]: as the API stores them (lowercase, once each). */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.replace(/\s+/g, ' ').trim().toLowerCase())
    .filter(Boolean)
  return [...new Set(tags)]
}

export function sameDraft(a: ArticleDraft, b: ArticleDraft): boolean {
  return (
    a.title.trim() === b.title.trim() &&
    a.slug.trim() === b.slug.trim() &&
    parseTags(a.tags).join(',') === parseTags(b.tags).join(',') &&
    a.visibility === b.visibility &&
    a.body === b.body
  )
}

/** What the form can tell before asking the server. */
export function checkDraft(draft: ArticleDraft): Partial<Record<ArticleField, string>> {
  const errors: Partial<Record<ArticleField, string>> = {}
  if (!draft.title.trim()) errors.title = 'Enter a title.'
  if (!draft.visibility) errors.visibility = 'Choose who may read it.'
  if (draft.slug.trim() && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(draft.slug.trim().toLowerCase())) {
    errors.slug = 'Use lowercase letters, digits and single hyphens for the slug, e.g. installing-labels.'
  }
  return errors
}
