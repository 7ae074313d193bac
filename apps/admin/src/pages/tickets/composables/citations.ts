import type { CitableArticleFragment } from '../../../gql/graphql'

type Citable = Pick<CitableArticleFragment, 'id' | 'title' | 'slug' | 'visibility'>

/**
 * Where a cited article is read, as a path on this site (the same whatever address Covered is served at): the
 * portal's article page for PUBLIC and CUSTOMERS articles; the admin editor for an INTERNAL one, which only staff
 * read (and which only an internal note may cite).
 */
export function articleLink(article: Citable): string {
  return article.visibility === 'INTERNAL'
    ? `/admin/knowledge/articles/${encodeURIComponent(article.id)}`
    : `/portal/knowledge/articles/${encodeURIComponent(article.slug)}`
}

/** `[Title](link)`: how the portal shows a link in a reply. Brackets in a title would end the label early. */
export function citationMarkdown(article: Citable): string {
  const label = article.title.replace(/[[\]]/g, '').replace(/\s+/g, ' ').trim().slice(0, 300) || 'Article'
  return `[${label}](${articleLink(article)})`
}

/** The text without any `[…](link)` to this link (one space is kept where the link sat between words). */
export function removeLinks(text: string, link: string): string {
  const escaped = link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return text.replace(new RegExp(` ?\\[[^[\\]\\n]*\\]\\(${escaped}\\)`, 'g'), '')
}

/** Why a public reply cannot be sent with these citations (an INTERNAL article), or null. */
export function internalCitationProblem(cited: readonly Citable[]): string | null {
  const internal = cited.find((article) => article.visibility === 'INTERNAL')
  return internal
    ? `“${internal.title}” is an internal article: the customer cannot open it. Remove its link from the reply, or add the text as an internal note.`
    : null
}
