import { spaMounter } from '@covered/ui/testing'
import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach } from 'vitest'
import App from '../App.vue'
import { createAppRouter } from '../router'
import { SessionKey, createSession } from '../session/session'

export { settle } from '@covered/ui/testing'

enableAutoUnmount(afterEach)

/** Mounts the whole portal SPA at `path` against a fake client, the way main.ts wires it. */
export const mountApp = spaMounter({ App, createAppRouter, createSession, SessionKey })

export const acme = {
  __typename: 'Customer',
  id: 'Q3VzdG9tZXI6MQ==',
  name: 'Acme Analytics',
  status: 'CUSTOMER',
  homeDesk: 'PACIFIC',
  currency: 'USD',
} as const

export const contactViewer = {
  __typename: 'Contact',
  id: 'Q29udGFjdDox',
  name: 'Alex Rivera',
  email: 'alex@acme.example',
  isCustomerAdmin: true,
  customer: acme,
} as const

export const staffViewer = {
  __typename: 'StaffUser',
  id: 'U3RhZmZVc2VyOjE=',
  name: 'Ada Admin',
  email: 'admin@covered.example',
} as const
