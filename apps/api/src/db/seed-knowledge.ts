import { addCalendarDays, type CalendarDate } from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { markdownToText } from '../modules/knowledge/markdown.js'

interface DemoArticle {
  slug: string
  title: string
  tags: string[]
  visibility: 'PUBLIC' | 'CUSTOMERS' | 'INTERNAL'
  published: boolean
  /** Days before now it was last changed. */
  age: number
  body: string
}

const ARTICLES: DemoArticle[] = [
  {
    slug: 'installing-the-tracker-on-wordpress',
    title: 'Installing the tracker on WordPress',
    tags: ['install', 'wordpress'],
    visibility: 'PUBLIC',
    published: true,
    age: 40,
    body: `The tracker runs on any WordPress site from version 6.0.

## Steps

1. In **Settings → Tracking**, copy your site's tracking snippet.
2. In WordPress, open **Appearance → Theme file editor** and paste the snippet just before \`</head>\` in \`header.php\`.
3. Visit your site once, then open the **Real-time** report: your visit appears within a minute.

If nothing appears, check that a caching plugin is not serving an old copy of your pages: clear its cache and try again.`,
  },
  {
    slug: 'why-report-totals-differ-from-last-week',
    title: 'Why report totals differ from last week',
    tags: ['reports', 'data'],
    visibility: 'PUBLIC',
    published: true,
    age: 25,
    body: `Report totals for a past day can change when data for that day is **reprocessed**: a late log file arrives, a
filter is changed, or bots are removed after the fact.

- Totals for the last 48 hours are provisional.
- A changed filter applies to every day it covers, not only to new data.
- The *Data changes* panel of each report lists every reprocessing with its date.

If a total changed and none of these explains it, open a ticket with the report name and both totals.`,
  },
  {
    slug: 'exporting-a-dashboard',
    title: 'Exporting a dashboard',
    tags: ['dashboard', 'export'],
    visibility: 'PUBLIC',
    published: true,
    age: 12,
    body: `Any dashboard can be exported as PDF or CSV from its **⋯** menu.

| Format | What you get |
| --- | --- |
| PDF | Every widget as shown, one page per row of widgets |
| CSV | One file per widget, zipped |

Scheduled exports are sent by email; see [the email settings](https://example.com/help/email).`,
  },
  {
    slug: 'setting-up-basic-labels',
    title: 'Setting up basic labels',
    tags: ['labels'],
    visibility: 'CUSTOMERS',
    published: true,
    age: 30,
    body: `Labels group visits by a rule you choose, such as a campaign or a page path.

1. Open **Labels → New label**.
2. Give it a name and a rule, e.g. *page path starts with* \`/shop\`.
3. Save: the label applies to new data from now on, and to past data after the nightly reprocessing.

Support includes setting up to five basic labels per contract term; ask in a ticket.`,
  },
  {
    slug: 'upgrading-to-9-0',
    title: 'Upgrading to 9.0',
    tags: ['release', 'upgrade'],
    visibility: 'CUSTOMERS',
    published: true,
    age: 8,
    body: `Version 9.0 is a major upgrade, included for customers whose maintenance was active on its release date.

Before you upgrade, take a backup of the database. Then download 9.0 from **Downloads** in this portal and run
the installer; your settings and reports are kept.`,
  },
  {
    slug: 'reprocessing-log-files-after-a-cdn-move',
    title: 'Reprocessing log files after a CDN move',
    tags: ['logs', 'reports'],
    visibility: 'INTERNAL',
    published: true,
    age: 20,
    body: `When a customer moves to a new CDN, visits may be counted twice for a day. Reprocess that day from the
admin console with **deduplicate by request id** on, then tell the customer which totals changed.`,
  },
  {
    slug: 'importing-server-log-files',
    title: 'Importing server log files',
    tags: ['logs', 'import'],
    visibility: 'PUBLIC',
    published: false,
    age: 2,
    body: `Draft: how to import Apache and nginx log files, and how long the import takes.`,
  },
]

/**
 * The knowledge base for a first look: articles of each visibility (one a draft), last month's newsletter
 * (published) and this month's (a draft), and releases around the demo customers' maintenance dates, so the
 * portal's downloads show an upgrade both available and withheld.
 */
export async function seedKnowledge(manager: EntityManager, now: Date, today: CalendarDate): Promise<void> {
  const [admin]: { id: string }[] = await manager.query(`SELECT id FROM staff_users WHERE email = 'admin@covered.example'`)
  const authorId = admin!.id
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000)
  const ids: Record<string, string> = {}
  for (const article of ARTICLES) {
    const at = daysAgo(article.age)
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO articles (slug, title, body, body_text, tags, visibility, status, revision, author_id, updated_by, created_at, updated_at, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8, $9, $9, $10) RETURNING id`,
      [article.slug, article.title, article.body, markdownToText(article.body), article.tags, article.visibility, article.published ? 'PUBLISHED' : 'DRAFT', authorId, at, article.published ? at : null],
    )
    ids[article.slug] = row!.id
    await manager.query(
      `INSERT INTO article_revisions (article_id, revision, title, slug, body, tags, visibility, saved_by, saved_at) VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8)`,
      [row!.id, article.title, article.slug, article.body, article.tags, article.visibility, authorId, at],
    )
  }

  const month = (offset: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  }
  const issue = async (m: string, title: string, intro: string, published: boolean, slugs: string[]) => {
    const at = daysAgo(published ? 20 : 1)
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO newsletter_issues (month, title, intro, intro_text, status, created_by, created_at, updated_at, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id`,
      [m, title, intro, markdownToText(intro), published ? 'PUBLISHED' : 'DRAFT', authorId, at, published ? at : null],
    )
    for (const [i, slug] of slugs.entries()) {
      await manager.query('INSERT INTO newsletter_issue_articles (issue_id, article_id, position) VALUES ($1, $2, $3)', [row!.id, ids[slug], i + 1])
    }
  }
  await issue(
    month(-1),
    'Cleaner reports and the road to 9.0',
    'This month: why a past day’s totals can change, and how to install the tracker on WordPress in three steps.',
    true,
    ['why-report-totals-differ-from-last-week', 'installing-the-tracker-on-wordpress'],
  )
  await issue(month(0), '9.0 is here', 'Version 9.0 is out: what is new, and how to upgrade.', false, ['upgrading-to-9-0', 'exporting-a-dashboard'])

  const releases: [number, number, number, number, string][] = [
    [8, 0, 0, -520, 'The 8.0 line: a new report builder and faster imports.'],
    [8, 4, 2, -120, 'Fixes:\n\n- CSV exports keep leading zeros.\n- The real-time report no longer double counts reloads.'],
    [9, 0, 0, -10, '**9.0** is a major upgrade:\n\n- Dashboards can be shared by link.\n- Labels apply to past data overnight.'],
    [9, 0, 1, -3, 'Fixes a crash when a dashboard has no widgets.'],
  ]
  for (const [major, minor, patch, days, notes] of releases) {
    // The 8.x line has no download address any more: the portal tells those who may have it to ask support.
    const downloadUrl = major >= 9 ? `https://downloads.covered.example/covered-${major}.${minor}.${patch}.zip` : null
    await manager.query(
      `INSERT INTO releases (major, minor, patch, released_on, notes, download_url, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [major, minor, patch, addCalendarDays(today, days), notes, downloadUrl, authorId, now],
    )
  }
}
