import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, vi } from 'vitest'
import { NOW } from './fixtures'

/** The browser's own time zone in these tests (used when a contact has none). */
export const browser = { zone: 'Asia/Tokyo' }

/** Fake clock at NOW (Date and setInterval only: promises and timeouts run as usual) and a fake browser zone. */
export function useTicketTestClock() {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: new Date(NOW) })
    const resolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
      return { ...resolvedOptions.call(this), timeZone: browser.zone }
    })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    browser.zone = 'Asia/Tokyo'
  })
}

/** The form control a visible label names exactly, as a person finds it. */
export function byLabel(wrapper: VueWrapper, text: string): Omit<DOMWrapper<HTMLInputElement>, 'exists'> {
  const label = wrapper.findAll('label').find((l) => l.text() === text)
  if (!label) throw new Error(`No label "${text}"; labels: ${wrapper.findAll('label').map((l) => JSON.stringify(l.text())).join(', ')}`)
  return wrapper.get<HTMLInputElement>(`[id="${label.attributes('for')}"]`)
}

/** The text of the message a control points at with aria-describedby (its error beside it). */
export function describedError(control: Pick<DOMWrapper<Element>, 'attributes'>): string | null {
  for (const id of (control.attributes('aria-describedby') ?? '').split(' ').filter(Boolean)) {
    const el = document.getElementById(id)
    if (el?.classList.contains('cv-field__error')) return el.textContent?.trim() ?? null
  }
  return null
}
