import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError, type DomainErrorCode } from '../../errors/index.js'
import {
  DEFAULT_TRIAGE_SETTINGS,
  TICKET_CATEGORIES,
  TICKET_CATEGORY_CODES,
  categoryInfo,
  isTicketCategory,
  overrideTriage,
  parseTicketCategory,
  scopeHint,
  triage,
  type TicketCategory,
  type TriageDecision,
} from '../index.js'

function codeOf(fn: () => unknown): DomainErrorCode | 'NO_ERROR' | 'OTHER' {
  try {
    fn()
    return 'NO_ERROR'
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER'
  }
}

/** Section 7 of the policy, written out independently of the code. */
const POLICY: Record<TicketCategory, { decision: TriageDecision; rule: string }> = {
  LICENSE_UPGRADE: { decision: 'IN_SCOPE', rule: 'in-scope-category' },
  DATASET_SETUP: { decision: 'IN_SCOPE', rule: 'in-scope-category' },
  FEATURE_HELP: { decision: 'IN_SCOPE', rule: 'in-scope-category' },
  KNOWLEDGE_BASE: { decision: 'IN_SCOPE', rule: 'in-scope-category' },
  DATA_DISCREPANCY: { decision: 'IN_SCOPE', rule: 'in-scope-category' },
  BUG: { decision: 'IN_SCOPE', rule: 'in-scope-category' },
  LICENSING: { decision: 'IN_SCOPE', rule: 'in-scope-category' },
  BASIC_LABELS: { decision: 'IN_SCOPE', rule: 'basic-labels-allowance' },
  COMBINATION_LABELS: { decision: 'IN_SCOPE', rule: 'combination-labels-joined' },
  MULTI_SITE_TRACKING: { decision: 'NEEDS_REVIEW', rule: 'multi-site-case-by-case' },
  SERVER_LOG_FILES: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'professional-services-category' },
  UNUSUAL_SITE_DESIGN: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'professional-services-category' },
  DATA_INTERPRETATION: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'professional-services-category' },
  RECONCILIATION: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'professional-services-category' },
  REVENUE_CAMPAIGN_TRACKING: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'professional-services-category' },
  ISP_JDC_SETUP: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'professional-services-category' },
  AFFILIATE_TRACKING: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'professional-services-category' },
  FRAUD_DETECTION: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'professional-services-category' },
  GENERAL_TRAINING: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'general-training' },
  NETWORK_CONFIG: { decision: 'NEEDS_PROFESSIONAL_SERVICES', rule: 'professional-services-category' },
}

describe('categories', () => {
  it('lists exactly the 20 categories of the policy, each once', () => {
    expect([...TICKET_CATEGORY_CODES].sort()).toEqual(Object.keys(POLICY).sort())
    expect(new Set(TICKET_CATEGORY_CODES).size).toBe(20)
  })

  it('gives each a label and a one-sentence description for customers', () => {
    for (const category of TICKET_CATEGORIES) {
      expect(category.label.length).toBeGreaterThan(3)
      expect(category.description).toMatch(/^[A-Z].*\.$/)
      expect(category.description.length).toBeLessThan(120)
      expect(category.usualScope).toBe(POLICY[category.code].decision)
    }
    expect(new Set(TICKET_CATEGORIES.map((c) => c.label)).size).toBe(20)
  })

  it('parses known codes and refuses unknown ones', () => {
    expect(isTicketCategory('BUG')).toBe(true)
    expect(isTicketCategory('bug')).toBe(false)
    expect(parseTicketCategory('FRAUD_DETECTION')).toBe('FRAUD_DETECTION')
    expect(codeOf(() => parseTicketCategory('SOMETHING_ELSE'))).toBe('VALIDATION')
    expect(codeOf(() => triage({ category: 'NOPE' as TicketCategory, basicLabelsUsedThisTerm: 0 }))).toBe('VALIDATION')
    expect(categoryInfo('BUG').label).toBe('A possible bug')
  })
})

describe('triage of every category', () => {
  it.each(TICKET_CATEGORY_CODES.map((c) => [c]))('%s', (category) => {
    const result = triage({ category, basicLabelsUsedThisTerm: 0, labelsRequested: 1, joinedLabels: 2 })
    expect(result.decision).toBe(POLICY[category].decision)
    expect(result.rule).toBe(POLICY[category].rule)
    expect(result.explanation.length).toBeGreaterThan(20)
    if (result.decision === 'NEEDS_PROFESSIONAL_SERVICES') expect(result.explanation).toContain('quote')
    expect(result.recommendTraining ?? false).toBe(category === 'GENERAL_TRAINING')
  })

  it('general training recommends the free Daily Demo or a training module', () => {
    const result = triage({ category: 'GENERAL_TRAINING', basicLabelsUsedThisTerm: 0 })
    expect(result.recommendTraining).toBe(true)
    expect(result.explanation).toContain('Daily Demo')
    expect(result.explanation).toContain('training modules')
  })

  it('multi-site tracking goes to an admin for review', () => {
    const result = triage({ category: 'MULTI_SITE_TRACKING', basicLabelsUsedThisTerm: 0 })
    expect(result).toMatchObject({ decision: 'NEEDS_REVIEW', rule: 'multi-site-case-by-case' })
    expect(result.explanation).toMatch(/case by case/)
  })
})

describe('basic labels: 5 per contract term, counted in labels across tickets', () => {
  const basic = (used: number, requested?: number) =>
    triage(
      requested === undefined
        ? { category: 'BASIC_LABELS', basicLabelsUsedThisTerm: used }
        : { category: 'BASIC_LABELS', basicLabelsUsedThisTerm: used, labelsRequested: requested },
    )

  it.each([
    [0, 1, 'IN_SCOPE', 1],
    [4, 1, 'IN_SCOPE', 1], // the fifth label
    [0, 5, 'IN_SCOPE', 5],
    [2, 3, 'IN_SCOPE', 3],
    [5, 1, 'NEEDS_PROFESSIONAL_SERVICES', 0], // the sixth label
    [7, 1, 'NEEDS_PROFESSIONAL_SERVICES', 0],
    [0, 6, 'NEEDS_PROFESSIONAL_SERVICES', 5],
    [3, 3, 'NEEDS_PROFESSIONAL_SERVICES', 2],
  ])('%i used, %i requested: %s, counting %i', (used, requested, decision, counted) => {
    const result = basic(used, requested)
    expect(result.decision).toBe(decision)
    expect(result.labelsCounted).toBe(counted)
    expect(result.rule).toBe(decision === 'IN_SCOPE' ? 'basic-labels-allowance' : 'basic-labels-over-allowance')
  })

  it('a ticket asks for one label unless it says otherwise', () => {
    expect(basic(4).decision).toBe('IN_SCOPE')
    expect(basic(5).decision).toBe('NEEDS_PROFESSIONAL_SERVICES')
  })

  it('explains the count in words', () => {
    expect(basic(2, 2).explanation).toBe(
      "Help creating basic labels is included up to 5 per contract term. With this ticket's 2 labels, 4 of 5 are used.",
    )
    expect(basic(3, 3).explanation).toMatch(
      /^Only 2 of the 5 basic labels included this contract term are left: we can help with 2 under support, and the other 1 label of this ticket needs Professional Services\./,
    )
    expect(basic(5, 2).explanation).toMatch(/^All 5 basic labels included this contract term have been used/)
  })

  it('in scope exactly when all requested labels fit in what is left', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.integer({ min: 1, max: 20 }), (used, requested) => {
        const result = basic(used, requested)
        expect(result.decision === 'IN_SCOPE').toBe(used + requested <= 5)
        expect(result.labelsCounted).toBe(Math.min(requested, Math.max(0, 5 - used)))
      }),
    )
  })

  it('uses an allowance an admin has changed', () => {
    expect(
      triage({ category: 'BASIC_LABELS', basicLabelsUsedThisTerm: 5, labelsRequested: 1 }, { basicLabelAllowance: 8 }).decision,
    ).toBe('IN_SCOPE')
  })

  it('refuses impossible counts', () => {
    expect(codeOf(() => basic(-1, 1))).toBe('VALIDATION')
    expect(codeOf(() => basic(0, 0))).toBe('VALIDATION')
    expect(codeOf(() => basic(0, 1.5))).toBe('VALIDATION')
    expect(codeOf(() => triage({ category: 'BUG', basicLabelsUsedThisTerm: 0 }, { basicLabelAllowance: -1 }))).toBe('VALIDATION')
  })
})

describe('combination labels: up to 3 joined labels', () => {
  const combo = (joinedLabels?: number) =>
    triage(
      joinedLabels === undefined
        ? { category: 'COMBINATION_LABELS', basicLabelsUsedThisTerm: 0 }
        : { category: 'COMBINATION_LABELS', basicLabelsUsedThisTerm: 0, joinedLabels },
    )

  it.each([
    [1, 'IN_SCOPE', 'combination-labels-joined'],
    [2, 'IN_SCOPE', 'combination-labels-joined'],
    [3, 'IN_SCOPE', 'combination-labels-joined'],
    [4, 'NEEDS_PROFESSIONAL_SERVICES', 'combination-labels-too-complex'],
    [10, 'NEEDS_PROFESSIONAL_SERVICES', 'combination-labels-too-complex'],
  ])('%i joined labels: %s', (joined, decision, rule) => {
    expect(combo(joined)).toMatchObject({ decision, rule })
  })

  it('does not count against the basic label allowance', () => {
    expect(triage({ category: 'COMBINATION_LABELS', basicLabelsUsedThisTerm: 99, joinedLabels: 2 }).decision).toBe('IN_SCOPE')
  })

  it('without a count, an engineer checks', () => {
    expect(combo()).toMatchObject({ decision: 'NEEDS_REVIEW', rule: 'combination-labels-count-unknown' })
  })

  it('refuses a count below one', () => {
    expect(codeOf(() => combo(0))).toBe('VALIDATION')
  })

  it('uses a limit an admin has changed', () => {
    expect(
      triage({ category: 'COMBINATION_LABELS', basicLabelsUsedThisTerm: 0, joinedLabels: 4 }, { maxJoinedLabels: 4 }).decision,
    ).toBe('IN_SCOPE')
    expect(DEFAULT_TRIAGE_SETTINGS).toEqual({ basicLabelAllowance: 5, maxJoinedLabels: 3 })
  })
})

describe('overrideTriage', () => {
  it('records an engineer’s decision with the written reason', () => {
    expect(overrideTriage('IN_SCOPE', '  Only a small log format question. ')).toEqual({
      decision: 'IN_SCOPE',
      rule: 'engineer-override',
      explanation: 'Only a small log format question.',
    })
  })

  it('records an admin’s case-by-case review', () => {
    expect(overrideTriage('NEEDS_PROFESSIONAL_SERVICES', 'Five domains with shared carts.', 'case-review').rule).toBe(
      'case-review',
    )
  })

  it('needs a reason, and a review must decide', () => {
    expect(codeOf(() => overrideTriage('IN_SCOPE', '   '))).toBe('VALIDATION')
    expect(codeOf(() => overrideTriage('NEEDS_REVIEW', 'Not sure', 'case-review'))).toBe('VALIDATION')
  })
})

describe('scopeHint', () => {
  it.each(TICKET_CATEGORY_CODES.map((c) => [c]))('%s hints its usual scope', (category) => {
    const hint = scopeHint(category)
    expect(hint.scope).toBe(POLICY[category].decision)
    expect(hint.message.length).toBeGreaterThan(10)
  })

  it('says when Professional Services is usually needed', () => {
    expect(scopeHint('SERVER_LOG_FILES').message).toMatch(/^This usually needs Professional Services/)
    expect(scopeHint('GENERAL_TRAINING').message).toContain('Daily Demo')
    expect(scopeHint('BUG').message).toBe('Covered by technical support.')
    expect(scopeHint('BASIC_LABELS').message).toContain('up to 5 basic labels per contract term')
    expect(scopeHint('COMBINATION_LABELS', { maxJoinedLabels: 4 }).message).toContain('up to 4 joined labels')
    expect(scopeHint('MULTI_SITE_TRACKING').message).toMatch(/case by case/)
  })
})
