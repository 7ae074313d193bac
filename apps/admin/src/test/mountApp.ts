import { spaMounter } from '@covered/ui/testing'
import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach } from 'vitest'
import App from '../App.vue'
import { createAppRouter } from '../router'
import { SessionKey, createSession } from '../session/session'

export { settle } from '@covered/ui/testing'

enableAutoUnmount(afterEach)

/** Mounts the whole admin SPA at `path` against a fake client, the way main.ts wires it. */
export const mountApp = spaMounter({ App, createAppRouter, createSession, SessionKey })

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
      edges: nodes.map((node) => ({ __typename: 'QueryCustomersConnectionEdge', node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
    },
  }
}
