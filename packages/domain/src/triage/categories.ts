import { DomainError } from '../errors/index.js'

/** A scope decision (section 7). */
export const TRIAGE_DECISIONS = ['IN_SCOPE', 'NEEDS_PROFESSIONAL_SERVICES', 'NEEDS_REVIEW'] as const

/** One of {@link TRIAGE_DECISIONS}. */
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number]

/** A ticket category as shown to customers, with the scope it usually gets. */
export interface TicketCategoryDefinition {
  readonly code: string
  readonly label: string
  /** One sentence a customer understands. */
  readonly description: string
  /** The decision for this category before any counting (labels) is applied. */
  readonly usualScope: TriageDecision
}

/** Every ticket category of the policy, in the order a portal lists them. */
export const TICKET_CATEGORIES = [
  {
    code: 'LICENSE_UPGRADE',
    label: 'Upgrading your license',
    description: 'Moving your license to an edition with more features.',
    usualScope: 'IN_SCOPE',
  },
  {
    code: 'DATASET_SETUP',
    label: 'Setting up a basic dataset',
    description: 'High-level guidance on setting up a basic dataset for your site.',
    usualScope: 'IN_SCOPE',
  },
  {
    code: 'FEATURE_HELP',
    label: 'Understanding a feature',
    description: 'How a specific feature of the application works.',
    usualScope: 'IN_SCOPE',
  },
  {
    code: 'KNOWLEDGE_BASE',
    label: 'A knowledge base article',
    description: 'Clarifying something covered in the knowledge base or the newsletter.',
    usualScope: 'IN_SCOPE',
  },
  {
    code: 'DATA_DISCREPANCY',
    label: 'Numbers that look wrong',
    description: 'Apparent discrepancies in the data shown in your reports.',
    usualScope: 'IN_SCOPE',
  },
  {
    code: 'BUG',
    label: 'A possible bug',
    description: 'Something in the application does not work as it should.',
    usualScope: 'IN_SCOPE',
  },
  {
    code: 'LICENSING',
    label: 'Licensing question',
    description: 'Questions about your license, license keys or activation.',
    usualScope: 'IN_SCOPE',
  },
  {
    code: 'BASIC_LABELS',
    label: 'Creating basic labels',
    description: 'Help creating basic labels: up to 5 per contract term are included.',
    usualScope: 'IN_SCOPE',
  },
  {
    code: 'COMBINATION_LABELS',
    label: 'Combining labels',
    description: 'Interpreting labels joined together: up to 3 joined labels are included.',
    usualScope: 'IN_SCOPE',
  },
  {
    code: 'MULTI_SITE_TRACKING',
    label: 'Tracking several related websites',
    description: 'Datasets that treat several websites with different domains as one property.',
    usualScope: 'NEEDS_REVIEW',
  },
  {
    code: 'SERVER_LOG_FILES',
    label: 'Server or log file problems',
    description: 'Log files that are incomplete, malformed or hard to get at because of server settings.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
  {
    code: 'UNUSUAL_SITE_DESIGN',
    label: 'Unusual website design',
    description: 'Unusual URLs, heavy redirection, frames, JavaScript or Flash navigation that hide visitor paths.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
  {
    code: 'DATA_INTERPRETATION',
    label: 'Interpreting your data',
    description: 'In-depth analysis of what your statistics mean for your site and business.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
  {
    code: 'RECONCILIATION',
    label: 'Matching another analytics tool',
    description: 'Reconciling our figures with another analytics program or system.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
  {
    code: 'REVENUE_CAMPAIGN_TRACKING',
    label: 'Revenue or campaign tracking',
    description: 'Revenue and campaign tracking that depends on your website code, logging or third-party systems.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
  {
    code: 'ISP_JDC_SETUP',
    label: 'ISP or JDC setup',
    description: 'Customising the setup of the ISP or JDC programs.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
  {
    code: 'AFFILIATE_TRACKING',
    label: 'Affiliate or third-party site tracking',
    description: 'Tracking traffic through affiliate programs or other sites outside your own.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
  {
    code: 'FRAUD_DETECTION',
    label: 'Click fraud detection',
    description: 'Using labels and traffic patterns to find click fraud.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
  {
    code: 'GENERAL_TRAINING',
    label: 'Training',
    description: 'In-depth training on the program or on web analytics in general.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
  {
    code: 'NETWORK_CONFIG',
    label: 'Network or computer changes',
    description: 'Problems after changes to permissions, file locations, firewalls, routers or other settings.',
    usualScope: 'NEEDS_PROFESSIONAL_SERVICES',
  },
] as const satisfies readonly TicketCategoryDefinition[]

/** A category code, e.g. 'BASIC_LABELS'. */
export type TicketCategory = (typeof TICKET_CATEGORIES)[number]['code']

/** Every category code, in list order. */
export const TICKET_CATEGORY_CODES: readonly TicketCategory[] = TICKET_CATEGORIES.map((c) => c.code)

/** True when `value` is a known category code. */
export function isTicketCategory(value: unknown): value is TicketCategory {
  return typeof value === 'string' && (TICKET_CATEGORY_CODES as readonly string[]).includes(value)
}

/** Returns `value` as a category, or throws VALIDATION for an unknown one. */
export function parseTicketCategory(value: unknown, field = 'category'): TicketCategory {
  if (!isTicketCategory(value)) {
    throw new DomainError('VALIDATION', `Unknown ${field} ${JSON.stringify(value)}; choose one of the listed categories.`, {
      field,
    })
  }
  return value
}

/** The label, description and usual scope of a category. */
export function categoryInfo(category: TicketCategory): TicketCategoryDefinition {
  const code = parseTicketCategory(category)
  return TICKET_CATEGORIES.find((c) => c.code === code)!
}
