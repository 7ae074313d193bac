import urql, { type Client } from '@urql/vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { afterEach } from 'vitest'
import { shallowRef } from 'vue'
import { createMemoryHistory } from 'vue-router'
import App from '../App.vue'
import { createAppRouter } from '../router'
import { SessionKey, createSession } from '../session/session'

enableAutoUnmount(afterEach)

/** Mounts the whole admin SPA at `path` against a fake client, the way main.ts wires it. */
export async function mountApp(client: Client, path = '/') {
  const clientRef = shallowRef(client)
  const session = createSession(clientRef, () => client)
  const router = createAppRouter(session, createMemoryHistory())
  // Load the lazy route components up front so navigations in tests settle in a few ticks.
  await Promise.all(
    router.getRoutes().map((route) => {
      const component = route.components?.default
      return typeof component === 'function' ? (component as () => Promise<unknown>)() : null
    }),
  )
  await router.push(path)
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [[urql, clientRef], router], provide: { [SessionKey as symbol]: session } },
  })
  await router.isReady()
  await settle()
  return { wrapper, router, session }
}

/** Lets pending promises, lazy route components and re-renders finish. */
export async function settle(rounds = 4) {
  for (let i = 0; i < rounds; i++) await flushPromises()
}

export const staffViewer = {
  __typename: 'StaffUser',
  id: 'U3RhZmZVc2VyOjE=',
  name: 'Ada Admin',
  email: 'admin@covered.example',
  role: 'ADMIN',
  desk: null,
  away: false,
} as const

export const engineerViewer = {
  __typename: 'StaffUser',
  id: 'U3RhZmZVc2VyOjI=',
  name: 'Eli Engineer',
  email: 'engineer@covered.example',
  role: 'ENGINEER',
  desk: 'PACIFIC',
  away: false,
} as const

export const contactViewer = {
  __typename: 'Contact',
  id: 'Q29udGFjdDox',
  name: 'Alex Rivera',
  email: 'alex@acme.example',
} as const

export function customer(n: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Customer',
    id: `Q3VzdG9tZXI6${n}`,
    name: `Customer ${n}`,
    status: 'PROSPECT',
    homeDesk: 'PACIFIC',
    currency: 'USD',
    createdAt: '2026-03-02T10:00:00.000Z',
    ...overrides,
  }
}

export function connection(nodes: ReturnType<typeof customer>[], hasNextPage = false, endCursor: string | null = null) {
  return {
    customers: {
      __typename: 'QueryCustomersConnection',
      edges: nodes.map((node) => ({ __typename: 'QueryCustomersConnectionEdge', cursor: `c-${node.id}`, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
    },
  }
}
