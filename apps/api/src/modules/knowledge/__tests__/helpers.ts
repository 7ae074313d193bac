import { expect } from 'vitest'
import type { TestApp } from '../../../../test/harness.js'

export const ARTICLE = 'id title slug body html tags visibility status revision authorName version publishedAt'

/** The union result of a mutation: the data on success, else the typed error's code, message and details. */
export const RESULT = (success: string, data: string) =>
  `__typename ... on ${success} { ${data} } ... on Error { code message } ... on ValidationError { fieldErrors { field message } } ... on PolicyError { rule }`

export const CREATE_ARTICLE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { ${RESULT('MutationCreateArticleSuccess', `article { ${ARTICLE} }`)} } }`
export const UPDATE_ARTICLE = `mutation($input: UpdateArticleInput!) { updateArticle(input: $input) { ${RESULT('MutationUpdateArticleSuccess', `article { ${ARTICLE} }`)} } }`
export const PUBLISH_ARTICLE = `mutation($id: ID!, $v: Int!) { publishArticle(id: $id, expectedVersion: $v) { ${RESULT('MutationPublishArticleSuccess', `article { ${ARTICLE} }`)} } }`
export const UNPUBLISH_ARTICLE = `mutation($id: ID!, $v: Int!) { unpublishArticle(id: $id, expectedVersion: $v) { ${RESULT('MutationUnpublishArticleSuccess', `article { ${ARTICLE} }`)} } }`

export interface ArticleInput {
  title: string
  body: string
  visibility: 'PUBLIC' | 'CUSTOMERS' | 'INTERNAL'
  slug?: string
  tags?: string[]
  publish?: boolean
}

/** Creates an article through the API as the given staff member and returns it. */
export async function newArticle(app: TestApp, cookie: string, input: ArticleInput): Promise<any> {
  const response = await app.gql(CREATE_ARTICLE, { input: { publish: true, ...input } }, { cookie })
  expect(response.errors).toBeUndefined()
  expect(response.data.createArticle.__typename).toBe('MutationCreateArticleSuccess')
  return response.data.createArticle.article
}

/** The database id inside a Relay global id ("Article:<uuid>" in base64). */
export const rawId = (id: string): string => Buffer.from(id, 'base64').toString('utf8').split(':')[1]!

export const ISSUE = 'id month title intro introHtml status version articles { title }'
export const CREATE_ISSUE = `mutation($input: CreateNewsletterIssueInput!) { createNewsletterIssue(input: $input) { ${RESULT('MutationCreateNewsletterIssueSuccess', `issue { ${ISSUE} }`)} } }`
export const UPDATE_ISSUE = `mutation($input: UpdateNewsletterIssueInput!) { updateNewsletterIssue(input: $input) { ${RESULT('MutationUpdateNewsletterIssueSuccess', `issue { ${ISSUE} }`)} } }`
export const PUBLISH_ISSUE = `mutation($id: ID!, $v: Int!) { publishNewsletterIssue(id: $id, expectedVersion: $v) { ${RESULT('MutationPublishNewsletterIssueSuccess', `issue { ${ISSUE} }`)} } }`
