import type { RequestContext } from '../../context.js'

export interface QuoteRecipient {
  name: string
  email: string
}

/**
 * Who a quote is addressed to, for the printed quote, for many quotes in one statement: the requester of its
 * ticket, else the person who sent the consulting request it answers (as they typed it), else the first key
 * contact (by name) of the contract it renews; null when none of these is known. Callers pass quotes the viewer
 * may already see.
 */
export async function quoteRecipients(ctx: RequestContext, quoteIds: readonly string[]): Promise<(QuoteRecipient | null)[]> {
  const rows: { id: string; name: string | null; email: string | null }[] = await ctx.db.query(
    `SELECT q.id, coalesce(requester.name, cr.contact_name, kc.name) AS name, coalesce(requester.email, cr.email, kc.email) AS email
       FROM quotes q
       LEFT JOIN tickets t ON t.id = q.ticket_id
       LEFT JOIN contacts requester ON requester.id = t.requester_id
       LEFT JOIN consulting_requests cr ON cr.id = q.consulting_request_id
       LEFT JOIN LATERAL (
         SELECT c.name, c.email FROM contract_key_contacts k JOIN contacts c ON c.id = k.contact_id
          WHERE k.contract_id = q.contract_id ORDER BY c.name, c.id LIMIT 1
       ) kc ON q.contract_id IS NOT NULL
      WHERE q.id = ANY($1::uuid[])`,
    [quoteIds],
  )
  const byId = new Map(rows.map((row) => [row.id, row.name && row.email ? { name: row.name, email: row.email } : null]))
  return quoteIds.map((id) => byId.get(id) ?? null)
}
