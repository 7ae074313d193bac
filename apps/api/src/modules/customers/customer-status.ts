import type { CustomerStatus } from '../../graphql/enums.js'

/** Policy section 2: PROSPECT never held a license, CUSTOMER holds one, FORMER has retired them all. */
export function customerStatusFromLicenses(licenses: { holdsLicense: boolean; heldLicense: boolean }): CustomerStatus {
  if (licenses.holdsLicense) return 'CUSTOMER'
  return licenses.heldLicense ? 'FORMER' : 'PROSPECT'
}
