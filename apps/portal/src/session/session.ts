import type { Client } from '@urql/vue'
import { computed, inject, shallowRef, type ComputedRef, type InjectionKey, type ShallowRef } from 'vue'
import type { PortalViewerFragment } from '../gql/graphql'
import { PortalLogoutMutation, PortalViewerQuery } from './graphql/viewer'

export type Viewer = PortalViewerFragment
export type ContactViewer = Extract<Viewer, { __typename: 'Contact' }>

export interface Session {
  /** The urql client in use; replaced on sign-out so nothing cached for one user reaches the next. */
  client: ShallowRef<Client>
  viewer: ShallowRef<Viewer | null>
  contact: ComputedRef<ContactViewer | null>
  /** Set when the API could not tell who is signed in (network down, unexpected error). */
  loadError: ShallowRef<string | null>
  ensureLoaded(): Promise<Viewer | null>
  reload(): Promise<Viewer | null>
  setViewer(viewer: Viewer | null): void
  signOut(): Promise<void>
}

export const SessionKey: InjectionKey<Session> = Symbol('session')

export function createSession(client: ShallowRef<Client>, newClient: () => Client): Session {
  const viewer = shallowRef<Viewer | null>(null)
  const loadError = shallowRef<string | null>(null)
  let loaded = false
  let inFlight: Promise<Viewer | null> | null = null

  async function fetchViewer(): Promise<Viewer | null> {
    const result = await client.value.query(PortalViewerQuery, {}, { requestPolicy: 'network-only' }).toPromise()
    if (result.error) {
      loadError.value = result.error.networkError
        ? 'We could not reach Covered. Check your connection and try again.'
        : 'Covered could not check your sign-in just now. Please try again.'
      loaded = false
      return null
    }
    loadError.value = null
    viewer.value = result.data?.viewer ?? null
    loaded = true
    return viewer.value
  }

  function reload(): Promise<Viewer | null> {
    inFlight ??= fetchViewer().finally(() => {
      inFlight = null
    })
    return inFlight
  }

  return {
    client,
    viewer,
    contact: computed(() => (viewer.value?.__typename === 'Contact' ? viewer.value : null)),
    loadError,
    ensureLoaded: () => (loaded ? Promise.resolve(viewer.value) : reload()),
    reload,
    setViewer(next) {
      viewer.value = next
      loadError.value = null
      loaded = true
    },
    async signOut() {
      const result = await client.value.mutation(PortalLogoutMutation, {}).toPromise()
      if (result.error) throw result.error
      viewer.value = null
      loaded = true
      client.value = newClient()
    },
  }
}

export function useSession(): Session {
  const session = inject(SessionKey)
  if (!session) throw new Error('useSession() needs a session provided under SessionKey')
  return session
}
