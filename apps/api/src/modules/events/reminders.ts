import { DEFAULT_DESKS, todayIn } from '@covered/domain'
import type { DataSource } from 'typeorm'
import { quoteInTransaction } from '../services/quotes.service.js'
import { emitDomainEvent } from './domain-events.js'
import { emitQuoteEvent } from './quote-events.js'

/** A sent quote is announced as about to expire this many days before its valid-until date. */
export const QUOTE_EXPIRING_WITHIN_DAYS = 3
/** Contracts are announced as expiring at these many days before the current term ends. */
export const CONTRACT_EXPIRING_MILESTONES = [60, 30] as const

/**
 * Raises the date-driven events once each: quotes about to expire, contracts expiring in 60 and in 30 days
 * (the customer's desk date decides). A row in reminders_raised makes each one happen once, whichever API
 * process gets there first; a contract first seen inside 30 days gets only the 30-day reminder.
 */
export async function raiseReminders(db: DataSource, now: Date): Promise<number> {
  const todays = [todayIn(DEFAULT_DESKS.PACIFIC.timeZone, now), todayIn(DEFAULT_DESKS.UK.timeZone, now)]
  const today = `(CASE cu.home_desk WHEN 'PACIFIC' THEN $1::date ELSE $2::date END)`
  let raised = 0

  const quotes: { id: string; days_left: number }[] = await db.query(
    `SELECT q.id, q.valid_until - ${today} AS days_left
       FROM quotes q JOIN customers cu ON cu.id = q.customer_id
      WHERE q.status = 'SENT' AND q.valid_until BETWEEN $1::date - 1 AND $2::date + ${QUOTE_EXPIRING_WITHIN_DAYS + 1}
        AND q.valid_until - ${today} BETWEEN 0 AND ${QUOTE_EXPIRING_WITHIN_DAYS}
        AND NOT EXISTS (SELECT 1 FROM reminders_raised r WHERE r.kind = 'QUOTE_EXPIRING' AND r.subject_id = q.id)`,
    todays,
  )
  for (const quote of quotes) {
    await db.transaction(async (manager) => {
      const [claimed] = await manager.query(
        `INSERT INTO reminders_raised (kind, subject_id, milestone, raised_at) VALUES ('QUOTE_EXPIRING', $1, 'soon', $2) ON CONFLICT DO NOTHING RETURNING 1`,
        [quote.id, now],
      )
      if (!claimed) return
      await emitQuoteEvent(manager, 'SYSTEM', now, 'quote.expiring', await quoteInTransaction(manager, quote.id), { daysLeft: quote.days_left })
      raised++
    })
  }

  const widest = Math.max(...CONTRACT_EXPIRING_MILESTONES)
  const terms: { term_id: string; contract_id: string; customer_id: string; kind: string; end_date: string; fee_minor: string; currency: string; days_left: number }[] =
    await db.query(
      `SELECT t.id AS term_id, c.id AS contract_id, c.customer_id, c.kind, to_char(t.end_date, 'YYYY-MM-DD') AS end_date,
              t.fee_minor, t.currency, t.end_date - ${today} AS days_left
         FROM contract_terms t JOIN contracts c ON c.id = t.contract_id JOIN customers cu ON cu.id = c.customer_id
        WHERE t.cancelled_on IS NULL AND t.end_date BETWEEN $1::date - 1 AND $2::date + ${widest + 1}
          AND t.end_date - ${today} BETWEEN 0 AND ${widest}
          AND t.start_date <= ${today}
          AND NOT EXISTS (SELECT 1 FROM contract_terms n WHERE n.contract_id = t.contract_id AND n.start_date > t.start_date)
          AND NOT EXISTS (SELECT 1 FROM reminders_raised r
                           WHERE r.kind = 'CONTRACT_EXPIRING' AND r.subject_id = t.id
                             AND r.milestone::int <= (SELECT min(m) FROM unnest($3::int[]) m WHERE m >= t.end_date - ${today}))`,
      [...todays, [...CONTRACT_EXPIRING_MILESTONES]],
    )
  for (const term of terms) {
    const milestone = Math.min(...CONTRACT_EXPIRING_MILESTONES.filter((days) => term.days_left <= days))
    await db.transaction(async (manager) => {
      const [claimed] = await manager.query(
        `INSERT INTO reminders_raised (kind, subject_id, milestone, raised_at) VALUES ('CONTRACT_EXPIRING', $1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [term.term_id, String(milestone), now],
      )
      if (!claimed) return
      await emitDomainEvent(manager, 'SYSTEM', now, {
        type: 'contract.expiring',
        customerId: term.customer_id,
        contractId: term.contract_id,
        data: { kind: term.kind, endDate: term.end_date, daysLeft: term.days_left, milestone, feeMinor: Number(term.fee_minor), currency: term.currency },
      })
      raised++
    })
  }
  return raised
}
