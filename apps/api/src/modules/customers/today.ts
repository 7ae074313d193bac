import { DEFAULT_DESKS, todayIn, type CalendarDate } from '@covered/domain'
import type { RequestContext } from '../../context.js'
import type { DeskCode } from '../../graphql/enums.js'

/** Today's date in a desk's time zone: contract terms are calendar dates in the customer's home-desk zone. */
export function todayAtDesk(ctx: RequestContext, desk: DeskCode): CalendarDate {
  return todayIn(DEFAULT_DESKS[desk].timeZone, ctx.now())
}
