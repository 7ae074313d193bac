import { builder } from '../../graphql/builder.js'
import { ConflictError, ForbiddenError, NotFoundError, PolicyError, ValidationError } from '../../errors.js'
import { StaffUserType } from '../accounts/accounts.schema.js'
import { TicketType } from '../tickets/tickets.schema.js'
import { ARTICLE_VISIBILITIES, PUBLICATION_STATUSES } from './access.js'
import { ArticleType } from './article.ref.js'
import {
  articleBySlug,
  articleTags,
  createArticle,
  listArticles,
  listRevisions,
  previewMarkdown,
  publishArticle,
  restoreArticleRevision,
  unpublishArticle,
  updateArticle,
  type ArticleTagCount,
  type RevisionView,
} from './articles.service.js'
import { citationsOfTickets, citeArticles, citedArticlesOfTickets, type CitationView } from './citations.service.js'
import { renderMarkdown } from './markdown.js'
import {
  articlesOfIssues,
  createNewsletterIssue,
  issueByMonth,
  listIssues,
  loadIssues,
  publishNewsletterIssue,
  unpublishNewsletterIssue,
  updateNewsletterIssue,
  type NewsletterIssueView,
} from './newsletter.service.js'
import { searchKnowledge, suggestArticles, type ArticleSuggestion, type SearchHit } from './search.service.js'

export const ArticleVisibilityEnum = builder.enumType('ArticleVisibility', {
  description: 'Who may read a published article: PUBLIC (anyone, without signing in), CUSTOMERS (signed-in contacts), INTERNAL (staff only).',
  values: ARTICLE_VISIBILITIES,
})

export const PublicationStatusEnum = builder.enumType('PublicationStatus', {
  description: 'DRAFT (staff only) or PUBLISHED.',
  values: PUBLICATION_STATUSES,
})

const SearchHitKindEnum = builder.enumType('SearchHitKind', { values: ['ARTICLE', 'NEWSLETTER_ISSUE'] as const })

const HTML_NOTE = 'Rendered from markdown on the server and sanitized (no scripts, event handlers or javascript: links): safe to insert as HTML.'

export { ArticleType }

const ArticleRevisionType = builder.objectRef<RevisionView>('ArticleRevision').implement({
  description: 'One saved version of an article (staff).',
  fields: (t) => ({
    revision: t.exposeInt('revision'),
    title: t.exposeString('title'),
    slug: t.exposeString('slug'),
    body: t.exposeString('body', { description: 'Markdown as saved.' }),
    html: t.string({ description: HTML_NOTE, resolve: (r) => renderMarkdown(r.body) }),
    tags: t.exposeStringList('tags'),
    visibility: t.field({ type: ArticleVisibilityEnum, resolve: (r) => r.visibility }),
    savedAt: t.expose('savedAt', { type: 'DateTime' }),
    savedByName: t.exposeString('savedByName'),
    savedBy: t.field({ type: StaffUserType, resolve: (r) => r.savedById }),
  }),
})

ArticleType.implement({
  description: 'A knowledge base article. Visitors read published PUBLIC ones, contacts also CUSTOMERS ones, staff everything.',
  authScopes: { public: true },
  fields: (t) => ({
    title: t.exposeString('title'),
    slug: t.exposeString('slug', { description: 'The article’s name in links, e.g. installing-labels.' }),
    body: t.exposeString('body', { description: 'Markdown as written (for editing; show `html`).' }),
    html: t.string({ description: HTML_NOTE, resolve: (a) => renderMarkdown(a.body) }),
    tags: t.exposeStringList('tags'),
    visibility: t.field({ type: ArticleVisibilityEnum, resolve: (a) => a.visibility }),
    status: t.field({ type: PublicationStatusEnum, resolve: (a) => a.status }),
    revision: t.exposeInt('revision', { description: 'The current revision; every save adds one.' }),
    authorName: t.exposeString('authorName'),
    author: t.field({ type: StaffUserType, authScopes: { staff: true }, resolve: (a) => a.authorId }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: 'When it was last published.' }),
    version: t.exposeInt('version', { description: 'Send it back with a change; a stale version is refused as a CONFLICT.' }),
    revisions: t.connection({
      type: ArticleRevisionType,
      description: 'Every saved version, newest first (staff).',
      authScopes: { staff: true },
      resolve: (a, args, ctx) => listRevisions(ctx, a.id, args),
    }),
  }),
})

export const NewsletterIssueType = builder.loadableNodeRef<NewsletterIssueView, string>('NewsletterIssue', {
  id: { resolve: (issue) => issue.id },
  load: (ids, ctx) => loadIssues(ctx, ids),
  sort: (issue) => issue.id,
})

NewsletterIssueType.implement({
  description: 'The monthly newsletter: one issue a month, an introduction and articles in order.',
  authScopes: { public: true },
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM, e.g. 2026-11.' }),
    title: t.exposeString('title'),
    intro: t.exposeString('intro', { description: 'Markdown as written.' }),
    introHtml: t.string({ description: HTML_NOTE, resolve: (n) => renderMarkdown(n.intro) }),
    status: t.field({ type: PublicationStatusEnum, resolve: (n) => n.status }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    version: t.exposeInt('version'),
    articles: t.loadableList({
      type: ArticleType,
      description: 'The issue’s articles in order, those the viewer may read.',
      load: (ids: string[], ctx) => articlesOfIssues(ctx, ids),
      resolve: (n) => n.id,
    }),
  }),
})

const SearchHitType = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'A search match, best first. The highlights are escaped text with <mark>…</mark> around matched words.',
  fields: (t) => ({
    kind: t.field({ type: SearchHitKindEnum, resolve: (h) => h.kind }),
    rank: t.exposeFloat('rank', { description: 'ts_rank: title matches weigh more than body matches.' }),
    titleHtml: t.exposeString('titleHtml'),
    snippetHtml: t.exposeString('snippetHtml', { description: 'Up to two fragments around the matches.' }),
    article: t.field({ type: ArticleType, nullable: true, resolve: (h) => (h.kind === 'ARTICLE' ? h.id : null) }),
    newsletterIssue: t.field({ type: NewsletterIssueType, nullable: true, resolve: (h) => (h.kind === 'NEWSLETTER_ISSUE' ? h.id : null) }),
  }),
})

const ArticleSuggestionType = builder.objectRef<ArticleSuggestion>('ArticleSuggestion').implement({
  description: 'An article that may answer the question being typed.',
  fields: (t) => ({
    article: t.field({ type: ArticleType, resolve: (s) => s.articleId }),
    rank: t.exposeFloat('rank'),
    titleHtml: t.exposeString('titleHtml'),
    snippetHtml: t.exposeString('snippetHtml'),
  }),
})

builder.objectField(TicketType, 'citedArticles', (t) =>
  t.loadableList({
    type: ArticleType,
    description:
      'Articles the support team cited while answering, in the order cited. Customers see those cited in public replies that they may read; staff see every one.',
    load: (ids: string[], ctx) => citedArticlesOfTickets(ctx, ids),
    resolve: (ticket) => ticket.id,
  }),
)

const ArticleCitationType = builder.objectRef<CitationView>('ArticleCitation').implement({
  description: 'An article cited on a ticket, as staff see it: who cited it, when, and whether the customer sees the citation.',
  fields: (t) => ({
    article: t.field({ type: ArticleType, description: 'The article cited (staff read every article).', resolve: (c) => c.article }),
    citedAt: t.expose('citedAt', { type: 'DateTime', description: 'When it was first cited on this ticket.' }),
    citedByName: t.exposeString('citedByName', { description: 'Who cited it first.' }),
    customerVisible: t.exposeBoolean('customerVisible', {
      description: 'False when it was cited only in internal notes, or the article is INTERNAL: the customer does not see the citation.',
    }),
  }),
})

builder.objectField(TicketType, 'articleCitations', (t) =>
  t.loadableList({
    type: ArticleCitationType,
    description: 'Every article cited on the ticket, in the order cited, with who cited it and whether the customer sees it (staff).',
    authScopes: { staff: true },
    load: (ids: string[], ctx) => citationsOfTickets(ctx, ids),
    resolve: (ticket) => ticket.id,
  }),
)

builder.queryField('articles', (t) =>
  t.connection({
    type: ArticleType,
    description: 'Knowledge base articles the viewer may read, most recently changed first.',
    authScopes: { public: true },
    args: {
      search: t.arg.string({ description: 'Words of the title or text (stemmed; "quoted phrases", or, -word), or a part of the title. Any text is accepted.' }),
      tag: t.arg.string(),
      visibility: t.arg({ type: ArticleVisibilityEnum }),
      status: t.arg({ type: PublicationStatusEnum }),
    },
    resolve: (_root, args, ctx) => listArticles(ctx, args),
  }),
)

const ArticleTagType = builder.objectRef<ArticleTagCount>('ArticleTag').implement({
  description: 'A tag and how many of the articles the viewer may read carry it.',
  fields: (t) => ({
    name: t.exposeString('name'),
    count: t.exposeInt('count'),
  }),
})

builder.queryField('articleTags', (t) =>
  t.field({
    type: [ArticleTagType],
    description: 'The tags of the articles the viewer may read, most used first (at most 100).',
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => articleTags(ctx),
  }),
)

builder.queryField('previewMarkdown', (t) =>
  t.field({
    type: 'String',
    description:
      'Markdown rendered by the same renderer and sanitizer as `Article.html`, for an editor’s live preview: exactly what readers will see. Nothing is saved (staff).',
    authScopes: { staff: true },
    errors: { types: [ValidationError], dataField: { name: 'html' } },
    args: { markdown: t.arg.string({ required: true }) },
    resolve: (_root, { markdown }, ctx) => previewMarkdown(ctx, markdown),
  }),
)

builder.queryField('article', (t) =>
  t.field({
    type: ArticleType,
    nullable: true,
    description: 'One article; null when it does not exist or is not yours to read.',
    authScopes: { public: true },
    args: { id: t.arg.globalID({ required: true, for: ArticleType }) },
    resolve: (_root, { id }, ctx) => ArticleType.getDataloader(ctx).load(id.id).catch(() => null),
  }),
)

builder.queryField('articleBySlug', (t) =>
  t.field({
    type: ArticleType,
    nullable: true,
    description: 'One article by its slug; null when it does not exist or is not yours to read.',
    authScopes: { public: true },
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, ctx) => articleBySlug(ctx, slug),
  }),
)

builder.queryField('searchKnowledge', (t) =>
  t.connection({
    type: SearchHitType,
    description:
      'Full-text search over the articles and newsletter issues the viewer may read, best match first. Any text is accepted: "quoted phrases", or, -excluded words; nothing searchable gives no hits.',
    authScopes: { public: true },
    args: {
      query: t.arg.string({ required: true }),
      articlesOnly: t.arg.boolean({ description: 'Leave out newsletter issues.' }),
    },
    resolve: (_root, args, ctx) => searchKnowledge(ctx, { ...args, articlesOnly: args.articlesOnly ?? false }),
  }),
)

builder.queryField('suggestArticles', (t) =>
  t.field({
    type: [ArticleSuggestionType],
    description:
      'Up to three published articles (or `first`) for a ticket subject, or any text, as it is typed, best first (any word matches; the last may be unfinished).',
    authScopes: { public: true },
    args: {
      subject: t.arg.string({ required: true }),
      first: t.arg.int({ description: 'How many at most, 1 to 10 (3 when left out; more are never returned).' }),
    },
    resolve: (_root, { subject, first }, ctx) => suggestArticles(ctx, subject, first ?? undefined),
  }),
)

builder.queryField('newsletterIssues', (t) =>
  t.connection({
    type: NewsletterIssueType,
    description: 'The newsletter archive, newest month first (drafts for staff only).',
    authScopes: { public: true },
    resolve: (_root, args, ctx) => listIssues(ctx, args),
  }),
)

builder.queryField('newsletterIssue', (t) =>
  t.field({
    type: NewsletterIssueType,
    nullable: true,
    description: 'The issue of a month (YYYY-MM); null when there is none you may read.',
    authScopes: { public: true },
    args: { month: t.arg.string({ required: true }) },
    resolve: (_root, { month }, ctx) => issueByMonth(ctx, month),
  }),
)

const ARTICLE_ERRORS = [ValidationError, NotFoundError, ForbiddenError, ConflictError, PolicyError]

const CreateArticleInput = builder.inputType('CreateArticleInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    slug: t.string({ description: 'Made from the title when left out.' }),
    body: t.string({ required: true, description: 'Markdown.' }),
    tags: t.stringList(),
    visibility: t.field({ type: ArticleVisibilityEnum, required: true }),
    publish: t.boolean({ description: 'Publish at once instead of saving a draft.' }),
  }),
})

builder.mutationField('createArticle', (t) =>
  t.field({
    type: ArticleType,
    description: 'A new article, a draft unless `publish` (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'article' } },
    args: { input: t.arg({ type: CreateArticleInput, required: true }) },
    resolve: (_root, { input }, ctx) => createArticle(ctx, input),
  }),
)

const UpdateArticleInput = builder.inputType('UpdateArticleInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: ArticleType }),
    expectedVersion: t.int({ required: true }),
    title: t.string(),
    slug: t.string(),
    body: t.string({ description: 'Markdown.' }),
    tags: t.stringList({ description: 'Replaces the tags.' }),
    visibility: t.field({ type: ArticleVisibilityEnum }),
  }),
})

builder.mutationField('updateArticle', (t) =>
  t.field({
    type: ArticleType,
    description: 'Saves changes as a new revision, keeping the previous ones (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'article' } },
    args: { input: t.arg({ type: UpdateArticleInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateArticle(ctx, { ...input, id: input.id.id }),
  }),
)

builder.mutationField('publishArticle', (t) =>
  t.field({
    type: ArticleType,
    description: 'Makes an article readable by its audience (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'article' } },
    args: { id: t.arg.globalID({ required: true, for: ArticleType }), expectedVersion: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => publishArticle(ctx, { id: args.id.id, expectedVersion: args.expectedVersion }),
  }),
)

builder.mutationField('unpublishArticle', (t) =>
  t.field({
    type: ArticleType,
    description: 'Takes an article back to draft (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'article' } },
    args: { id: t.arg.globalID({ required: true, for: ArticleType }), expectedVersion: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => unpublishArticle(ctx, { id: args.id.id, expectedVersion: args.expectedVersion }),
  }),
)

builder.mutationField('restoreArticleRevision', (t) =>
  t.field({
    type: ArticleType,
    description: 'Saves an earlier revision’s content as the newest revision (the slug stays) (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'article' } },
    args: {
      id: t.arg.globalID({ required: true, for: ArticleType }),
      expectedVersion: t.arg.int({ required: true }),
      revision: t.arg.int({ required: true }),
    },
    resolve: (_root, args, ctx) => restoreArticleRevision(ctx, { id: args.id.id, expectedVersion: args.expectedVersion, revision: args.revision }),
  }),
)

const CreateNewsletterIssueInput = builder.inputType('CreateNewsletterIssueInput', {
  fields: (t) => ({
    month: t.string({ required: true, description: 'YYYY-MM; one issue a month.' }),
    title: t.string({ required: true }),
    intro: t.string({ description: 'Markdown.' }),
    articleIds: t.globalIDList({ for: ArticleType, description: 'The articles in order (not INTERNAL ones).' }),
  }),
})

builder.mutationField('createNewsletterIssue', (t) =>
  t.field({
    type: NewsletterIssueType,
    description: 'A draft issue for a month (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'issue' } },
    args: { input: t.arg({ type: CreateNewsletterIssueInput, required: true }) },
    resolve: (_root, { input }, ctx) => createNewsletterIssue(ctx, { ...input, articleIds: input.articleIds?.map((a) => a.id) }),
  }),
)

const UpdateNewsletterIssueInput = builder.inputType('UpdateNewsletterIssueInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: NewsletterIssueType }),
    expectedVersion: t.int({ required: true }),
    title: t.string(),
    intro: t.string({ description: 'Markdown.' }),
    articleIds: t.globalIDList({ for: ArticleType, description: 'Replaces the articles, in this order.' }),
  }),
})

builder.mutationField('updateNewsletterIssue', (t) =>
  t.field({
    type: NewsletterIssueType,
    description: 'Changes an issue’s title, introduction or articles (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'issue' } },
    args: { input: t.arg({ type: UpdateNewsletterIssueInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateNewsletterIssue(ctx, { ...input, id: input.id.id, articleIds: input.articleIds?.map((a) => a.id) }),
  }),
)

builder.mutationField('publishNewsletterIssue', (t) =>
  t.field({
    type: NewsletterIssueType,
    description: 'Publishes an issue to the archive; every article in it must be published (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'issue' } },
    args: { id: t.arg.globalID({ required: true, for: NewsletterIssueType }), expectedVersion: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => publishNewsletterIssue(ctx, { id: args.id.id, expectedVersion: args.expectedVersion }),
  }),
)

builder.mutationField('unpublishNewsletterIssue', (t) =>
  t.field({
    type: NewsletterIssueType,
    description: 'Takes an issue back to draft (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'issue' } },
    args: { id: t.arg.globalID({ required: true, for: NewsletterIssueType }), expectedVersion: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => unpublishNewsletterIssue(ctx, { id: args.id.id, expectedVersion: args.expectedVersion }),
  }),
)

builder.mutationField('citeArticles', (t) =>
  t.field({
    type: TicketType,
    description: 'Records the published articles a reply pointed to, once per ticket, and notes it on the ticket’s timeline (staff).',
    authScopes: { staff: true },
    errors: { types: ARTICLE_ERRORS, dataField: { name: 'ticket' } },
    args: {
      ticketId: t.arg.globalID({ required: true, for: TicketType }),
      articleIds: t.arg.globalIDList({ required: true, for: ArticleType }),
    },
    resolve: (_root, args, ctx) => citeArticles(ctx, { ticketId: args.ticketId.id, articleIds: args.articleIds.map((a) => a.id) }),
  }),
)
