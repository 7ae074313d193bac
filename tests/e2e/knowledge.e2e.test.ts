import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO, launchBrowser, newPage, PHONE, signIn } from './harness/browser'
import { startProduct, type Product } from './harness/product'

// The knowledge base end to end (issue 7): a contact's ticket subject suggests an article they open; an admin writes
// an article with the live preview and publishes it, and a visitor finds it in the portal's search; hostile markdown
// runs nothing in either app; an engineer cites an article in a reply and the contact opens it from the portal; and
// the portal's downloads say why an upgrade is withheld and link what may be downloaded.
let product: Product
let browser: Browser
const pages: Page[] = []

beforeAll(async () => {
  product = await startProduct()
  browser = await launchBrowser()
})

beforeEach(({ task, onTestFailed }) => {
  pages.length = 0
  onTestFailed(async () => {
    console.error(`--- product output (last lines) ---\n${product.output().split('\n').slice(-40).join('\n')}`)
    for (const [i, page] of pages.entries()) {
      console.error(`--- page ${page.url()} ---\n${await page.locator('body').innerText().catch(() => '(closed)')}`)
      await page.screenshot({ path: `/tmp/knowledge-e2e-${task.name.slice(0, 30).replace(/\W+/g, '-')}-${i}.png`, fullPage: true }).catch(() => {})
    }
  })
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

async function open(viewport?: typeof PHONE): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser, product.url, viewport)
  pages.push(opened.page)
  return opened
}

async function gql<T>(context: BrowserContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await context.request.post('/graphql', {
    data: { query, variables },
    headers: { 'x-requested-with': 'covered', 'content-type': 'application/json' },
  })
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] }
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '))
  return body.data!
}

async function signedIn(app: 'admin' | 'portal', email: string, viewport?: typeof PHONE) {
  const opened = await open(viewport)
  await opened.page.goto(`/${app}/login`)
  await signIn(opened.page, email)
  await opened.page.waitForURL((url) => !url.pathname.endsWith('/login'))
  return opened
}

describe('knowledge base', () => {
  it('a contact typing a ticket subject is offered an article, and opens it', async () => {
    const { context, page } = await signedIn('portal', DEMO.contact)
    try {
      await page.goto('/portal/tickets/new')
      await page.getByLabel('Subject', { exact: true }).pressSequentially('Why do report totals differ', { delay: 40 })
      const suggestion = page.getByTestId('article-suggestion').filter({ hasText: 'Why report totals differ from last week' })
      await suggestion.waitFor()
      expect(await page.getByTestId('article-suggestion').count()).toBeLessThanOrEqual(3)
      expect(await suggestion.locator('mark').count()).toBeGreaterThan(0) // the matched words are highlighted

      const [tab] = await Promise.all([context.waitForEvent('page'), suggestion.getByRole('link').click()])
      pages.push(tab)
      await tab.getByRole('heading', { name: 'Why report totals differ from last week', level: 1 }).waitFor()
      expect(await tab.getByTestId('article-body').innerText()).toContain('Totals for the last 48 hours are provisional.')
      // The form stays as it was in the first tab.
      expect(await page.getByLabel('Subject', { exact: true }).inputValue()).toBe('Why do report totals differ')
    } finally {
      await context.close()
    }
  })

  it('an admin writes an article with the live preview and publishes it; a visitor finds it in the portal search', async () => {
    const { context, page } = await signedIn('admin', DEMO.admin)
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge' }).click()
      await page.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor()
      await page.getByRole('link', { name: 'New article' }).click()
      await page.getByLabel('Title', { exact: true }).fill('Rotating server log files')
      await page.getByLabel('Who may read it').selectOption('PUBLIC')
      await page.getByLabel('Tags').fill('logs, Rotation')
      const body = page.getByLabel('Text', { exact: true })
      await body.fill('## Weekly rotation\n\nRotate the **logfiles** every Sunday, then re-import them.')

      // The preview is the server's rendering, updated after a pause in typing.
      const preview = page.getByTestId('preview-body')
      await preview.locator('h2', { hasText: 'Weekly rotation' }).waitFor()
      expect(await preview.locator('strong').innerText()).toBe('logfiles')
      await body.press('End')
      await body.pressSequentially(' Keep 8 weeks.', { delay: 10 })
      await preview.getByText('Keep 8 weeks.').waitFor()

      await page.getByRole('button', { name: 'Publish', exact: true }).click()
      await page.getByTestId('article-message').getByText('is published').waitFor()
      expect(await page.getByTestId('article-status').innerText()).toBe('Published')
      await page.getByTestId('revision-history').getByText('Revision 1 (current): Rotating server log files').waitFor()
    } finally {
      await context.close()
    }

    const visitor = await open(PHONE)
    try {
      await visitor.page.goto('/portal/knowledge')
      await visitor.page.getByLabel('Search the knowledge base').fill('rotate logfile')
      const hit = visitor.page.getByTestId('search-hit').filter({ hasText: 'Rotating server log files' })
      await hit.waitFor()
      expect(await hit.locator('mark').allInnerTexts()).toEqual(expect.arrayContaining(['Rotating']))
      await hit.getByRole('link').click()
      await visitor.page.getByRole('heading', { name: 'Rotating server log files', level: 1 }).waitFor()
      expect(await visitor.page.getByTestId('article-body').innerText()).toContain('Rotate the logfiles every Sunday')
      // Any text at all answers without an error.
      await visitor.page.goto(`/portal/knowledge?q=${encodeURIComponent('"unclosed & | !( -- \\ <b>')}`)
      await visitor.page.getByTestId('no-matches').waitFor()
    } finally {
      await visitor.context.close()
    }
  })

  it('an article for customers needs signing in; public ones do not', async () => {
    const visitor = await open()
    try {
      await visitor.page.goto('/portal/knowledge/articles/installing-the-tracker-on-wordpress')
      await visitor.page.getByRole('heading', { name: 'Installing the tracker on WordPress', level: 1 }).waitFor()
      await visitor.page.goto('/portal/knowledge/articles/setting-up-basic-labels')
      await visitor.page.getByText('This article is not open to visitors').waitFor()
      await visitor.page.getByTestId('article-missing').getByRole('link', { name: 'Sign in' }).click()
      await signIn(visitor.page, DEMO.contact)
      await visitor.page.waitForURL('**/portal/knowledge/articles/setting-up-basic-labels')
      await visitor.page.getByRole('heading', { name: 'Setting up basic labels', level: 1 }).waitFor()
      // An internal article does not exist for a contact.
      await visitor.page.goto('/portal/knowledge/articles/reprocessing-log-files-after-a-cdn-move')
      await visitor.page.getByText('There is no such article').waitFor()
    } finally {
      await visitor.context.close()
    }
  })

  it('markdown with scripts, event handlers and javascript: links runs nothing in the portal or in admin', async () => {
    const hostile = [
      '# Hostile article',
      '',
      'Before<script>window.__pwned = "script"; alert("script")</script>after.',
      '',
      '<img src="/nowhere.png" onerror="window.__pwned = \'onerror\'; alert(\'onerror\')"> image',
      '',
      '[Click for javascript](javascript:window.__pwned=\'link\';alert(\'link\')) and <a href="JaVaScRiPt:window.__pwned=\'raw\'">a raw one</a>',
      '',
      '<svg onload="window.__pwned=\'svg\'"><circle r="1"/></svg><iframe src="javascript:window.top.__pwned=\'iframe\'"></iframe>',
      '',
      '<p onmouseover="window.__pwned=\'hover\'">Hover over me</p>',
    ].join('\n')
    const admin = await signedIn('admin', DEMO.admin)
    const dialogs: string[] = []
    const ran = async (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)
    const hrefsIn = async (page: Page, selector: string) =>
      page.locator(`${selector} a`).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '(none)'))
    try {
      admin.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      const created = await gql<{ createArticle: { __typename: string; article?: { id: string; slug: string } } }>(
        admin.context,
        `mutation($input: CreateArticleInput!) { createArticle(input: $input) { __typename ... on MutationCreateArticleSuccess { article { id slug } } } }`,
        { input: { title: 'Hostile article', body: hostile, visibility: 'PUBLIC', tags: ['hostile'], publish: true } },
      )
      expect(created.createArticle.__typename).toBe('MutationCreateArticleSuccess')
      const { id, slug } = created.createArticle.article!

      // Admin: the editor's preview (the saved html) and a live preview of the same text typed again.
      await admin.page.goto(`/admin/knowledge/articles/${encodeURIComponent(id)}`)
      const preview = admin.page.getByTestId('preview-body')
      await preview.getByText('Hover over me').waitFor()
      await preview.getByText('Hover over me').hover()
      await preview.getByText('Click for javascript').click()
      await preview.getByText('a raw one').click()
      const body = admin.page.getByLabel('Text', { exact: true })
      await body.fill(`${hostile}\n\nTyped again.`)
      await preview.getByText('Typed again.').waitFor()
      await admin.page.getByTestId('revision-history').getByText('Show this version’s text').click()
      await admin.page.waitForTimeout(300)
      expect(await ran(admin.page)).toBeNull()
      expect(await hrefsIn(admin.page, '[data-testid="preview-body"]')).toEqual(['(none)', '(none)'])
      expect(await admin.page.locator('[data-testid="preview-body"] script, [data-testid="preview-body"] iframe, [data-testid="preview-body"] svg').count()).toBe(0)

      // Portal: a visitor reads it, hovers and clicks the links, and finds it in search.
      const visitor = await open(PHONE)
      try {
        visitor.page.on('dialog', (dialog) => {
          dialogs.push(dialog.message())
          void dialog.dismiss()
        })
        await visitor.page.goto(`/portal/knowledge/articles/${slug}`)
        const article = visitor.page.getByTestId('article-body')
        await article.getByText('Hover over me').waitFor()
        await article.getByText('Hover over me').hover()
        await article.getByText('Click for javascript').click()
        await article.getByText('a raw one').click()
        await visitor.page.waitForTimeout(300)
        expect(visitor.page.url()).toContain(`/portal/knowledge/articles/${slug}`)
        expect(await ran(visitor.page)).toBeNull()
        expect(await hrefsIn(visitor.page, '[data-testid="article-body"]')).toEqual(['(none)', '(none)'])
        expect(await visitor.page.locator('[data-testid="article-body"] img').getAttribute('onerror')).toBeNull()

        await visitor.page.goto('/portal/knowledge?q=hostile%20hover')
        await visitor.page.getByTestId('search-hit').filter({ hasText: 'Hostile article' }).waitFor()
        expect(await ran(visitor.page)).toBeNull()
      } finally {
        await visitor.context.close()
      }
      expect(dialogs).toEqual([])
    } finally {
      await admin.context.close()
    }
  })
})

describe('citing articles', () => {
  it('an engineer cites an article in a reply; the contact sees the link in the portal and opens the article', async () => {
    const contact = await signedIn('portal', DEMO.contact)
    try {
      const opened = await gql<{ openTicket: { __typename: string; ticket?: { id: string } } }>(
        contact.context,
        `mutation($input: OpenTicketInput!) { openTicket(input: $input) { __typename ... on MutationOpenTicketSuccess { ticket { id } } } }`,
        { input: { subject: 'Monday’s visits changed overnight', body: 'The visits report said 1,310 yesterday and 1,204 today.', category: 'DATA_DISCREPANCY' } },
      )
      expect(opened.openTicket.__typename).toBe('MutationOpenTicketSuccess')
      const ticketId = opened.openTicket.ticket!.id

      const engineer = await signedIn('admin', DEMO.engineer)
      try {
        const { page } = engineer
        await page.goto(`/admin/tickets/${encodeURIComponent(ticketId)}`)
        const message = page.getByLabel('Your message')
        await message.fill('Totals for the last two days are provisional; the details are in')
        await page.getByRole('button', { name: 'Cite an article' }).click()
        const search = page.getByLabel('Find an article to cite')
        await search.pressSequentially('report totals', { delay: 30 })
        const result = page.getByTestId('cite-result').filter({ hasText: 'Why report totals differ from last week' })
        await result.waitFor()
        expect(await result.innerText()).toContain('Public')
        // By keyboard: down into the results, Enter cites; the cursor is back in the message after the link.
        await search.press('ArrowDown')
        await page.keyboard.press('Enter')
        await message.pressSequentially('. Reply here if Monday still differs tomorrow.', { delay: 5 })
        expect(await message.inputValue()).toBe(
          'Totals for the last two days are provisional; the details are in [Why report totals differ from last week](/portal/knowledge/articles/why-report-totals-differ-from-last-week). Reply here if Monday still differs tomorrow.',
        )
        await page.getByRole('button', { name: 'Reply', exact: true }).click()
        await page.getByText('Reply sent to the customer. The cited article is recorded on the ticket.').waitFor()
        await page.getByTestId('cited-article').filter({ hasText: 'Why report totals differ from last week' }).waitFor()
        const sent = page.getByTestId('ticket-message').last()
        expect(await sent.getByRole('link', { name: 'Why report totals differ from last week' }).getAttribute('href')).toBe(
          '/portal/knowledge/articles/why-report-totals-differ-from-last-week',
        )
      } finally {
        await engineer.context.close()
      }

      const { page } = contact
      await page.goto(`/portal/tickets/${encodeURIComponent(ticketId)}`)
      const reply = page.getByTestId('message').filter({ hasText: 'Totals for the last two days are provisional' })
      await reply.waitFor()
      // The reply reads as text with a link in it: no markdown brackets left.
      expect(await reply.locator('.tk-msg__body').innerText()).toBe(
        'Totals for the last two days are provisional; the details are in Why report totals differ from last week. Reply here if Monday still differs tomorrow.',
      )
      await reply.getByRole('link', { name: 'Why report totals differ from last week' }).click()
      await page.getByRole('heading', { name: 'Why report totals differ from last week', level: 1 }).waitFor()
      expect(page.url()).toContain('/portal/knowledge/articles/why-report-totals-differ-from-last-week')
      expect(await page.getByTestId('article-body').innerText()).toContain('Totals for the last 48 hours are provisional.')
    } finally {
      await contact.context.close()
    }
  })
})

describe('newsletter and releases', () => {
  it('an admin puts an issue together, orders its articles and publishes it to the archive', async () => {
    const { context, page } = await signedIn('admin', DEMO.admin)
    try {
      await page.goto('/admin/knowledge/newsletter/new')
      // The demo data has issues for this month and last month (UTC); next month is free.
      const now = new Date()
      const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))
      const month = `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}`
      await page.getByLabel('Month').fill(month)
      await page.getByLabel('Title', { exact: true }).fill('Dashboards everywhere')
      await page.getByRole('textbox', { name: 'Introduction' }).fill('Share a **dashboard** by link.')
      const picker = page.getByTestId('article-picker')
      await picker.getByLabel('Find an article').fill('install')
      await picker.getByRole('button', { name: 'Add Installing the tracker on WordPress' }).click()
      await picker.getByLabel('Find an article').fill('dashboard')
      await picker.getByRole('button', { name: 'Add Exporting a dashboard' }).click()
      await page.getByRole('button', { name: 'Move Exporting a dashboard up' }).click()
      expect(await page.getByTestId('issue-article').allInnerTexts()).toEqual([
        expect.stringContaining('Exporting a dashboard'),
        expect.stringContaining('Installing the tracker on WordPress'),
      ])
      await page.getByRole('button', { name: 'Publish', exact: true }).click()
      await page.waitForURL(`**/admin/knowledge/newsletter/${month}`)
      await page.getByText('is published in the portal’s newsletter archive').waitFor()
      expect(await page.getByTestId('issue-status').innerText()).toBe('Published')
    } finally {
      await context.close()
    }

    const visitor = await open()
    try {
      await visitor.page.goto('/portal/newsletter')
      await visitor.page.getByTestId('newsletter-issue').filter({ hasText: 'Dashboards everywhere' }).getByRole('link').click()
      await visitor.page.getByRole('heading', { name: 'Dashboards everywhere', level: 1 }).waitFor()
      expect(await visitor.page.locator('.kn-issue-article a').allInnerTexts()).toEqual(['Exporting a dashboard', 'Installing the tracker on WordPress'])
    } finally {
      await visitor.context.close()
    }
  })

  it('downloads say why an upgrade is withheld; a release an admin adds reaches the customer', async () => {
    const lapsed = await signedIn('portal', 'priya@brightwater.example')
    try {
      const portalNav = lapsed.page.getByRole('navigation', { name: 'Main' })
      await portalNav.getByRole('button', { name: 'More' }).click()
      await portalNav.getByRole('link', { name: 'Downloads' }).click()
      const upgrade = lapsed.page.getByTestId('withheld').getByTestId('download').filter({ hasText: '9.0.0' })
      await upgrade.waitFor()
      expect(await upgrade.getByTestId('withheld-reason').innerText()).toMatch(/^9\.0 was released on \d{4}-\d{2}-\d{2}, but maintenance lapsed on \d{4}-\d{2}-\d{2}; renew to get 9\.0\.$/)
      expect(await lapsed.page.getByTestId('available').getByTestId('download').filter({ hasText: '9.0.1' }).count()).toBe(1)
    } finally {
      await lapsed.context.close()
    }

    const admin = await signedIn('admin', DEMO.admin)
    try {
      const adminNav = admin.page.getByRole('navigation', { name: 'Main' })
      await adminNav.getByRole('button', { name: 'More' }).click()
      await adminNav.getByRole('link', { name: 'Releases' }).click()
      await admin.page.getByRole('button', { name: 'New release' }).click()
      const form = admin.page.getByTestId('release-form')
      await form.getByLabel('Version').fill('9.0.1')
      await form.getByLabel('Release notes').fill('Faster **exports**.')
      await form.getByRole('button', { name: 'Add release' }).click()
      await form.getByText('Release 9.0.1 already exists').waitFor() // the field says what to fix
      await form.getByLabel('Version').fill('9.0.2')
      await form.getByLabel('Download address').fill('http://downloads.covered.example/covered-9.0.2.zip')
      await form.getByRole('button', { name: 'Add release' }).click()
      await form.getByText('Use a whole https:// address').waitFor()
      await form.getByLabel('Download address').fill('https://downloads.covered.example/covered-9.0.2.zip')
      await form.getByTestId('markdown-preview').locator('strong', { hasText: 'exports' }).waitFor()
      await form.getByRole('button', { name: 'Add release' }).click()
      await admin.page.getByTestId('release-message').getByText('Release 9.0.2 was added.').waitFor()
      await admin.page.getByTestId('release-row').filter({ hasText: '9.0.2' }).waitFor()
      expect(await admin.page.getByTestId('release-row').first().innerText()).toContain('9.0.2') // newest version first
    } finally {
      await admin.context.close()
    }

    const customer = await signedIn('portal', 'priya@brightwater.example', PHONE)
    try {
      const answers: Promise<string>[] = []
      customer.page.on('response', (response) => {
        if (response.url().endsWith('/graphql')) answers.push(response.text().catch(() => ''))
      })
      await customer.page.goto('/portal/downloads')
      const update = customer.page.getByTestId('available').getByTestId('download').filter({ hasText: '9.0.2' })
      await update.waitFor()
      expect(await update.innerText()).toContain('9.0.2 is an update: free to every licensed customer, with or without maintenance.')
      expect(await update.getByRole('link', { name: 'Download 9.0.2' }).getAttribute('href')).toBe('https://downloads.covered.example/covered-9.0.2.zip')
      // The withheld upgrade shows no link, and its address never reached the browser.
      const upgrade = customer.page.getByTestId('withheld').getByTestId('download').filter({ hasText: '9.0.0' })
      expect(await upgrade.getByRole('link', { name: /Download/ }).count()).toBe(0)
      const received = (await Promise.all(answers)).join('\n')
      expect(received).toContain('covered-9.0.1.zip') // the demo's addresses are there for what she may download
      expect(received).not.toContain('covered-9.0.0.zip')
    } finally {
      await customer.context.close()
    }
  })
})
