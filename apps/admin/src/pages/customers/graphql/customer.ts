import { graphql } from '../../../gql'

export const ContractTermFieldsFragment = graphql(`
  fragment ContractTermFields on ContractTerm {
    id
    start
    end
    status
    cancelledOn
    cancelReason
    fee {
      amount
      currency
      formatted
    }
  }
`)

export const CustomerLicenseFragment = graphql(`
  fragment CustomerLicense on License {
    id
    licenseKey
    purchasedOn
    state
    retiredAt
    replacedAt
    version
    edition {
      id
      name
      rank
    }
    price {
      amount
      currency
      formatted
    }
    replacedBy {
      id
      licenseKey
      edition {
        id
        name
      }
    }
  }
`)

export const CustomerContractFragment = graphql(`
  fragment CustomerContract on Contract {
    id
    kind
    status
    version
    keyContactCap
    license {
      id
      licenseKey
      state
      edition {
        id
        name
      }
    }
    currentTerm {
      ...ContractTermFields
    }
    terms {
      ...ContractTermFields
    }
    keyContacts {
      id
      name
      email
    }
  }
`)

export const CustomerContactFragment = graphql(`
  fragment CustomerContact on Contact {
    id
    name
    email
    isCustomerAdmin
    portalAccess
    portalStatus
    lastSignInAt
    timeZone
    version
    entitlement {
      plan
      lane
      rule
      reasons
      remedies
    }
  }
`)

export const CustomerDetailQuery = graphql(`
  query CustomerDetail($id: ID!) {
    customer(id: $id) {
      id
      name
      status
      homeDesk
      currency
      createdAt
      version
      licenses {
        ...CustomerLicense
      }
      contracts {
        ...CustomerContract
      }
      contacts {
        ...CustomerContact
      }
    }
    productEditions {
      id
      name
      rank
    }
  }
`)

export const CustomerAuditQuery = graphql(`
  query CustomerAudit($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) {
      id
      auditTrail(first: $first, after: $after) {
        edges {
          cursor
          node {
            id
            at
            actorKind
            actorName
            action
            entityType
            entityId
            before
            after
            reason
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`)

// The mutations below select no records on purpose: after a change the page refetches the customer and its
// audit trail itself (network-only), once, instead of the document cache refetching them a second time.

export const UpdateCustomerMutation = graphql(`
  mutation UpdateCustomer($input: UpdateCustomerInput!) {
    updateCustomer(input: $input) {
      __typename
      ... on MutationUpdateCustomerSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const CreateLicenseMutation = graphql(`
  mutation CreateLicense($input: CreateLicenseInput!) {
    createLicense(input: $input) {
      __typename
      ... on MutationCreateLicenseSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const UpgradeLicenseMutation = graphql(`
  mutation UpgradeLicense($input: UpgradeLicenseInput!) {
    upgradeLicense(input: $input) {
      __typename
      ... on MutationUpgradeLicenseSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const RetireLicenseMutation = graphql(`
  mutation RetireLicense($licenseId: ID!, $expectedVersion: Int!, $reason: String!) {
    retireLicense(licenseId: $licenseId, expectedVersion: $expectedVersion, reason: $reason) {
      __typename
      ... on MutationRetireLicenseSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const CreateContractMutation = graphql(`
  mutation CreateContract($input: CreateContractInput!) {
    createContract(input: $input) {
      __typename
      ... on MutationCreateContractSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const RenewContractMutation = graphql(`
  mutation RenewContract($contractId: ID!, $expectedVersion: Int!) {
    renewContract(contractId: $contractId, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationRenewContractSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const CancelContractMutation = graphql(`
  mutation CancelContract($contractId: ID!, $expectedVersion: Int!, $reason: String!, $effectiveOn: Date) {
    cancelContract(contractId: $contractId, expectedVersion: $expectedVersion, reason: $reason, effectiveOn: $effectiveOn) {
      __typename
      ... on MutationCancelContractSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const AdminChangeKeyContactsMutation = graphql(`
  mutation AdminChangeKeyContacts(
    $contractId: ID!
    $expectedVersion: Int!
    $reason: String!
    $addContactId: ID
    $removeContactId: ID
  ) {
    changeKeyContacts(
      contractId: $contractId
      expectedVersion: $expectedVersion
      reason: $reason
      addContactId: $addContactId
      removeContactId: $removeContactId
    ) {
      __typename
      ... on MutationChangeKeyContactsSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const CreateContactMutation = graphql(`
  mutation CreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on MutationCreateContactSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const UpdateContactMutation = graphql(`
  mutation UpdateContact($input: UpdateContactInput!) {
    updateContact(input: $input) {
      __typename
      ... on MutationUpdateContactSuccess {
        __typename
      }
      ...TypedError
    }
  }
`)

export const InviteToPortalMutation = graphql(`
  mutation InviteToPortal($contactId: ID!) {
    inviteToPortal(contactId: $contactId) {
      __typename
      ... on MutationInviteToPortalSuccess {
        contact {
          id
          portalStatus
        }
      }
      ...TypedError
    }
  }
`)

export const SendPortalPasswordResetMutation = graphql(`
  mutation SendPortalPasswordReset($contactId: ID!) {
    sendPortalPasswordReset(contactId: $contactId) {
      __typename
      ... on MutationSendPortalPasswordResetSuccess {
        contact {
          id
          portalStatus
        }
      }
      ...TypedError
    }
  }
`)

export const RevokePortalAccessMutation = graphql(`
  mutation RevokePortalAccess($contactId: ID!) {
    revokePortalAccess(contactId: $contactId) {
      __typename
      ... on MutationRevokePortalAccessSuccess {
        contact {
          id
          portalStatus
        }
      }
      ...TypedError
    }
  }
`)
