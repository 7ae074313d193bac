import { DomainError } from '../errors/index.js'
import { categoryInfo, parseTicketCategory, type TicketCategory, type TriageDecision } from './categories.js'

/** Triage limits (admin settings). */
export interface TriageSettings {
  /** Basic labels included per contract term, counted across the customer's tickets (default 5). */
  readonly basicLabelAllowance: number
  /** Joined labels in a combination label still in scope (default 3). */
  readonly maxJoinedLabels: number
}

/** The policy's defaults: 5 basic labels per term, up to 3 joined labels. */
export const DEFAULT_TRIAGE_SETTINGS: TriageSettings = { basicLabelAllowance: 5, maxJoinedLabels: 3 }

/** Machine id of the rule that decided. */
export type TriageRule =
  | 'in-scope-category'
  | 'professional-services-category'
  | 'general-training'
  | 'multi-site-case-by-case'
  | 'basic-labels-allowance'
  | 'basic-labels-over-allowance'
  | 'combination-labels-joined'
  | 'combination-labels-too-complex'
  | 'combination-labels-count-unknown'
  | 'engineer-override'
  | 'case-review'

/** What triage looks at. */
export interface TriageInput {
  readonly category: TicketCategory
  /** Basic labels already counted against the allowance in the current contract term, across all the customer's tickets. */
  readonly basicLabelsUsedThisTerm: number
  /** For BASIC_LABELS: how many labels this ticket asks for (default 1). */
  readonly labelsRequested?: number
  /** For COMBINATION_LABELS: how many labels are joined together. */
  readonly joinedLabels?: number
}

/** The decision with the rule that made it, in words a customer understands. */
export interface TriageResult {
  readonly decision: TriageDecision
  readonly rule: TriageRule
  readonly explanation: string
  /** Set on GENERAL_TRAINING: suggest the free Daily Demo or a training module. */
  readonly recommendTraining?: boolean
  /** For BASIC_LABELS: how many of this ticket's labels count against the term's allowance (done under support). */
  readonly labelsCounted?: number
}

const PS_NOTE = 'Professional Services is paid work, and a quote is agreed before any work starts.'

/**
 * Decides whether a ticket is support or Professional Services (section 7).
 *
 * Basic labels count labels, not tickets: a ticket asking for 3 labels uses 3 of the 5 for the contract
 * term. A ticket whose labels all fit in what is left is IN_SCOPE and counts them all; one that would
 * go past the allowance needs Professional Services, and only the labels that still fit are counted
 * (`labelsCounted`) and may be done under support. Bad counts throw VALIDATION.
 */
export function triage(input: TriageInput, settings: Partial<TriageSettings> = {}): TriageResult {
  const category = parseTicketCategory(input.category)
  const { basicLabelAllowance, maxJoinedLabels } = checkSettings(settings)
  const info = categoryInfo(category)

  switch (category) {
    case 'BASIC_LABELS': {
      const used = wholeNumber(input.basicLabelsUsedThisTerm, 'basicLabelsUsedThisTerm', 0)
      const requested = wholeNumber(input.labelsRequested ?? 1, 'labelsRequested', 1)
      const left = Math.max(0, basicLabelAllowance - used)
      if (requested <= left) {
        return {
          decision: 'IN_SCOPE',
          rule: 'basic-labels-allowance',
          explanation:
            `Help creating basic labels is included up to ${basicLabelAllowance} per contract term. ` +
            `With this ticket's ${plural(requested, 'label')}, ${used + requested} of ${basicLabelAllowance} are used.`,
          labelsCounted: requested,
        }
      }
      return {
        decision: 'NEEDS_PROFESSIONAL_SERVICES',
        rule: 'basic-labels-over-allowance',
        explanation:
          (left === 0
            ? `All ${basicLabelAllowance} basic labels included this contract term have been used, so `
            : `Only ${left} of the ${basicLabelAllowance} basic labels included this contract term ${left === 1 ? 'is' : 'are'} left: ` +
              `we can help with ${left} under support, and `) +
          `the other ${plural(requested - left, 'label')} of this ticket ${requested - left === 1 ? 'needs' : 'need'} Professional Services. ${PS_NOTE}`,
        labelsCounted: left,
      }
    }
    case 'COMBINATION_LABELS': {
      if (input.joinedLabels === undefined) {
        return {
          decision: 'NEEDS_REVIEW',
          rule: 'combination-labels-count-unknown',
          explanation:
            `Combination labels of up to ${maxJoinedLabels} joined labels are included; ` +
            'an engineer will check how many labels are joined in this one.',
        }
      }
      const joined = wholeNumber(input.joinedLabels, 'joinedLabels', 1)
      if (joined <= maxJoinedLabels) {
        return {
          decision: 'IN_SCOPE',
          rule: 'combination-labels-joined',
          explanation: `Interpreting combination labels of up to ${maxJoinedLabels} joined labels is included; this one joins ${joined}.`,
        }
      }
      return {
        decision: 'NEEDS_PROFESSIONAL_SERVICES',
        rule: 'combination-labels-too-complex',
        explanation:
          `This combination joins ${joined} labels; support covers up to ${maxJoinedLabels}, ` +
          `so more complex ones need Professional Services. ${PS_NOTE}`,
      }
    }
    case 'MULTI_SITE_TRACKING':
      return {
        decision: 'NEEDS_REVIEW',
        rule: 'multi-site-case-by-case',
        explanation:
          'Tracking several related websites is decided case by case: some help is included, ' +
          'but complex setups may need Professional Services. An admin will review this ticket.',
      }
    case 'GENERAL_TRAINING':
      return {
        decision: 'NEEDS_PROFESSIONAL_SERVICES',
        rule: 'general-training',
        explanation:
          'In-depth training is not part of technical support. Our free Daily Demo overview may answer your ' +
          `questions; for more, we offer in-depth training modules. ${PS_NOTE}`,
        recommendTraining: true,
      }
    default:
      if (info.usualScope === 'NEEDS_PROFESSIONAL_SERVICES') {
        return {
          decision: 'NEEDS_PROFESSIONAL_SERVICES',
          rule: 'professional-services-category',
          explanation: `${info.label} is not covered by technical support: ${lowerFirst(info.description)} ${PS_NOTE}`,
        }
      }
      return {
        decision: 'IN_SCOPE',
        rule: 'in-scope-category',
        explanation: `${info.label} is covered by technical support: ${lowerFirst(info.description)}`,
      }
  }
}

/**
 * A person's decision replacing the automatic one, with a written reason (to be audited):
 * `engineer-override` for an engineer's override, `case-review` for an admin's case-by-case review
 * (which must end IN_SCOPE or NEEDS_PROFESSIONAL_SERVICES). Throws VALIDATION without a reason.
 */
export function overrideTriage(
  decision: TriageDecision,
  reason: string,
  rule: 'engineer-override' | 'case-review' = 'engineer-override',
): TriageResult {
  const text = reason.trim()
  if (text === '') {
    throw new DomainError('VALIDATION', 'Write a reason for changing the scope decision.', { field: 'reason' })
  }
  if (rule === 'case-review' && decision === 'NEEDS_REVIEW') {
    throw new DomainError('VALIDATION', 'A review must decide: in scope or Professional Services.', {
      field: 'decision',
    })
  }
  return { decision, rule, explanation: text }
}

/** A live hint for the portal's category picker, before the ticket is sent. */
export interface ScopeHint {
  readonly scope: TriageDecision
  readonly message: string
}

/** What a customer should expect for a category ("This usually needs Professional Services ..."). */
export function scopeHint(category: TicketCategory, settings: Partial<TriageSettings> = {}): ScopeHint {
  const code = parseTicketCategory(category)
  const { basicLabelAllowance, maxJoinedLabels } = checkSettings(settings)
  switch (code) {
    case 'BASIC_LABELS':
      return {
        scope: 'IN_SCOPE',
        message: `Covered by technical support for up to ${basicLabelAllowance} basic labels per contract term; more need Professional Services.`,
      }
    case 'COMBINATION_LABELS':
      return {
        scope: 'IN_SCOPE',
        message: `Covered by technical support for up to ${maxJoinedLabels} joined labels; more complex combinations need Professional Services.`,
      }
    case 'MULTI_SITE_TRACKING':
      return {
        scope: 'NEEDS_REVIEW',
        message: 'Decided case by case: some help is included, but this may need Professional Services.',
      }
    case 'GENERAL_TRAINING':
      return {
        scope: 'NEEDS_PROFESSIONAL_SERVICES',
        message:
          'This usually needs Professional Services. Our free Daily Demo or a training module may be the quickest way to learn.',
      }
    default:
      return categoryInfo(code).usualScope === 'NEEDS_PROFESSIONAL_SERVICES'
        ? {
            scope: 'NEEDS_PROFESSIONAL_SERVICES',
            message: 'This usually needs Professional Services: paid work, quoted before anything is done.',
          }
        : { scope: 'IN_SCOPE', message: 'Covered by technical support.' }
  }
}

function checkSettings(settings: Partial<TriageSettings>): TriageSettings {
  return {
    basicLabelAllowance: wholeNumber(
      settings.basicLabelAllowance ?? DEFAULT_TRIAGE_SETTINGS.basicLabelAllowance,
      'basicLabelAllowance',
      0,
    ),
    maxJoinedLabels: wholeNumber(settings.maxJoinedLabels ?? DEFAULT_TRIAGE_SETTINGS.maxJoinedLabels, 'maxJoinedLabels', 0),
  }
}

function wholeNumber(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new DomainError('VALIDATION', `${field} must be a whole number of at least ${min}; got ${String(value)}.`, {
      field,
    })
  }
  return value
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
