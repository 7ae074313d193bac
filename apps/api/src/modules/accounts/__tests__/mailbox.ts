import type { TestApp } from '../../../../test/harness.js'

export interface QueuedEmail {
  kind: string
  to_address: string
  to_name: string
  subject: string
  text_body: string
  html_body: string
  customer_id: string | null
  created_at: Date
}

/** The emails queued for an address (the outbox table), oldest first. */
export async function mailsTo(app: TestApp, address: string): Promise<QueuedEmail[]> {
  return app.database.dataSource.query(
    `SELECT kind, to_address, to_name, subject, text_body, html_body, customer_id, created_at FROM email_messages WHERE to_address = lower($1) ORDER BY created_at, subject`,
    [address],
  )
}

export async function countMails(app: TestApp): Promise<number> {
  const [row] = await app.database.dataSource.query('SELECT count(*)::int AS n FROM email_messages')
  return row.n
}

/** The one-time link in an email's text part, and its token, as a person would follow it. */
export function linkIn(text: string): { url: string; token: string } {
  const match = /(https?:\/\/\S+\/set-password\?token=([A-Za-z0-9_-]+))/.exec(text)
  if (!match) throw new Error(`no set-password link in:\n${text}`)
  return { url: match[1]!, token: decodeURIComponent(match[2]!) }
}

export const SET_PASSWORD = `mutation($token: String!, $password: String!) { setPasswordWithLink(token: $token, password: $password) {
  __typename ... on MutationSetPasswordWithLinkSuccess { link { purpose accountKind name email } }
  ... on Error { code message } ... on InvalidLinkError { reason } ... on ValidationError { fieldErrors { field message } } } }`

export const PASSWORD_LINK = `query($token: String!) { passwordLink(token: $token) {
  __typename ... on QueryPasswordLinkSuccess { link { purpose accountKind name email expiresAt } }
  ... on InvalidLinkError { code reason message } } }`

export const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }`

export const VIEWER = `{ viewer { __typename ... on StaffUser { email } ... on Contact { email } } }`
