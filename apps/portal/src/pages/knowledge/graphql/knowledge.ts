import { graphql } from '../../../gql'

/** An article in a list: what a reader needs to choose it. */
export const PortalArticleSummaryFragment = graphql(`
  fragment PortalArticleSummary on Article {
    id
    title
    slug
    tags
    visibility
    updatedAt
  }
`)

/** The latest articles the reader may read (a visitor: public ones; a contact: customers' ones too). */
export const PortalArticlesQuery = graphql(`
  query PortalArticles($first: Int!, $after: String, $tag: String) {
    articles(first: $first, after: $after, tag: $tag, status: PUBLISHED) {
      edges {
        node {
          ...PortalArticleSummary
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

/** Full-text search, best match first, with highlighted titles and snippets (escaped text with <mark>). */
export const PortalSearchKnowledgeQuery = graphql(`
  query PortalSearchKnowledge($query: String!, $first: Int!, $after: String) {
    searchKnowledge(query: $query, first: $first, after: $after) {
      edges {
        node {
          kind
          titleHtml
          snippetHtml
          article {
            id
            slug
            visibility
            tags
          }
          newsletterIssue {
            id
            month
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

export const PortalArticleQuery = graphql(`
  query PortalArticle($slug: String!) {
    articleBySlug(slug: $slug) {
      id
      title
      slug
      html
      tags
      visibility
      updatedAt
      publishedAt
    }
  }
`)

/** Up to three articles for a ticket subject as it is typed. */
export const PortalSuggestArticlesQuery = graphql(`
  query PortalSuggestArticles($subject: String!) {
    suggestArticles(subject: $subject) {
      titleHtml
      snippetHtml
      article {
        id
        slug
        title
      }
    }
  }
`)

export const PortalNewsletterIssuesQuery = graphql(`
  query PortalNewsletterIssues($first: Int!, $after: String) {
    newsletterIssues(first: $first, after: $after) {
      edges {
        node {
          id
          month
          title
          introHtml
          publishedAt
          articles {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

export const PortalNewsletterIssueQuery = graphql(`
  query PortalNewsletterIssue($month: String!) {
    newsletterIssue(month: $month) {
      id
      month
      title
      introHtml
      publishedAt
      articles {
        ...PortalArticleSummary
      }
    }
  }
`)
