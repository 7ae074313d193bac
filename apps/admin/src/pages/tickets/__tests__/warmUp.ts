import type { RouteRecordRaw } from 'vue-router'
import { routes } from '../../../router'

/**
 * Loads every lazy route component once, before the first test of a file: the first import of the whole SPA
 * takes seconds, which would otherwise count against the first test's time limit.
 */
export async function warmUpRoutes(): Promise<void> {
  const all = (list: RouteRecordRaw[]): RouteRecordRaw[] => list.flatMap((r) => [r, ...all(r.children ?? [])])
  await Promise.all(
    all(routes).map((route) => (typeof route.component === 'function' ? (route.component as () => Promise<unknown>)() : null)),
  )
}
