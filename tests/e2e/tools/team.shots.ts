import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { DEMO, launchBrowser, LAPTOP, newPage, PHONE, signIn } from '../harness/browser'
import { startProduct, type Product } from '../harness/product'

// Screenshots of the team and access screens (issue 12). Not part of `pnpm test`; see team-shots.config.ts.
const OUT = process.env.SHOTS_DIR ?? '/tmp/shots/team'
let product: Product
let browser: Browser

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true })
  product = await startProduct({ database: 'postgres' })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

const sizes = { laptop: LAPTOP, phone: PHONE } as const

async function shot(page: Page, name: string) {
  await page.waitForTimeout(200)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true })
}

/** The newest one-time link emailed to an address. */
async function linkFor(email: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const [mail] = await product.query<{ text_body: string }>(`SELECT text_body FROM email_messages WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`, [email])
    const found = mail && /http:\/\/\S+\/set-password\?token=[\w-]+/.exec(mail.text_body)
    if (found) return found[0]
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`no link emailed to ${email}`)
}

for (const [size, viewport] of Object.entries(sizes)) {
  it(`admin team and access screens (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/admin/login')
    await page.getByLabel('Email address').waitFor()
    await shot(page, `admin-login-${size}`)
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor()
    await shot(page, `admin-forgot-${size}`)
    await page.getByRole('button', { name: 'Email me a link' }).click()
    await shot(page, `admin-forgot-required-${size}`)
    await page.getByLabel('Email address').fill(`nobody-${size}@covered.example`)
    await page.getByRole('button', { name: 'Email me a link' }).click()
    await page.getByTestId('reset-requested').waitFor()
    await shot(page, `admin-forgot-sent-${size}`)

    await page.goto('/admin/login')
    await signIn(page, DEMO.admin)
    await page.waitForURL((url) => !url.pathname.endsWith('/login'))
    await page.goto('/admin/team')
    await page.getByTestId('team-row').first().waitFor()
    await shot(page, `admin-team-${size}`)

    await page.getByRole('button', { name: 'Invite someone' }).click()
    await page.getByTestId('invite-form').waitFor()
    await shot(page, `admin-team-invite-${size}`)
    const newcomer = size === 'laptop' ? 'Omar Onboard' : 'Priya Phone'
    await page.getByLabel('Name').fill(newcomer)
    await page.getByLabel('Email').fill('not-an-address')
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await shot(page, `admin-team-invite-errors-${size}`)
    const invitee = `newcomer.${size}@covered.example`
    await page.getByLabel('Email').fill(invitee)
    await page.getByLabel('Desk').selectOption('UK')
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await page.getByTestId('team-message').waitFor()
    await shot(page, `admin-team-invited-${size}`)

    await page.getByRole('button', { name: 'Mark Harriet Hughes away' }).click()
    await page.getByTestId('team-message').getByText('is marked away').waitFor()
    await page.getByRole('button', { name: 'Edit Eli Engineer' }).click()
    await page.getByTestId('member-form').waitFor()
    await shot(page, `admin-team-edit-${size}`)
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('button', { name: `Edit ${newcomer}` }).click()
    await page.getByRole('button', { name: `Deactivate ${newcomer}…` }).click()
    await page.getByTestId('deactivate-confirm').waitFor()
    await shot(page, `admin-team-deactivate-${size}`)
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('button', { name: 'Mark Harriet Hughes back' }).click()
    await page.getByTestId('team-message').getByText('is back').waitFor()

    // The customer page: contacts' portal access, and the question before revoking.
    await page.goto('/admin/customers')
    await page.getByRole('link', { name: 'Acme Analytics' }).click()
    await page.getByTestId('contact-row').first().waitFor()
    await page.getByRole('button', { name: 'Revoke Sam Okafor’s portal access' }).click()
    await page.getByTestId('contacts').scrollIntoViewIfNeeded()
    await page.getByTestId('contacts').screenshot({ path: path.join(OUT, `admin-contacts-access-${size}.png`) })
    await page.getByRole('button', { name: 'Keep access' }).click()
    // Jo is invited on the first run and sent the invitation again on the second.
    const invite = page.getByRole('button', { name: 'Invite Jo Park to the portal' })
    await (size === 'laptop' ? invite : page.getByRole('button', { name: 'Send Jo Park the invitation again' })).click()
    await page.getByTestId('access-message').waitFor()
    await page.getByTestId('contacts').screenshot({ path: path.join(OUT, `admin-contacts-invited-${size}.png`) })
    await context.close()

    // The invitation's link, opened by the new member.
    const invited = await newPage(browser, product.url, viewport)
    await invited.page.goto(await linkFor(invitee))
    await invited.page.getByRole('heading', { name: 'Choose your password' }).waitFor()
    await shot(invited.page, `admin-set-password-${size}`)
    await invited.page.getByLabel('New password').fill('short')
    await invited.page.getByRole('button', { name: 'Set my password' }).click()
    await shot(invited.page, `admin-set-password-error-${size}`)
    await invited.page.getByLabel('New password').fill('a long enough password')
    await invited.page.getByLabel('Type it again').fill('a long enough password')
    await invited.page.getByRole('button', { name: 'Set my password' }).click()
    await invited.page.getByRole('heading', { name: 'Your password is set' }).waitFor()
    await shot(invited.page, `admin-set-password-done-${size}`)
    await invited.page.reload()
    await invited.page.getByRole('heading', { name: 'This link has been used already' }).waitFor()
    await shot(invited.page, `admin-set-password-used-${size}`)
    await invited.context.close()

    // An engineer's top bar: away and back.
    const engineer = await newPage(browser, product.url, viewport)
    await engineer.page.goto('/admin/login')
    await signIn(engineer.page, DEMO.engineer)
    await engineer.page.getByTestId('away-toggle').waitFor()
    await shot(engineer.page, `admin-engineer-available-${size}`)
    await engineer.page.getByRole('button', { name: 'Mark me away' }).click()
    await engineer.page.getByRole('button', { name: 'I’m back' }).waitFor()
    await shot(engineer.page, `admin-engineer-away-${size}`)
    await engineer.page.getByRole('button', { name: 'I’m back' }).click()
    await engineer.page.getByRole('button', { name: 'Mark me away' }).waitFor()
    await engineer.context.close()
  })

  it(`portal access screens (${size})`, async () => {
    const { context, page } = await newPage(browser, product.url, viewport)
    await page.goto('/portal/login')
    await page.getByLabel('Email address').waitFor()
    await shot(page, `portal-login-${size}`)
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor()
    await shot(page, `portal-forgot-${size}`)
    await page.getByLabel('Email address').fill('tom@northwind.example')
    await page.getByRole('button', { name: 'Email me a link' }).click()
    await page.getByTestId('reset-requested').waitFor()
    await shot(page, `portal-forgot-sent-${size}`)
    await page.goto(await linkFor('tom@northwind.example'))
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    await shot(page, `portal-set-password-${size}`)
    await page.goto('/portal/set-password?token=not-a-real-token')
    await page.getByTestId('invalid-link').waitFor()
    await shot(page, `portal-set-password-invalid-${size}`)

    await page.goto('/portal/login')
    await signIn(page, DEMO.contact)
    await page.getByRole('heading', { name: 'Acme Analytics', level: 1 }).waitFor()
    await shot(page, `portal-organisation-${size}`)
    await page.goto('/portal/people')
    await page.getByTestId('person-row').first().waitFor()
    await shot(page, `portal-people-${size}`)
    await page.getByRole('button', { name: 'Invite a colleague' }).click()
    await page.getByTestId('invite-colleague').waitFor()
    await page.getByLabel('Name').fill('Cole League')
    await page.getByLabel('Work email').fill('sam@acme.example')
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await page.getByText('Another contact already uses this email address.').first().waitFor()
    await shot(page, `portal-people-invite-error-${size}`)
    await page.getByLabel('Work email').fill(`cole.${size}@acme.example`)
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await page.getByTestId('people-message').waitFor()
    await shot(page, `portal-people-invited-${size}`)
    await page.getByRole('button', { name: 'Revoke Sam Okafor’s portal access' }).click()
    await shot(page, `portal-people-revoke-${size}`)
    await page.getByRole('button', { name: 'Keep access' }).click()
    await context.close()

    const colleague = await newPage(browser, product.url, viewport)
    await colleague.page.goto('/portal/login')
    await signIn(colleague.page, 'sam@acme.example')
    await colleague.page.getByRole('heading', { name: 'Acme Analytics', level: 1 }).waitFor()
    await colleague.page.goto('/portal/people')
    await colleague.page.getByTestId('person-row').first().waitFor()
    await shot(colleague.page, `portal-people-not-admin-${size}`)
    await colleague.context.close()
  })
}
