import { randomUUID } from 'node:crypto'
import type { BusinessCalendar, TicketCategory, TicketStatus } from '@covered/domain'
import type { DataSource } from 'typeorm'
import type { Config } from '../config.js'
import type { CookieJar, RequestContext, Viewer } from '../context.js'
import { runAsMutation } from '../graphql/request-scope-plugin.js'
import { createLogger } from '../logger.js'
import type { StaffUser } from '../modules/accounts/staff-user.entity.js'
import type { Contact } from '../modules/customers/contact.entity.js'
import { registerNotifications } from '../modules/notifications/index.js'
import { escalateTicket } from '../modules/services/escalation.service.js'
import { sendQuote } from '../modules/services/quotes.service.js'
import { calendarForPlan } from '../modules/sla/sla.service.js'
import { openTicket } from '../modules/tickets/intake.service.js'
import { runDueJobs } from '../modules/tickets/scheduler.js'
import type { TicketRow } from '../modules/tickets/ticket.record.js'
import { assignTicket, changeTicketStatus, replyToTicket } from '../modules/tickets/workflow.service.js'

/** The demo people who act in the demo tickets (see seed.ts). */
export interface DemoCast {
  staff: Record<'eli' | 'harriet', StaffUser>
  contacts: Record<'alex' | 'sam' | 'jo' | 'ada' | 'hank' | 'olivia' | 'priya', Contact>
}

type StaffKey = keyof DemoCast['staff']
type ContactKey = keyof DemoCast['contacts']
/**
 * Who acts: a demo person, or for premium tickets (routed at intake, answered around the clock of both desks) the
 * engineer on duty: the ticket's assignee while their desk is open, else the engineer of the desk that is.
 */
type Actor = StaffKey | ContactKey | 'onDuty'

/** Which business hours a story's times are counted in: the ticket's own clock (premium runs on both desks). */
type StoryClock = 'PREMIUM' | 'PACIFIC' | 'UK'

/** What happened next, `ago` business minutes before now; `take`: an engineer assigns the ticket to themselves. */
type DemoAction = { ago: number } & (
  | { by: StaffKey; do: 'take' }
  | { by: Actor; do: 'reply'; body: string; internal?: boolean }
  | { by: Actor; do: 'status'; to: TicketStatus }
  | { by: Actor; do: 'escalate'; hours: string; description: string }
  | { by: Actor; do: 'sendQuote' }
)

/**
 * One demo ticket: opened by its requester (or by staff on their behalf), then what happened to it. Every `ago`
 * is business minutes before the seed's `now` on the story's clock, so the SLA state each ticket shows is the same
 * whenever the seed runs (a weekday morning or a Sunday night).
 */
interface DemoStory {
  clock: StoryClock
  requester: ContactKey
  openedBy?: StaffKey
  ago: number
  subject: string
  category: TicketCategory
  labelsRequested?: number
  body: string
  then?: DemoAction[]
}

const h = (hours: number, minutes = 0) => hours * 60 + minutes

/*
 * What a support manager looks for first, in the last days of both desks. Premium (Acme's Alex: a 4-hour guarantee
 * on both desks' hours): one resolved, one escalated to Professional Services with its quote sent, one past 3 of
 * its 4 hours (WARNING, with an internal note), one just in (RUNNING). Standard first responses are due by the end
 * of the support day: a reply within 30 business minutes always meets that, a UK question left unanswered for over
 * 10 business hours has always missed it (BREACHED), and one asked under 40 minutes ago is always still RUNNING.
 * Open tickets are younger than 18 business hours, so no resolution goal is at risk yet.
 */
const STORIES: DemoStory[] = [
  {
    clock: 'PREMIUM',
    requester: 'alex',
    ago: h(30, 12),
    subject: 'Dashboards take a minute to load',
    category: 'BUG',
    body: 'Since the upgrade to 9.0 our three main dashboards take about a minute to open; they used to open in two seconds. Nothing else changed on our side.',
    then: [
      {
        ago: h(29, 5),
        by: 'onDuty',
        do: 'reply',
        body: 'Hi Alex, thanks for the details. The three dashboards use the "All time" date range, which 9.0 reads from the full history every time they open. Switching them to "Last 13 months" brings them back to about two seconds; 9.0.3 will cache the full range again.',
      },
      { ago: h(27, 18), by: 'alex', do: 'reply', body: 'Switched all three and they open instantly again. Thanks!' },
      { ago: h(26, 41), by: 'onDuty', do: 'status', to: 'RESOLVED' },
    ],
  },
  {
    clock: 'PREMIUM',
    requester: 'alex',
    ago: h(20, 33),
    subject: 'Reconcile our visit counts with Google Analytics',
    category: 'RECONCILIATION',
    body: 'Our marketing team sees about 12% more visits in Google Analytics than in Covered for January to March. Can you find out where the difference comes from?',
    then: [
      {
        ago: h(19, 27),
        by: 'onDuty',
        do: 'reply',
        body: 'Hi Alex, matching our figures with another analytics tool is outside what support covers: it is Professional Services work. I am sending you a quote for a reconciliation of January to March, about six hours of an analyst’s time; we start once you accept it.',
      },
      { ago: h(19, 14), by: 'onDuty', do: 'escalate', hours: '6', description: 'Reconcile visits with Google Analytics, January to March' },
      { ago: h(19, 2), by: 'onDuty', do: 'sendQuote' },
    ],
  },
  {
    clock: 'PREMIUM',
    requester: 'alex',
    ago: h(3, 21),
    subject: 'Yesterday is missing from the visits report',
    category: 'DATA_DISCREPANCY',
    body: 'The visits report stops at the day before yesterday; yesterday shows no visits at all. Our weekly figures go to the board tomorrow morning.',
    then: [
      {
        ago: h(1, 12),
        by: 'onDuty',
        do: 'reply',
        internal: true,
        body: 'The nightly import for acme-prod failed at 02:10 UTC (disk full on import worker 3). Ops are re-running it; answer Alex once yesterday’s data is in.',
      },
    ],
  },
  {
    clock: 'PREMIUM',
    requester: 'alex',
    ago: h(1, 4),
    subject: 'Scheduled dashboard emails stopped arriving',
    category: 'BUG',
    body: 'None of our scheduled dashboard emails arrived this morning. The schedules are still listed and enabled.',
  },
  {
    clock: 'PACIFIC',
    requester: 'sam',
    ago: h(9, 17),
    subject: 'Keep our office traffic out of the reports',
    category: 'FEATURE_HELP',
    body: 'Visits from our own staff inflate the numbers. How do we exclude traffic from our offices?',
    then: [
      { ago: h(9, 8), by: 'eli', do: 'take' },
      {
        ago: h(8, 51),
        by: 'eli',
        do: 'reply',
        body: 'Hi Sam, add an IP filter under Settings → Filters → Exclude traffic and list your offices’ address ranges there; it applies from the next import. Could you send me the ranges your offices use? I will check the filter before you turn it on.',
      },
      { ago: h(8, 50), by: 'eli', do: 'status', to: 'WAITING_ON_CUSTOMER' },
    ],
  },
  {
    clock: 'PACIFIC',
    requester: 'jo',
    openedBy: 'eli',
    ago: h(2, 38),
    subject: 'Nightly export to our SFTP server fails',
    category: 'BUG',
    body: 'Since we rotated our SSH keys, the nightly export to sftp.acme.example fails with "permission denied".',
  },
  {
    clock: 'PACIFIC',
    requester: 'ada',
    ago: h(14, 6),
    subject: 'License key for our new staging server',
    category: 'LICENSING',
    body: 'We are setting up staging.umbrella.example and need a license key for it. Is a staging key included?',
    then: [
      { ago: h(13, 58), by: 'eli', do: 'take' },
      {
        ago: h(13, 44),
        by: 'eli',
        do: 'reply',
        body: 'Hi Ada, yes: one staging key is included with your maintenance contract, and I have issued it to you. Paste it under Settings → License on the staging server.',
      },
      { ago: h(12, 9), by: 'ada', do: 'reply', body: 'It activated fine. Thank you!' },
      { ago: h(11, 57), by: 'eli', do: 'status', to: 'RESOLVED' },
    ],
  },
  {
    clock: 'PACIFIC',
    requester: 'ada',
    ago: h(6, 23),
    subject: 'Bounce rate jumped to 90% after our redesign',
    category: 'DATA_DISCREPANCY',
    body: 'Since we launched the new site design the bounce rate shows 90%, up from 40%. Visitors still browse several pages, so the figure looks wrong.',
    then: [
      { ago: h(6, 11), by: 'eli', do: 'take' },
      {
        ago: h(5, 56),
        by: 'eli',
        do: 'reply',
        body: 'Hi Ada, a jump like that usually means the tracking snippet now runs twice on a page, or only on the first one. Did the redesign change where the snippet is loaded?',
      },
      { ago: h(4, 2), by: 'ada', do: 'reply', body: 'Yes: our tag manager loads it in the footer now, and the old snippet is still in the header template.' },
    ],
  },
  {
    clock: 'PACIFIC',
    requester: 'hank',
    ago: 37,
    subject: 'Can the Pro edition handle 40 million page views a month?',
    category: 'FEATURE_HELP',
    body: 'We are evaluating Covered for our group of sites: about 40 million page views a month across six domains. Would the Pro edition keep up, or do we need Enterprise?',
  },
  {
    clock: 'UK',
    requester: 'olivia',
    ago: h(66, 14),
    subject: 'Setting up a dataset for our new Irish site',
    category: 'DATASET_SETUP',
    body: 'We have launched northwind.ie and want its visits reported apart from the UK site. How should we set up the dataset?',
    then: [
      { ago: h(66, 2), by: 'harriet', do: 'take' },
      {
        ago: h(65, 51),
        by: 'harriet',
        do: 'reply',
        body: 'Hi Olivia, create a dataset under Settings → Datasets → New, choose "Copy settings from" your UK dataset and change the domain to northwind.ie. Filters and labels come across; goals need setting up again.',
      },
      { ago: h(63, 7), by: 'olivia', do: 'reply', body: 'Done, and the first day’s figures look right. Thanks, Harriet.' },
      // Resolved about seven business days ago: the scheduler has closed it since.
      { ago: h(62, 55), by: 'harriet', do: 'status', to: 'RESOLVED' },
    ],
  },
  {
    clock: 'UK',
    requester: 'olivia',
    ago: h(12, 26),
    subject: 'Full-year CSV export times out',
    category: 'BUG',
    body: 'Exporting the full-year visits report as CSV stops after about a minute with "The export took too long". Shorter ranges export fine. Our auditors need the full year.',
  },
  {
    clock: 'UK',
    requester: 'olivia',
    ago: h(5, 9),
    subject: 'Two labels for our spring campaign pages',
    category: 'BASIC_LABELS',
    labelsRequested: 2,
    body: 'Could you help us set up two labels for the spring campaign, so that we can see its pages on their own?',
    then: [
      { ago: h(4, 58), by: 'harriet', do: 'take' },
      {
        ago: h(4, 46),
        by: 'harriet',
        do: 'reply',
        body: 'Hi Olivia, happy to: both fit in the five basic labels of your contract (these use two). Which addresses should each label match?',
      },
      { ago: h(3, 4), by: 'olivia', do: 'reply', body: '"Spring sale" for /sale/spring/ and everything under it, and "Garden range" for /garden/. Thanks!' },
    ],
  },
  {
    clock: 'UK',
    requester: 'priya',
    ago: h(2, 13),
    subject: 'Upgrading from 8.4 to 9.0',
    category: 'LICENSE_UPGRADE',
    body: 'We would like to move our reporting server from 8.4 to 9.0. Is there anything we need to do before upgrading?',
  },
  {
    clock: 'UK',
    requester: 'olivia',
    ago: 24,
    subject: 'Scheduled PDF reports show times in UTC',
    category: 'BUG',
    body: 'Our scheduled PDF reports show every time in UTC, although the account is set to Europe/London.',
  },
]

const MINUTE_MS = 60_000
/** Further back than any story starts, in calendar time. */
const SEARCH_WINDOW_MS = 120 * 86_400_000

/**
 * The latest whole minute from which `minutes` of business time on `calendar` have passed by `now`. Opening times
 * are whole minutes, so the answer lies in business hours (or on an opening).
 */
export function businessMinutesBefore(calendar: BusinessCalendar, now: Date, minutes: number): Date {
  if (minutes <= 0) return now
  const wanted = minutes * MINUTE_MS
  let lo = Math.floor((now.getTime() - SEARCH_WINDOW_MS) / MINUTE_MS)
  let hi = Math.floor(now.getTime() / MINUTE_MS)
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (calendar.businessMsBetween(mid * MINUTE_MS, now.getTime()) >= wanted) lo = mid
    else hi = mid - 1
  }
  return new Date(lo * MINUTE_MS)
}

const NO_COOKIES: CookieJar = { get: () => undefined, set: () => undefined, clear: () => undefined }

interface Step {
  at: Date
  order: number
  run(): Promise<void>
}

/**
 * The demo tickets, played through the product's own services in time order as the people in them would have
 * (each step as the mutation it stands for, with that person's request context and the step's time as `now`):
 * entitlement, triage, SLA clocks, premium routing, timelines, domain events, emails and audit rows are written as
 * in use. Before each step, and at `now` at the end, the scheduler runs the jobs then due, so warnings, breaches and
 * the 7-day close come from the product's own clock.
 */
export async function seedDemoTickets(db: DataSource, config: Config, cast: DemoCast, now: Date): Promise<void> {
  // Emails are written by a consumer of domain events that the API server registers; the seed may run before it.
  registerNotifications(config)
  const logger = createLogger(config.logLevel)
  const calendars: Record<StoryClock, BusinessCalendar> = {
    PREMIUM: await calendarForPlan({ db }, 'PREMIUM', 'PACIFIC'),
    PACIFIC: await calendarForPlan({ db }, 'STANDARD', 'PACIFIC'),
    UK: await calendarForPlan({ db }, 'STANDARD', 'UK'),
  }
  const staffViewer = (user: StaffUser): Viewer => ({ kind: 'staff', id: user.id, role: user.role, sessionId: '' })
  const contactViewer = (contact: Contact): Viewer => ({
    kind: 'contact',
    id: contact.id,
    customerId: contact.customerId,
    isCustomerAdmin: contact.isCustomerAdmin,
    sessionId: '',
  })
  const as = <T>(viewer: Viewer, at: Date, field: string, work: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    const ctx: RequestContext = {
      requestId: randomUUID(),
      viewer,
      ip: '127.0.0.1',
      userAgent: 'Covered demo seed',
      config,
      logger,
      db,
      cookies: NO_COOKIES,
      now: () => at,
    }
    return runAsMutation(ctx, field, () => work(ctx))
  }

  const steps: Step[] = []
  for (const story of STORIES) {
    const at = (ago: number) => businessMinutesBefore(calendars[story.clock], now, ago)
    const ticket = { id: '', assigneeId: null as string | null, quoteId: '' }
    const follow = (row: TicketRow) => {
      ticket.id = row.id
      ticket.assigneeId = row.assignee_id ?? null
    }
    const viewerOf = (actor: Actor, at: Date): Viewer => {
      if (actor === 'onDuty') {
        const engineers = Object.values(cast.staff).filter((user) => user.desk && calendars[user.desk].isOpen(at.getTime()))
        const onDuty = engineers.find((user) => user.id === ticket.assigneeId) ?? engineers[0]
        if (!onDuty) throw new Error(`No demo engineer is on duty at ${at.toISOString()} for "${story.subject}".`)
        return staffViewer(onDuty)
      }
      return actor in cast.staff ? staffViewer(cast.staff[actor as StaffKey]) : contactViewer(cast.contacts[actor as ContactKey])
    }
    const requester = cast.contacts[story.requester]
    const opener = story.openedBy ? staffViewer(cast.staff[story.openedBy]) : contactViewer(requester)
    const openedAt = at(story.ago)
    steps.push({
      at: openedAt,
      order: steps.length,
      run: async () => {
        const input = { subject: story.subject, body: story.body, category: story.category, labelsRequested: story.labelsRequested, requesterId: story.openedBy ? requester.id : null }
        follow(await as(opener, openedAt, 'openTicket', (ctx) => openTicket(ctx, input)))
      },
    })
    for (const action of story.then ?? []) {
      const actionAt = at(action.ago)
      steps.push({
        at: actionAt,
        order: steps.length,
        run: async () => {
          const viewer = viewerOf(action.by, actionAt)
          switch (action.do) {
            case 'take':
              follow(await as(viewer, actionAt, 'assignTicket', (ctx) => assignTicket(ctx, { ticketId: ticket.id, assigneeId: cast.staff[action.by].id })))
              return
            case 'reply':
              follow(await as(viewer, actionAt, 'replyToTicket', (ctx) => replyToTicket(ctx, { ticketId: ticket.id, body: action.body, internal: action.internal ?? false })))
              return
            case 'status':
              follow(await as(viewer, actionAt, 'changeTicketStatus', (ctx) => changeTicketStatus(ctx, { ticketId: ticket.id, status: action.to })))
              return
            case 'escalate': {
              const quote = await as(viewer, actionAt, 'escalateTicket', (ctx) =>
                escalateTicket(ctx, { ticketId: ticket.id, estimatedHours: action.hours, description: action.description }),
              )
              ticket.quoteId = quote.id
              return
            }
            case 'sendQuote':
              await as(viewer, actionAt, 'sendQuote', (ctx) => sendQuote(ctx, ticket.quoteId))
              return
          }
        },
      })
    }
  }

  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order)
  for (const step of steps) {
    await runDueJobs(db, step.at)
    await step.run()
  }
  await runDueJobs(db, now)
}
