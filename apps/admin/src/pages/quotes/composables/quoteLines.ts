import type { FieldErrorLike } from '@covered/ui'
import type { QuoteLineInput, QuoteLineInputKind, TrainingModuleOptionFragment } from '../../../gql/graphql'

/** A line as the builder edits it: strings as typed; money is never computed here (the server prices lines). */
export interface LineDraft {
  key: number
  kind: QuoteLineInputKind | 'RENEWAL'
  quantity: string
  description: string
  trainingModuleId: string
  /** OTHER lines: the unit price as typed, e.g. "250.00". */
  unitPrice: string
  /** The server's figures for this line as last saved; null for a new or edited line. */
  saved: { unitPrice: string; total: string } | null
}

export type LineField = 'kind' | 'quantity' | 'description' | 'trainingModuleId' | 'unitPrice'
export type LineErrors = Record<number, Partial<Record<LineField, string>>>

let nextKey = 1
export const lineKey = () => nextKey++

export function newLine(kind: QuoteLineInputKind = 'HOURS', extra: Partial<LineDraft> = {}): LineDraft {
  return {
    key: lineKey(),
    kind,
    quantity: kind === 'HOURS' ? '' : '1',
    description: '',
    trainingModuleId: '',
    unitPrice: '',
    saved: null,
    ...extra,
  }
}

interface ServerLine {
  kind: string
  description: string
  quantity: string
  unitPrice: { amount: string; formatted: string }
  total: { formatted: string }
}

/**
 * The module a saved training line was priced from. The API does not return a line's module, so it is found by
 * the description the server writes ("Training: <name>"), else by a unique price in the quote's currency.
 */
export function moduleOfLine(line: ServerLine, modules: readonly TrainingModuleOptionFragment[], currency: string): string {
  const byName = modules.find((m) => line.description === `Training: ${m.name}` || line.description === m.name)
  if (byName) return byName.id
  const byPrice = modules.filter((m) => m.prices.some((p) => p.currency === currency && p.amount === line.unitPrice.amount))
  return byPrice.length === 1 ? byPrice[0]!.id : ''
}

export function linesFromQuote(lines: readonly ServerLine[], modules: readonly TrainingModuleOptionFragment[], currency: string): LineDraft[] {
  return lines.map((line) => ({
    key: lineKey(),
    kind: line.kind as LineDraft['kind'],
    quantity: line.quantity,
    description: line.description,
    trainingModuleId: line.kind === 'TRAINING_MODULE' ? moduleOfLine(line, modules, currency) : '',
    unitPrice: line.kind === 'OTHER' ? line.unitPrice.amount : '',
    saved: { unitPrice: line.unitPrice.formatted, total: line.total.formatted },
  }))
}

/** The lines as the API takes them. Descriptions left empty get the server's default wording. */
export function toLineInputs(lines: readonly LineDraft[]): QuoteLineInput[] {
  return lines.map((line) => {
    const kind = line.kind as QuoteLineInputKind
    const input: QuoteLineInput = { kind, quantity: line.quantity.trim(), description: line.description.trim() || null }
    if (kind === 'TRAINING_MODULE') input.trainingModuleId = line.trainingModuleId || null
    if (kind === 'OTHER') input.unitPrice = line.unitPrice.trim() || null
    return input
  })
}

const QUANTITY = /^\d+(\.\d{1,2})?$/
const PRICE = /^\d+(\.\d{1,2})?$/

/** Checks before sending what a person can fix at once; the server checks everything again. */
export function checkLines(lines: readonly LineDraft[]): LineErrors {
  const errors: LineErrors = {}
  lines.forEach((line, i) => {
    const e: Partial<Record<LineField, string>> = {}
    const quantity = line.quantity.trim()
    if (!quantity) e.quantity = line.kind === 'HOURS' ? 'Enter the hours, like 2 or 1.25.' : 'Enter a quantity, like 1 or 2.'
    else if (!QUANTITY.test(quantity)) e.quantity = 'Enter a quantity like 2 or 1.25 (at most 2 decimals).'
    else if (!(Number(quantity) > 0)) e.quantity = 'The quantity must be more than zero.'
    if (line.kind === 'TRAINING_MODULE' && !line.trainingModuleId) e.trainingModuleId = 'Choose one of the training modules.'
    if (line.kind === 'OTHER') {
      if (!line.description.trim()) e.description = 'Describe the work on this line.'
      const price = line.unitPrice.trim()
      if (!price) e.unitPrice = 'Enter the unit price, e.g. 250.00.'
      else if (!PRICE.test(price)) e.unitPrice = 'Enter the unit price as an amount like 250 or 250.00.'
    }
    if (Object.keys(e).length) errors[i] = e
  })
  return errors
}

export interface SplitErrors {
  lines: LineErrors
  validUntil: string | null
  /** Messages that belong to no field the form shows (e.g. "Add at least one line."). */
  other: string[]
}

/** Server field errors, each beside the field it names: `lines.2.quantity` beside line 3's quantity. */
export function splitFieldErrors(fieldErrors: readonly FieldErrorLike[] | null | undefined, lineCount: number): SplitErrors {
  const out: SplitErrors = { lines: {}, validUntil: null, other: [] }
  for (const { field, message } of fieldErrors ?? []) {
    const match = /^(?:input\.)?lines\.(\d+)\.(kind|quantity|description|trainingModuleId|unitPrice)$/.exec(field)
    if (match && Number(match[1]) < lineCount) {
      const index = Number(match[1])
      const name = match[2] as LineField
      out.lines[index] = { ...out.lines[index], [name]: out.lines[index]?.[name] ?? message }
    } else if (field === 'validUntil' || field === 'input.validUntil') {
      out.validUntil ??= message
    } else {
      out.other.push(message)
    }
  }
  return out
}
