import { builder } from '../../graphql/builder.js'
import { loadArticles, type ArticleView } from './articles.service.js'

/**
 * The Article node, declared apart from its fields (knowledge.schema.ts) so that modules the knowledge schema
 * itself imports (tickets: a reply's cited articles) can name it without an import cycle.
 */
export const ArticleType = builder.loadableNodeRef<ArticleView, string>('Article', {
  id: { resolve: (article) => article.id },
  load: (ids, ctx) => loadArticles(ctx, ids),
  sort: (article) => article.id,
})
