import { graphql } from '../../../gql'

/** One row of the article list. */
export const AdminArticleListItemFragment = graphql(`
  fragment AdminArticleListItem on Article {
    id
    title
    slug
    tags
    visibility
    status
    revision
    authorName
    updatedAt
    publishedAt
  }
`)

/** The article list: newest change first, filtered, a keyset page at a time. */
export const AdminArticlesQuery = graphql(`
  query AdminArticles($search: String, $tag: String, $visibility: ArticleVisibility, $status: PublicationStatus, $first: Int!, $after: String) {
    articles(search: $search, tag: $tag, visibility: $visibility, status: $status, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...AdminArticleListItem
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

export const AdminArticleTagsQuery = graphql(`
  query AdminArticleTags {
    articleTags {
      name
      count
    }
  }
`)

/** Everything the editor shows of an article. */
export const AdminArticleFragment = graphql(`
  fragment AdminArticle on Article {
    id
    title
    slug
    body
    html
    tags
    visibility
    status
    revision
    version
    authorName
    createdAt
    updatedAt
    publishedAt
  }
`)

export const AdminArticleQuery = graphql(`
  query AdminArticle($id: ID!) {
    article(id: $id) {
      ...AdminArticle
    }
  }
`)

export const AdminArticleRevisionsQuery = graphql(`
  query AdminArticleRevisions($id: ID!, $first: Int!, $after: String) {
    article(id: $id) {
      id
      revision
      revisions(first: $first, after: $after) {
        edges {
          node {
            revision
            title
            slug
            tags
            visibility
            html
            savedAt
            savedByName
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`)

/** The server's own renderer and sanitizer, for the live preview. */
export const AdminPreviewMarkdownQuery = graphql(`
  query AdminPreviewMarkdown($markdown: String!) {
    previewMarkdown(markdown: $markdown) {
      __typename
      ... on QueryPreviewMarkdownSuccess {
        html
      }
      ...TypedError
    }
  }
`)

export const CreateArticleMutation = graphql(`
  mutation CreateArticle($input: CreateArticleInput!) {
    createArticle(input: $input) {
      __typename
      ... on MutationCreateArticleSuccess {
        article {
          ...AdminArticle
        }
      }
      ...TypedError
    }
  }
`)

export const UpdateArticleMutation = graphql(`
  mutation UpdateArticle($input: UpdateArticleInput!) {
    updateArticle(input: $input) {
      __typename
      ... on MutationUpdateArticleSuccess {
        article {
          ...AdminArticle
        }
      }
      ...TypedError
    }
  }
`)

export const PublishArticleMutation = graphql(`
  mutation PublishArticle($id: ID!, $expectedVersion: Int!) {
    publishArticle(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationPublishArticleSuccess {
        article {
          ...AdminArticle
        }
      }
      ...TypedError
    }
  }
`)

export const UnpublishArticleMutation = graphql(`
  mutation UnpublishArticle($id: ID!, $expectedVersion: Int!) {
    unpublishArticle(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationUnpublishArticleSuccess {
        article {
          ...AdminArticle
        }
      }
      ...TypedError
    }
  }
`)

export const RestoreArticleRevisionMutation = graphql(`
  mutation RestoreArticleRevision($id: ID!, $expectedVersion: Int!, $revision: Int!) {
    restoreArticleRevision(id: $id, expectedVersion: $expectedVersion, revision: $revision) {
      __typename
      ... on MutationRestoreArticleRevisionSuccess {
        article {
          ...AdminArticle
        }
      }
      ...TypedError
    }
  }
`)

/* ---------- Newsletter ---------- */

export const AdminNewsletterIssueListItemFragment = graphql(`
  fragment AdminNewsletterIssueListItem on NewsletterIssue {
    id
    month
    title
    status
    publishedAt
    updatedAt
    articles {
      id
    }
  }
`)

export const AdminNewsletterIssuesQuery = graphql(`
  query AdminNewsletterIssues($first: Int!, $after: String) {
    newsletterIssues(first: $first, after: $after) {
      edges {
        node {
          ...AdminNewsletterIssueListItem
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

export const AdminNewsletterIssueFragment = graphql(`
  fragment AdminNewsletterIssue on NewsletterIssue {
    id
    month
    title
    intro
    introHtml
    status
    version
    publishedAt
    updatedAt
    articles {
      ...AdminArticleListItem
    }
  }
`)

export const AdminNewsletterIssueQuery = graphql(`
  query AdminNewsletterIssue($month: String!) {
    newsletterIssue(month: $month) {
      ...AdminNewsletterIssue
    }
  }
`)

export const CreateNewsletterIssueMutation = graphql(`
  mutation CreateNewsletterIssue($input: CreateNewsletterIssueInput!) {
    createNewsletterIssue(input: $input) {
      __typename
      ... on MutationCreateNewsletterIssueSuccess {
        issue {
          ...AdminNewsletterIssue
        }
      }
      ...TypedError
    }
  }
`)

export const UpdateNewsletterIssueMutation = graphql(`
  mutation UpdateNewsletterIssue($input: UpdateNewsletterIssueInput!) {
    updateNewsletterIssue(input: $input) {
      __typename
      ... on MutationUpdateNewsletterIssueSuccess {
        issue {
          ...AdminNewsletterIssue
        }
      }
      ...TypedError
    }
  }
`)

export const PublishNewsletterIssueMutation = graphql(`
  mutation PublishNewsletterIssue($id: ID!, $expectedVersion: Int!) {
    publishNewsletterIssue(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationPublishNewsletterIssueSuccess {
        issue {
          ...AdminNewsletterIssue
        }
      }
      ...TypedError
    }
  }
`)

export const UnpublishNewsletterIssueMutation = graphql(`
  mutation UnpublishNewsletterIssue($id: ID!, $expectedVersion: Int!) {
    unpublishNewsletterIssue(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationUnpublishNewsletterIssueSuccess {
        issue {
          ...AdminNewsletterIssue
        }
      }
      ...TypedError
    }
  }
`)
