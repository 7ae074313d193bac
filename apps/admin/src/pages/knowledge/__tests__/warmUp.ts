import type { RouteRecordRaw } from 'vue-router'
import { routes } from '../../../router'

/** Loads every lazy route component once before a file's first test (the first import of the SPA takes seconds). */
export async function warmUpRoutes(): Promise<void> {
  const all = (list: RouteRecordRaw[]): RouteRecordRaw[] => list.flatMap((r) => [r, ...all(r.children ?? [])])
  await Promise.all(all(routes).map((route) => (typeof route.component === 'function' ? (route.component as () => Promise<unknown>)() : null)))
}
