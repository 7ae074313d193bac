import { graphql } from '../../../gql'

export const ApiTokenFieldsFragment = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    prefix
    scope
    status
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
    boundCustomer {
      id
      name
    }
    createdBy {
      id
      name
    }
  }
`)

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      ...ApiTokenFields
    }
  }
`)

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on MutationCreateApiTokenSuccess {
        created {
          secret
          apiToken {
            ...ApiTokenFields
          }
        }
      }
      ...TypedError
    }
  }
`)

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on MutationRevokeApiTokenSuccess {
        apiToken {
          ...ApiTokenFields
        }
      }
      ...TypedError
    }
  }
`)

export const IntegrationCustomersQuery = graphql(`
  query IntegrationCustomers($search: String) {
    customers(first: 50, search: $search) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`)

export const WebhookEndpointFieldsFragment = graphql(`
  fragment WebhookEndpointFields on WebhookEndpoint {
    id
    url
    description
    eventTypes
    active
    secretPrefix
    createdAt
    updatedAt
    pendingCount
    failedCount
    lastDeliveredAt
    customer {
      id
      name
    }
    createdBy {
      id
      name
    }
  }
`)

export const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      ...WebhookEndpointFields
    }
  }
`)

export const CreateWebhookEndpointMutation = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      __typename
      ... on MutationCreateWebhookEndpointSuccess {
        created {
          signingSecret
          endpoint {
            ...WebhookEndpointFields
          }
        }
      }
      ...TypedError
    }
  }
`)

export const UpdateWebhookEndpointMutation = graphql(`
  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) {
      __typename
      ... on MutationUpdateWebhookEndpointSuccess {
        endpoint {
          ...WebhookEndpointFields
        }
      }
      ...TypedError
    }
  }
`)

export const RotateWebhookSecretMutation = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSigningSecret(id: $id) {
      __typename
      ... on MutationRotateWebhookSigningSecretSuccess {
        rotated {
          signingSecret
          endpoint {
            ...WebhookEndpointFields
          }
        }
      }
      ...TypedError
    }
  }
`)

export const WebhookEndpointQuery = graphql(`
  query WebhookEndpoint($id: ID!, $status: WebhookDeliveryStatus, $after: String) {
    webhookEndpoint(id: $id) {
      ...WebhookEndpointFields
      deliveries(first: 20, after: $after, status: $status) {
        edges {
          node {
            id
            eventId
            eventType
            status
            attemptCount
            nextAttemptAt
            giveUpAt
            createdAt
            deliveredAt
            lastResponseStatus
            lastError
            payload
            attempts {
              id
              attemptedAt
              responseStatus
              durationMs
              succeeded
              error
            }
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

export const RedeliverWebhookMutation = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      __typename
      ... on MutationRedeliverWebhookSuccess {
        delivery {
          id
          status
          nextAttemptAt
          giveUpAt
        }
      }
      ...TypedError
    }
  }
`)
