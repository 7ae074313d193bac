import { installPageTitles, safeRedirect } from '@covered/ui'
import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import type { Session } from '../session/session'

export const HOME_PATH = '/'

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../pages/authentication/views/LoginView.vue'),
    meta: { public: true, title: 'Sign in' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('../pages/authentication/views/ForgotPasswordView.vue'),
    meta: { public: true, title: 'Forgot your password?' },
  },
  {
    // The page the one-time links in invitation and reset emails open (?token=...).
    path: '/set-password',
    name: 'set-password',
    component: () => import('../pages/authentication/views/SetPasswordView.vue'),
    meta: { public: true, title: 'Choose a password' },
  },
  {
    path: '/',
    component: () => import('../layouts/AppLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('../pages/organisation/views/OrganisationView.vue'),
        meta: { title: 'Your organisation' },
      },
      {
        path: 'contracts',
        name: 'contracts',
        component: () => import('../pages/contracts/views/ContractsView.vue'),
        meta: { title: 'Contracts and cover' },
      },
      {
        // Tickets (issue 5): the list, a new ticket, one ticket (live).
        path: 'tickets',
        children: [
          {
            path: '',
            name: 'tickets',
            component: () => import('../pages/tickets/views/TicketListView.vue'),
            meta: { title: 'Tickets' },
          },
          {
            path: 'new',
            name: 'ticket-new',
            component: () => import('../pages/tickets/views/NewTicketView.vue'),
            meta: { title: 'Open a ticket' },
          },
          {
            path: ':id',
            name: 'ticket',
            component: () => import('../pages/tickets/views/TicketDetailView.vue'),
            meta: { title: 'Ticket' },
          },
        ],
      },
      {
        // Quotes (issue 6): the organisation's quotes; key contacts and customer admins accept or decline.
        path: 'quotes',
        children: [
          {
            path: '',
            name: 'quotes',
            component: () => import('../pages/quotes/views/QuoteListView.vue'),
            meta: { title: 'Quotes' },
          },
          {
            path: ':id',
            name: 'quote',
            component: () => import('../pages/quotes/views/QuoteDetailView.vue'),
            meta: { title: 'Quote' },
          },
          {
            path: ':id/print',
            name: 'quote-print',
            component: () => import('../pages/quotes/views/QuotePrintView.vue'),
            meta: { title: 'Printable quote' },
          },
        ],
      },
      {
        // The signed-in contact's own account: which emails they get (issue 12).
        path: 'account/notifications',
        name: 'account-notifications',
        component: () => import('../pages/account/views/NotificationPreferencesView.vue'),
        meta: { title: 'Email notifications' },
      },
      {
        // Knowledge base (issue 7), open to everyone: public articles without signing in, customers' ones after.
        path: 'knowledge',
        children: [
          {
            path: '',
            name: 'knowledge',
            component: () => import('../pages/knowledge/views/KnowledgeView.vue'),
            meta: { public: true, title: 'Knowledge base' },
          },
          {
            path: 'articles/:slug',
            name: 'knowledge-article',
            component: () => import('../pages/knowledge/views/ArticleView.vue'),
            meta: { public: true, title: 'Article' },
          },
        ],
      },
      {
        // The newsletter archive (issue 7), open to everyone.
        path: 'newsletter',
        children: [
          {
            path: '',
            name: 'newsletter',
            component: () => import('../pages/knowledge/views/NewsletterArchiveView.vue'),
            meta: { public: true, title: 'Newsletter' },
          },
          {
            path: ':month',
            name: 'newsletter-issue',
            component: () => import('../pages/knowledge/views/NewsletterIssueView.vue'),
            meta: { public: true, title: 'Newsletter' },
          },
        ],
      },
      {
        // Downloads (issue 7): what the organisation may download, and why anything else is withheld.
        path: 'downloads',
        name: 'downloads',
        component: () => import('../pages/downloads/views/DownloadsView.vue'),
        meta: { title: 'Downloads' },
      },
      {
        // People and portal access (issue 12): customer admins invite colleagues, send reset links, revoke access.
        path: 'people',
        name: 'people',
        component: () => import('../pages/people/views/PeopleView.vue'),
        meta: { title: 'People and access' },
      },
      {
        // Reports (issue 8): the organisation's own service report.
        path: 'report',
        name: 'report',
        component: () => import('../pages/reports/views/ReportView.vue'),
        meta: { title: 'Service report' },
      },
      {
        // Public: the consulting request form, with or without signing in.
        path: 'consulting',
        name: 'consulting',
        component: () => import('../pages/consulting/views/ConsultingRequestView.vue'),
        meta: { public: true, title: 'Ask about consulting and training' },
      },
      {
        // Public: support hours and response times, with or without signing in.
        path: 'help',
        name: 'help',
        component: () => import('../pages/help/views/HelpView.vue'),
        meta: { public: true, title: 'Support hours and response times' },
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

/**
 * Signed-out visitors are sent to the sign-in page. Staff who are signed in see a page that says the
 * portal is for customer contacts (the home view handles that), not a sign-in loop.
 */
export function installGuards(router: Router, session: Session): void {
  router.beforeEach(async (to) => {
    const viewer = await session.ensureLoaded()
    if (session.loadError.value) return true // App shows the error with a retry instead of the page.
    const isContact = viewer?.__typename === 'Contact'
    if (to.meta.public) {
      if (to.name === 'login' && isContact) return safeRedirect(to.query.redirect, HOME_PATH)
      return true
    }
    if (!viewer) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    return true
  })

  installPageTitles(router, 'Covered Support')
}

export function createAppRouter(session: Session, history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({ history, routes })
  installGuards(router, session)
  return router
}
