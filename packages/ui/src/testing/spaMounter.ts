import urql, { type Client } from '@urql/vue'
import { flushPromises, mount } from '@vue/test-utils'
import { shallowRef, type Component, type InjectionKey, type ShallowRef } from 'vue'
import { createMemoryHistory, type Router, type RouterHistory } from 'vue-router'

interface SpaParts<S> {
  App: Component
  createAppRouter: (session: S, history: RouterHistory) => Router
  createSession: (client: ShallowRef<Client>, newClient: () => Client) => S
  SessionKey: InjectionKey<S>
}

/**
 * Makes an SPA's `mountApp(client, path)`: mounts its root the way its main.ts wires it (urql with the fake
 * client, its router in memory at `path`, its session provided). Lazy route components are loaded up front so
 * navigations in tests settle in a few ticks.
 */
export function spaMounter<S>(parts: SpaParts<S>) {
  return async function mountApp(client: Client, path = '/') {
    const clientRef = shallowRef(client)
    const session = parts.createSession(clientRef, () => client)
    const router = parts.createAppRouter(session, createMemoryHistory())
    await Promise.all(
      router.getRoutes().map((route) => {
        const component = route.components?.default
        return typeof component === 'function' ? (component as () => Promise<unknown>)() : null
      }),
    )
    await router.push(path)
    const wrapper = mount(parts.App, {
      attachTo: document.body,
      global: { plugins: [[urql, clientRef], router], provide: { [parts.SessionKey as symbol]: session } },
    })
    await router.isReady()
    await settle()
    return { wrapper, router, session }
  }
}

/** Lets pending promises, lazy route components and re-renders finish. */
export async function settle(rounds = 4) {
  for (let i = 0; i < rounds; i++) await flushPromises()
}
