import fs from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium (apt-get install chromium); a downloaded browser is never used. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const LAPTOP = { width: 1280, height: 800 }
export const PHONE = { width: 390, height: 844 }

/** A fresh browser profile (its own cookies) with a page on it. */
export async function newPage(
  browser: Browser,
  baseURL: string,
  viewport = LAPTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB' })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  return { context, page }
}

export const DEMO_PASSWORD = 'covered-demo'
export const DEMO = {
  admin: 'admin@covered.example',
  engineer: 'engineer@covered.example',
  contact: 'alex@acme.example',
}

/** Signs in through the form as a person would: type, then Enter. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByLabel('Password').press('Enter')
}

/** The text of the error message a form control points at with aria-describedby. */
export async function describedError(page: Page, control: ReturnType<Page['getByLabel']>): Promise<string | null> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean)
  for (const id of ids) {
    const el = page.locator(`[id="${id}"].cv-field__error`)
    if (await el.count()) return (await el.innerText()).trim()
  }
  return null
}
