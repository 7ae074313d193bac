import { addCalendarDays, sumMoney, type Currency, type Money } from '@covered/domain'
import type { RequestContext } from '../../context.js'
import { ForbiddenError, ValidationError } from '../../errors.js'
import { DESKS } from '../../graphql/enums.js'
import { todayAtDesk } from '../customers/today.js'
import { loadContracts, type ContractView } from './contracts.service.js'

export interface RenewalDue {
  contract: ContractView
  /** The last day of cover; renewal starts the day after. */
  endsOn: string
  /** What the renewal costs now, at the current license price. */
  renewalFee: Money
}

export interface RenewalsDue {
  withinDays: number
  items: RenewalDue[]
  totals: Money[]
}

/**
 * Contracts whose last term ends within the next N days at their customer's desk and is neither renewed nor
 * cancelled, soonest first, with the renewal value per currency.
 */
export async function renewalsDue(ctx: RequestContext, withinDays: number): Promise<RenewalsDue> {
  if (ctx.viewer.kind !== 'staff' && !(ctx.viewer.kind === 'token' && ctx.viewer.customerId === null)) {
    throw new ForbiddenError('Only staff see renewals due.')
  }
  if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > 366) {
    throw new ValidationError([{ field: 'withinDays', message: 'Choose between 1 and 366 days.' }])
  }
  // Each desk has its own "today"; one statement serves both through the end-date index.
  const windows = DESKS.map((desk) => {
    const today = todayAtDesk(ctx, desk)
    return { desk, from: today, to: addCalendarDays(today, withinDays) }
  })
  const rows: { contract_id: string; ends_on: string; price_minor: string; currency: Currency; kind: string }[] = await ctx.db.query(
    `SELECT c.id AS contract_id, to_char(t.end_date, 'YYYY-MM-DD') AS ends_on, l.price_minor, l.currency, c.kind
       FROM contract_terms t
       JOIN contracts c ON c.id = t.contract_id
       JOIN customers cu ON cu.id = c.customer_id
       JOIN licenses l ON l.id = c.license_id
      WHERE t.cancelled_on IS NULL
        AND NOT EXISTS (SELECT 1 FROM contract_terms later WHERE later.contract_id = t.contract_id AND later.start_date > t.start_date)
        AND ((cu.home_desk = $1 AND t.end_date BETWEEN $2 AND $3) OR (cu.home_desk = $4 AND t.end_date BETWEEN $5 AND $6))
      ORDER BY t.end_date, c.id`,
    [windows[0]!.desk, windows[0]!.from, windows[0]!.to, windows[1]!.desk, windows[1]!.from, windows[1]!.to],
  )
  const contracts = await loadContracts(ctx, rows.map((row) => row.contract_id))
  const items: RenewalDue[] = []
  rows.forEach((row, i) => {
    const contract = contracts[i]
    if (!contract || contract instanceof Error) return
    // The renewal follows the policy's current rule; the fee of the next term is what the term costs today.
    items.push({ contract, endsOn: row.ends_on, renewalFee: contract.latestTerm.fee })
  })
  const currencies = [...new Set(items.map((item) => item.renewalFee.currency))].sort()
  const totals = currencies.map((currency) => sumMoney(items.filter((i) => i.renewalFee.currency === currency).map((i) => i.renewalFee), currency))
  return { withinDays, items, totals }
}
