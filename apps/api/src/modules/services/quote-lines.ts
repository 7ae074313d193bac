import { moneyFromDecimal, quoteTotals, type Currency, type QuoteLineInput, type QuoteTotals } from '@covered/domain'
import type { EntityManager } from 'typeorm'
import { z } from 'zod'
import { ValidationError } from '../../errors.js'

export const LINE_KINDS = ['HOURS', 'TRAINING_MODULE', 'DAILY_DEMO', 'OTHER'] as const
export type LineKind = (typeof LINE_KINDS)[number] | 'RENEWAL'

export const LineInput = z.object({
  kind: z.enum(LINE_KINDS),
  description: z.string().trim().max(500, 'Keep a line’s description to 500 characters.').nullish(),
  /** Hours for HOURS, a count otherwise; a decimal string with at most 2 decimals, e.g. "1.25". */
  quantity: z.string().trim().regex(/^\d+(\.\d{1,2})?$/, 'Enter a quantity like 2 or 1.25 (at most 2 decimals).'),
  trainingModuleId: z.string().nullish(),
  /** For OTHER lines: the unit price as typed, e.g. "250.00". */
  unitPrice: z.string().trim().nullish(),
})
export type LineInputData = z.output<typeof LineInput>

export interface PricedLine extends QuoteLineInput {
  kind: LineKind
  trainingModuleId: string | null
}

/**
 * Prices each line from the rate card (hours), the training module's price in the quote's currency, free for
 * the Daily Demo, or as typed (other). Field errors name the line: `lines.2.quantity`.
 */
export async function priceLines(manager: EntityManager, currency: Currency, lines: LineInputData[]): Promise<PricedLine[]> {
  if (lines.length === 0) throw new ValidationError([{ field: 'lines', message: 'Add at least one line.' }])
  if (lines.length > 50) throw new ValidationError([{ field: 'lines', message: 'A quote has at most 50 lines.' }])
  const [rate]: { hourly_rate_minor: string }[] = await manager.query('SELECT hourly_rate_minor FROM rate_card WHERE currency = $1', [currency])
  const moduleIds = lines.map((l) => l.trainingModuleId).filter((id): id is string => !!id && z.uuid().safeParse(id).success)
  const modules: { id: string; name: string; price_usd_minor: string; price_gbp_minor: string; active: boolean }[] = moduleIds.length
    ? await manager.query('SELECT id, name, price_usd_minor, price_gbp_minor, active FROM training_modules WHERE id = ANY($1::uuid[])', [moduleIds])
    : []
  return lines.map((line, i) => {
    const field = (name: string) => `lines.${i}.${name}`
    const quantity = Number(line.quantity)
    if (!(quantity > 0)) throw new ValidationError([{ field: field('quantity'), message: 'The quantity must be more than zero.' }])
    switch (line.kind) {
      case 'HOURS':
        return {
          kind: 'HOURS',
          description: line.description || 'Professional Services (hours)',
          quantity,
          unitPrice: { amountMinor: Number(rate!.hourly_rate_minor), currency },
          trainingModuleId: null,
        }
      case 'TRAINING_MODULE': {
        const module = modules.find((m) => m.id === line.trainingModuleId)
        if (!module || !module.active) throw new ValidationError([{ field: field('trainingModuleId'), message: 'Choose one of the training modules.' }])
        return {
          kind: 'TRAINING_MODULE',
          description: line.description || `Training: ${module.name}`,
          quantity,
          unitPrice: { amountMinor: Number(currency === 'USD' ? module.price_usd_minor : module.price_gbp_minor), currency },
          trainingModuleId: module.id,
        }
      }
      case 'DAILY_DEMO':
        return { kind: 'DAILY_DEMO', description: line.description || 'Daily Demo (free overview session)', quantity, unitPrice: { amountMinor: 0, currency }, trainingModuleId: null }
      case 'OTHER': {
        if (!line.description) throw new ValidationError([{ field: field('description'), message: 'Describe the work on this line.' }])
        if (!line.unitPrice) throw new ValidationError([{ field: field('unitPrice'), message: 'Enter the unit price, e.g. 250.00.' }])
        let unitPrice
        try {
          unitPrice = moneyFromDecimal(line.unitPrice, currency, 'unitPrice')
        } catch {
          throw new ValidationError([{ field: field('unitPrice'), message: 'Enter the unit price as an amount like 250 or 250.00.' }])
        }
        if (unitPrice.amountMinor < 0) throw new ValidationError([{ field: field('unitPrice'), message: 'The unit price cannot be negative.' }])
        return { kind: 'OTHER', description: line.description, quantity, unitPrice, trainingModuleId: null }
      }
    }
  })
}

/** Quoted hours, in minutes: what time entries are checked against. */
export function quotedMinutes(totals: QuoteTotals, lines: PricedLine[]): number {
  return totals.lines.reduce((sum, line, i) => (lines[i]!.kind === 'HOURS' ? sum + Math.round((line.quantityHundredths * 60) / 100) : sum), 0)
}

/** Replaces a draft's lines and totals (the server computes every amount). */
export async function writeLines(manager: EntityManager, quoteId: string, currency: Currency, lines: PricedLine[]): Promise<QuoteTotals> {
  const totals = quoteTotals(lines, currency)
  await manager.query('DELETE FROM quote_lines WHERE quote_id = $1', [quoteId])
  for (const [i, line] of totals.lines.entries()) {
    await manager.query(
      `INSERT INTO quote_lines (quote_id, position, kind, description, quantity_hundredths, unit_price_minor, total_minor, training_module_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [quoteId, i + 1, lines[i]!.kind, line.description, line.quantityHundredths, line.unitPrice.amountMinor, line.total.amountMinor, lines[i]!.trainingModuleId],
    )
  }
  await manager.query('UPDATE quotes SET total_minor = $2, quoted_minutes = $3 WHERE id = $1', [quoteId, totals.total.amountMinor, quotedMinutes(totals, lines)])
  return totals
}
