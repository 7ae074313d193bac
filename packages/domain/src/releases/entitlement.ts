import {
  compareCalendarDates,
  coveredDates,
  parseCalendarDate,
  type CalendarDate,
  type ContractTerm,
  type CustomerStatus,
} from '../contracts/index.js'
import { parseReleaseVersion, releaseKind, releaseLabel, type ReleaseKind, type ReleaseVersion } from './versions.js'

/** A product release as entitlement sees it: its version and the calendar date it came out. */
export interface ReleaseFacts {
  readonly version: ReleaseVersion | string
  readonly releasedOn: CalendarDate
}

/** Everything {@link decideReleaseEntitlement} looks at. */
export interface ReleaseEntitlementInput {
  readonly release: ReleaseFacts
  /** Derived from the customer's licenses today: only a CUSTOMER holds a license. */
  readonly customerStatus: CustomerStatus
  /**
   * Every term of every MAINTENANCE contract of the customer, in any order, with its cancellation date
   * (start and end inclusive, home-desk calendar dates). Premium Support terms do not count.
   */
  readonly maintenanceTerms: readonly ContractTerm[]
}

/** Which rule decided. */
export type ReleaseEntitlementRule =
  | 'update-licensed'
  | 'upgrade-maintenance-active'
  | 'upgrade-maintenance-lapsed'
  | 'upgrade-maintenance-cancelled'
  | 'upgrade-maintenance-gap'
  | 'upgrade-before-maintenance'
  | 'upgrade-no-maintenance'
  | 'no-license'

/** Whether the customer may download a release, and why, in words a person can act on. */
export interface ReleaseEntitlement {
  readonly kind: ReleaseKind
  readonly available: boolean
  readonly rule: ReleaseEntitlementRule
  /** Why it is available or withheld, and what would change it ("maintenance lapsed on …; renew to get 9.0"). */
  readonly reason: string
}

/**
 * True when maintenance covered `date`: some term runs from its start to its end (both inclusive) over that
 * day, and was not cancelled on or before it. An EXPIRING term is still active; a term cancelled later than
 * `date` still covered it.
 */
export function maintenanceActiveOn(terms: readonly ContractTerm[], date: CalendarDate): boolean {
  const day = parseCalendarDate(date, 'date')
  return terms.some((term) => {
    const covered = coveredDates(term)
    return covered !== null && compareCalendarDates(covered.start, day) <= 0 && compareCalendarDates(day, covered.end) <= 0
  })
}

/**
 * Section 9: a new major version (`X.0.0`) is an upgrade, available to a licensed customer whose maintenance
 * was active (or expiring) on the release date; any other release is an update, available to every licensed
 * customer with or without maintenance. Prospects and former customers hold no license, so they may download
 * nothing. Every decision carries its reason; a withheld upgrade says what happened to maintenance and what
 * would get the release.
 */
export function decideReleaseEntitlement(input: ReleaseEntitlementInput): ReleaseEntitlement {
  const version = typeof input.release.version === 'string' ? parseReleaseVersion(input.release.version) : input.release.version
  const releasedOn = parseCalendarDate(input.release.releasedOn, 'releasedOn')
  const kind = releaseKind(version)
  const label = releaseLabel(version)
  const decide = (available: boolean, rule: ReleaseEntitlementRule, reason: string): ReleaseEntitlement => ({ kind, available, rule, reason })

  if (input.customerStatus === 'PROSPECT') {
    return decide(false, 'no-license', `${label} is for licensed customers: buy a license to download it.`)
  }
  if (input.customerStatus === 'FORMER') {
    return decide(false, 'no-license', `The organisation no longer holds a license: buy a license to download ${label}.`)
  }
  if (kind === 'UPDATE') {
    return decide(true, 'update-licensed', `${label} is an update: free to every licensed customer, with or without maintenance.`)
  }
  if (maintenanceActiveOn(input.maintenanceTerms, releasedOn)) {
    return decide(true, 'upgrade-maintenance-active', `${label} is a major upgrade, included because maintenance was active on its release date, ${releasedOn}.`)
  }

  // Not covered on the release date: say what maintenance looked like around it.
  const periods = input.maintenanceTerms
    .map((term) => ({ term, covered: coveredDates(term) }))
    .filter((p): p is { term: ContractTerm; covered: NonNullable<ReturnType<typeof coveredDates>> } => p.covered !== null)
  const before = periods
    .filter((p) => compareCalendarDates(p.covered.end, releasedOn) < 0)
    .sort((a, b) => compareCalendarDates(b.covered.end, a.covered.end))[0]
  const after = periods
    .filter((p) => compareCalendarDates(p.covered.start, releasedOn) > 0)
    .sort((a, b) => compareCalendarDates(a.covered.start, b.covered.start))[0]
  const onlyDuring = 'major upgrades come with maintenance that is active on their release date'

  if (before && after) {
    return decide(
      false,
      'upgrade-maintenance-gap',
      `${label} was released on ${releasedOn}, while there was no maintenance: it ended on ${before.covered.end} and started again on ${after.covered.start}; ${onlyDuring}.`,
    )
  }
  if (before) {
    const cancelled = before.term.cancelledAt != null && compareCalendarDates(before.covered.end, before.term.end) < 0
    if (cancelled) {
      return decide(
        false,
        'upgrade-maintenance-cancelled',
        `${label} was released on ${releasedOn}, but maintenance was cancelled from ${before.term.cancelledAt}; take out maintenance again to get ${label}.`,
      )
    }
    return decide(
      false,
      'upgrade-maintenance-lapsed',
      `${label} was released on ${releasedOn}, but maintenance lapsed on ${before.covered.end}; renew to get ${label}.`,
    )
  }
  if (after) {
    return decide(
      false,
      'upgrade-before-maintenance',
      `${label} was released on ${releasedOn}, before maintenance started on ${after.covered.start}; ${onlyDuring}.`,
    )
  }
  return decide(
    false,
    'upgrade-no-maintenance',
    `${label} is a major upgrade for customers whose maintenance was active on its release date, ${releasedOn}; the organisation had no maintenance then. Take out maintenance to get major upgrades.`,
  )
}
