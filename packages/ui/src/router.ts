import { nextTick } from 'vue'
import type { Router } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** The page's name in the browser tab. */
    title?: string
  }
}

/** Only same-app paths are followed after sign-in; anything else falls back. */
export function safeRedirect(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  if (value.startsWith('/login')) return fallback
  return value
}

/**
 * After each navigation the tab names the page and the app ("Customers · Covered Admin"), and focus moves to
 * the new page's content (not on the first load), so keyboard and screen-reader users start there.
 */
export function installPageTitles(router: Router, appTitle: string): void {
  let first = true
  router.afterEach((to, _from, failure) => {
    if (failure) return
    document.title = to.meta.title ? `${to.meta.title} · ${appTitle}` : appTitle
    if (first) {
      first = false
      return
    }
    void nextTick(() => document.getElementById('main')?.focus({ preventScroll: true }))
  })
}
