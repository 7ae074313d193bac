import { Client, cacheExchange, fetchExchange } from '@urql/vue'

/**
 * The one way the portal SPA talks to the API. The session is an HttpOnly cookie, so requests carry
 * credentials; the custom header is what the API's CSRF prevention asks of every request.
 */
export function createUrqlClient(url = '/graphql'): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    // Subscriptions (a ticket's live updates) go over fetch as server-sent events, with the same headers.
    fetchSubscriptions: true,
    fetchOptions: {
      credentials: 'include',
      headers: { 'x-requested-with': 'covered' },
    },
  })
}
