import { createViewerSession, injectSession, type ViewerSession } from '@covered/ui'
import type { Client } from '@urql/vue'
import { computed, type ComputedRef, type InjectionKey, type ShallowRef } from 'vue'
import type { AdminViewerFragment } from '../gql/graphql'
import { AdminLogoutMutation, AdminViewerQuery } from './graphql/viewer'

export type Viewer = AdminViewerFragment
export type StaffViewer = Extract<Viewer, { __typename: 'StaffUser' }>

export interface Session extends ViewerSession<Viewer> {
  staff: ComputedRef<StaffViewer | null>
}

export const SessionKey: InjectionKey<Session> = Symbol('session')

export function createSession(client: ShallowRef<Client>, newClient: () => Client): Session {
  const session = createViewerSession<Viewer>({ client, newClient, viewerQuery: AdminViewerQuery, logoutMutation: AdminLogoutMutation })
  return { ...session, staff: computed(() => (session.viewer.value?.__typename === 'StaffUser' ? session.viewer.value : null)) }
}

export function useSession(): Session {
  return injectSession(SessionKey)
}
