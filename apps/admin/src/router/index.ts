import { nextTick } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import type { Session } from '../session/session'
import { safeRedirect } from '../shared/redirect'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    title?: string
  }
}

export const HOME_PATH = '/customers'

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../pages/authentication/views/LoginView.vue'),
    meta: { public: true, title: 'Sign in' },
  },
  {
    path: '/',
    component: () => import('../layouts/AppLayout.vue'),
    children: [
      { path: '', redirect: HOME_PATH },
      {
        path: 'customers',
        name: 'customers',
        component: () => import('../pages/customers/views/CustomerListView.vue'),
        meta: { title: 'Customers' },
      },
      {
        path: 'customers/new',
        name: 'customer-new',
        component: () => import('../pages/customers/views/CustomerCreateView.vue'),
        meta: { title: 'New customer' },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('../pages/calendar/views/CalendarView.vue'),
        meta: { title: 'Calendar' },
      },
      {
        path: 'customers/:id',
        name: 'customer',
        component: () => import('../pages/customers/views/CustomerDetailView.vue'),
        meta: { title: 'Customer' },
      },
      {
        path: 'tickets',
        name: 'tickets',
        component: () => import('../pages/tickets/views/TicketQueueView.vue'),
        meta: { title: 'Tickets' },
      },
      {
        path: 'tickets/:id',
        name: 'ticket',
        component: () => import('../pages/tickets/views/TicketView.vue'),
        meta: { title: 'Ticket' },
      },
      {
        path: 'quotes',
        name: 'quotes',
        component: () => import('../pages/quotes/views/QuotePipelineView.vue'),
        meta: { title: 'Quotes' },
      },
      {
        path: 'quotes/new',
        name: 'quote-new',
        component: () => import('../pages/quotes/views/QuoteBuilderView.vue'),
        meta: { title: 'New quote' },
      },
      {
        path: 'quotes/:id',
        name: 'quote',
        component: () => import('../pages/quotes/views/QuoteBuilderView.vue'),
        meta: { title: 'Quote' },
      },
      {
        path: 'reports',
        name: 'reports',
        component: () => import('../pages/reports/views/ReportsView.vue'),
        meta: { title: 'Reports' },
      },
      {
        path: 'renewals',
        name: 'renewals',
        component: () => import('../pages/renewals/views/RenewalsView.vue'),
        meta: { title: 'Renewals' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../pages/error/views/NotFoundView.vue'),
    meta: { public: true, title: 'Page not found' },
  },
]

/** Signed-out visitors (and signed-in customer contacts) are sent to the sign-in page. */
export function installGuards(router: Router, session: Session): void {
  router.beforeEach(async (to) => {
    const viewer = await session.ensureLoaded()
    if (session.loadError.value) return true // App shows the error with a retry instead of the page.
    const isStaff = viewer?.__typename === 'StaffUser'
    if (to.meta.public) {
      if (to.name === 'login' && isStaff) return safeRedirect(to.query.redirect, HOME_PATH)
      return true
    }
    if (!isStaff) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    return true
  })

  let first = true
  router.afterEach((to, _from, failure) => {
    if (failure) return
    document.title = to.meta.title ? `${to.meta.title} · Covered Admin` : 'Covered Admin'
    if (first) {
      first = false
      return
    }
    // Move focus to the new page so keyboard and screen-reader users start at its content.
    void nextTick(() => document.getElementById('main')?.focus({ preventScroll: true }))
  })
}

export function createAppRouter(session: Session, history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({ history, routes })
  installGuards(router, session)
  return router
}
