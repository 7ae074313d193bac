import { graphql } from '../../../gql'

export const PortalNotificationPreferencesQuery = graphql(`
  query PortalNotificationPreferences {
    notificationPreferences {
      kind
      label
      description
      enabled
      defaultEnabled
    }
  }
`)

export const PortalSetNotificationPreferenceMutation = graphql(`
  mutation PortalSetNotificationPreference($kind: NotificationKind!, $enabled: Boolean!) {
    setNotificationPreference(kind: $kind, enabled: $enabled) {
      __typename
      ... on MutationSetNotificationPreferenceSuccess {
        preferences {
          kind
          label
          description
          enabled
          defaultEnabled
        }
      }
      ...TypedError
    }
  }
`)
