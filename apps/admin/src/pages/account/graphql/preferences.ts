import { graphql } from '../../../gql'

export const NotificationPreferencesQuery = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      kind
      label
      description
      enabled
      defaultEnabled
    }
  }
`)

export const SetNotificationPreferenceMutation = graphql(`
  mutation SetNotificationPreference($kind: NotificationKind!, $enabled: Boolean!) {
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
