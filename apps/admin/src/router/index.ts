import { installPageTitles, safeRedirect } from '@covered/ui'
import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import type { Session } from '../session/session'

// `public` and `title` come with @covered/ui's router helpers.
declare module 'vue-router' {
  interface RouteMeta {
    /** Admins only: engineers are sent to their own notification choices instead. */
    admin?: boolean
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
        path: 'quotes/rate-card',
        name: 'rate-card',
        component: () => import('../pages/rate-card/views/RateCardView.vue'),
        meta: { title: 'Rate card' },
      },
      {
        path: 'quotes/:id',
        name: 'quote',
        component: () => import('../pages/quotes/views/QuoteBuilderView.vue'),
        meta: { title: 'Quote' },
      },
      {
        path: 'quotes/:id/print',
        name: 'quote-print',
        component: () => import('../pages/quotes/views/QuotePrintView.vue'),
        meta: { title: 'Printable quote' },
      },
      {
        // Email (issue 12): sent mail (admins), template previews, and the viewer's own notification choices.
        path: 'mail',
        name: 'sent-mail',
        component: () => import('../pages/mail/views/SentMailView.vue'),
        meta: { title: 'Sent mail', admin: true },
      },
      {
        path: 'mail/templates',
        name: 'email-templates',
        component: () => import('../pages/mail/views/EmailTemplatesView.vue'),
        meta: { title: 'Email templates' },
      },
      {
        path: 'mail/:id',
        name: 'sent-mail-message',
        component: () => import('../pages/mail/views/SentMailMessageView.vue'),
        meta: { title: 'Email', admin: true },
      },
      {
        path: 'account/notifications',
        name: 'my-notifications',
        component: () => import('../pages/account/views/NotificationPreferencesView.vue'),
        meta: { title: 'My email notifications' },
      },
      {
        // Knowledge base and newsletter (issue 7).
        path: 'knowledge',
        children: [
          {
            path: '',
            name: 'knowledge',
            component: () => import('../pages/knowledge/views/ArticleListView.vue'),
            meta: { title: 'Knowledge base' },
          },
          {
            path: 'articles/new',
            name: 'knowledge-article-new',
            component: () => import('../pages/knowledge/views/ArticleEditorView.vue'),
            meta: { title: 'New article' },
          },
          {
            path: 'articles/:id',
            name: 'knowledge-article',
            component: () => import('../pages/knowledge/views/ArticleEditorView.vue'),
            meta: { title: 'Article' },
          },
          {
            path: 'newsletter',
            name: 'newsletter',
            component: () => import('../pages/knowledge/views/NewsletterListView.vue'),
            meta: { title: 'Newsletter' },
          },
          {
            path: 'newsletter/new',
            name: 'newsletter-issue-new',
            component: () => import('../pages/knowledge/views/NewsletterIssueView.vue'),
            meta: { title: 'New newsletter issue' },
          },
          {
            path: 'newsletter/:month',
            name: 'newsletter-issue',
            component: () => import('../pages/knowledge/views/NewsletterIssueView.vue'),
            meta: { title: 'Newsletter issue' },
          },
        ],
      },
      {
        path: 'releases',
        name: 'releases',
        component: () => import('../pages/releases/views/ReleasesView.vue'),
        meta: { title: 'Releases' },
      },
      {
        path: 'reports',
        name: 'reports',
        component: () => import('../pages/reports/views/ReportsView.vue'),
        meta: { title: 'Reports' },
      },
      {
        path: 'integrations',
        name: 'integrations',
        component: () => import('../pages/integrations/views/IntegrationsView.vue'),
        meta: { title: 'Integrations', admin: true },
      },
      {
        path: 'integrations/webhooks/:id',
        name: 'webhook-endpoint',
        component: () => import('../pages/integrations/views/WebhookEndpointView.vue'),
        meta: { title: 'Webhook endpoint', admin: true },
      },
      {
        path: 'renewals',
        name: 'renewals',
        component: () => import('../pages/renewals/views/RenewalsView.vue'),
        meta: { title: 'Renewals' },
      },
      {
        // The support team (issue 12): admins only.
        path: 'team',
        name: 'team',
        component: () => import('../pages/team/views/TeamView.vue'),
        meta: { title: 'Team' },
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
    if (to.meta.admin && viewer.role !== 'ADMIN') return { name: 'my-notifications' }
    return true
  })

  installPageTitles(router, 'Covered Admin')
}

export function createAppRouter(session: Session, history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({ history, routes })
  installGuards(router, session)
  return router
}
