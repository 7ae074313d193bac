/** Enum values shared by entities, services and the schema. */
export const DESKS = ['PACIFIC', 'UK'] as const
export type DeskCode = (typeof DESKS)[number]

export const CURRENCIES = ['USD', 'GBP'] as const
export type Currency = (typeof CURRENCIES)[number]

export const STAFF_ROLES = ['ADMIN', 'ENGINEER'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const CUSTOMER_STATUSES = ['PROSPECT', 'CUSTOMER', 'FORMER'] as const
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number]
