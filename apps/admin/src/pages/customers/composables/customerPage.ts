import { inject, type InjectionKey, type Ref } from 'vue'

/** What every section of the customer page shares: a way to reload what changed. */
export interface CustomerPage {
  /** Fetches the customer and its audit trail again from the server. */
  refresh(): Promise<void>
  /** True while a refresh runs. */
  refreshing: Ref<boolean>
}

export const CustomerPageKey: InjectionKey<CustomerPage> = Symbol('customer-page')

export function useCustomerPage(): CustomerPage {
  const page = inject(CustomerPageKey)
  if (!page) throw new Error('useCustomerPage() needs the customer page')
  return page
}

/** The database id inside a global id ("Contact:0b1…" base64-encoded), to match ids in audit entries. */
export function rawId(globalId: string): string {
  try {
    const decoded = atob(globalId)
    const colon = decoded.indexOf(':')
    return colon >= 0 ? decoded.slice(colon + 1) : globalId
  } catch {
    return globalId
  }
}

/** "4950.00" to 495000 minor units, without floats; null when it is not such an amount. */
export function minorUnits(amount: string): number | null {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim())
  if (!match) return null
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

/** A percentage of minor units, rounded half away from zero (the policy's rule for fees). */
export function percentOfMinor(minor: number, percent: number): number {
  const scaled = minor * percent
  const quotient = Math.floor(scaled / 100)
  const remainder = scaled - quotient * 100
  return remainder * 2 >= 100 ? quotient + 1 : quotient
}

/** A `Date` scalar (YYYY-MM-DD) as a string; the generated types leave that scalar untyped. */
export function day(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
