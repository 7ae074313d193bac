import { Client, cacheExchange, fetchExchange } from '@urql/vue'

/**
 * The one way the admin SPA talks to the API. The session is an HttpOnly cookie, so requests carry
 * credentials; the custom header is what the API's CSRF prevention asks of every request.
 */
export function createUrqlClient(url = '/graphql'): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    // Subscriptions (live queues and tickets) run over server-sent events on the same fetch, with the same
    // credentials and CSRF header.
    fetchSubscriptions: true,
    fetchOptions: {
      credentials: 'include',
      headers: { 'x-requested-with': 'covered' },
    },
  })
}
