import { createViewerSession, injectSession, type ViewerSession } from '@covered/ui'
import type { Client } from '@urql/vue'
import { computed, type ComputedRef, type InjectionKey, type ShallowRef } from 'vue'
import type { PortalViewerFragment } from '../gql/graphql'
import { PortalLogoutMutation, PortalViewerQuery } from './graphql/viewer'

export type Viewer = PortalViewerFragment
export type ContactViewer = Extract<Viewer, { __typename: 'Contact' }>

export interface Session extends ViewerSession<Viewer> {
  contact: ComputedRef<ContactViewer | null>
}

export const SessionKey: InjectionKey<Session> = Symbol('session')

export function createSession(client: ShallowRef<Client>, newClient: () => Client): Session {
  const session = createViewerSession<Viewer>({ client, newClient, viewerQuery: PortalViewerQuery, logoutMutation: PortalLogoutMutation })
  return { ...session, contact: computed(() => (session.viewer.value?.__typename === 'Contact' ? session.viewer.value : null)) }
}

export function useSession(): Session {
  return injectSession(SessionKey)
}
