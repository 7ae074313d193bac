import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import type { Client } from '@urql/vue'
import { inject, ref, shallowRef, type InjectionKey, type ShallowRef } from 'vue'
import { useRouter } from 'vue-router'

/** Who is signed in, as both SPAs keep it: each app adds its own narrowed viewer (staff, contact) on top. */
export interface ViewerSession<Viewer> {
  /** The urql client in use; replaced on sign-out so nothing cached for one user reaches the next. */
  client: ShallowRef<Client>
  viewer: ShallowRef<Viewer | null>
  /** Set when the API could not tell who is signed in (network down, unexpected error). */
  loadError: ShallowRef<string | null>
  ensureLoaded(): Promise<Viewer | null>
  reload(): Promise<Viewer | null>
  setViewer(viewer: Viewer | null): void
  signOut(): Promise<void>
}

export interface ViewerSessionOptions<Viewer> {
  client: ShallowRef<Client>
  /** Makes a fresh client for the next user after signing out. */
  newClient: () => Client
  /** The app's `viewer` query. */
  viewerQuery: TypedDocumentNode<{ viewer: Viewer | null }, Record<string, never>>
  /** The app's `logout` mutation. */
  logoutMutation: TypedDocumentNode<{ logout: boolean }, Record<string, never>>
}

/**
 * The signed-in viewer, read once and shared by the route guard and the pages. Concurrent reads share one
 * request; signing out ends the session on the server and swaps in a new client.
 */
export function createViewerSession<Viewer>(options: ViewerSessionOptions<Viewer>): ViewerSession<Viewer> {
  const { client, newClient, viewerQuery, logoutMutation } = options
  const viewer = shallowRef<Viewer | null>(null)
  const loadError = shallowRef<string | null>(null)
  let loaded = false
  let inFlight: Promise<Viewer | null> | null = null

  async function fetchViewer(): Promise<Viewer | null> {
    const result = await client.value.query(viewerQuery, {}, { requestPolicy: 'network-only' }).toPromise()
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
    loadError,
    ensureLoaded: () => (loaded ? Promise.resolve(viewer.value) : reload()),
    reload,
    setViewer(next) {
      viewer.value = next
      loadError.value = null
      loaded = true
    },
    async signOut() {
      const result = await client.value.mutation(logoutMutation, {}).toPromise()
      if (result.error) throw result.error
      viewer.value = null
      loaded = true
      client.value = newClient()
    },
  }
}

/** The session provided under `key` by the app's main.ts (or a test's mount). */
export function injectSession<S>(key: InjectionKey<S>): S {
  const session = inject(key)
  if (!session) throw new Error('useSession() needs a session provided under SessionKey')
  return session
}

/** The top bar's "Sign out": ends the session, then shows the sign-in page; says so when it did not work. */
export function useSignOut(session: Pick<ViewerSession<unknown>, 'signOut'>) {
  const router = useRouter()
  const signingOut = ref(false)
  const signOutError = ref<string | null>(null)

  async function signOut() {
    signingOut.value = true
    signOutError.value = null
    try {
      await session.signOut()
      await router.replace({ name: 'login' })
    } catch {
      signOutError.value = 'Signing out did not work just now. Please try again.'
    } finally {
      signingOut.value = false
    }
  }

  return { signingOut, signOutError, signOut }
}
