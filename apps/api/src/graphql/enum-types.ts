import { builder } from './builder.js'
import { CURRENCIES, CUSTOMER_STATUSES, DESKS, STAFF_ROLES } from './enums.js'

export const DeskEnum = builder.enumType('Desk', {
  description: 'A support desk: PACIFIC answers 07:00–18:00 Los Angeles time, UK 08:00–17:00 London time.',
  values: DESKS,
})

export const CurrencyEnum = builder.enumType('Currency', { description: 'A billing currency.', values: CURRENCIES })

export const StaffRoleEnum = builder.enumType('StaffRole', {
  description: 'ADMIN may do everything; ENGINEER works tickets, drafts quotes and logs time.',
  values: STAFF_ROLES,
})

export const CustomerStatusEnum = builder.enumType('CustomerStatus', {
  description: 'Derived from licenses: PROSPECT never held one, CUSTOMER holds one, FORMER retired them all.',
  values: CUSTOMER_STATUSES,
})
