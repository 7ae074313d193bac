import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useMutation, useQuery } from '@urql/vue'
import { computed, ref, watch } from 'vue'
import type { NotificationChoice } from './components/UiNotificationPreferences.vue'
import { unexpectedErrorMessage } from './errors'
import { useRetry } from './useRetry'

/** `query { notificationPreferences { kind label description enabled defaultEnabled } }` */
export type NotificationPreferencesDocument = TypedDocumentNode<{ notificationPreferences: readonly NotificationChoice[] }, Record<string, never>>

/** `mutation ($kind: NotificationKind!, $enabled: Boolean!) { setNotificationPreference(…) { … } }` */
export type SetNotificationPreferenceDocument<Kind extends string> = TypedDocumentNode<
  {
    setNotificationPreference:
      | { __typename: 'MutationSetNotificationPreferenceSuccess'; preferences: readonly NotificationChoice[] }
      | { __typename: 'ForbiddenError' | 'ValidationError'; message: string }
  },
  { kind: Kind; enabled: boolean }
>

/**
 * The signed-in person's email choices, with the app's typed documents: each switch saves at once, shows
 * "Saved" on its row, and goes back (with the reason beside it) when the change did not save. `pause` (e.g. a
 * staff member in the portal) asks nothing.
 */
export function useNotificationPreferences<Kind extends string>(documents: {
  query: NotificationPreferencesDocument
  mutation: SetNotificationPreferenceDocument<Kind>
  pause?: boolean
}) {
  const query = useQuery({ query: documents.query, requestPolicy: 'cache-and-network', pause: documents.pause ?? false })
  const save = useMutation(documents.mutation)
  const choices = ref<NotificationChoice[]>([])
  watch(
    () => query.data.value?.notificationPreferences,
    (list) => {
      if (list) choices.value = list.map((p) => ({ ...p }))
    },
    { immediate: true },
  )
  const loading = computed(() => query.fetching.value && !query.data.value)
  const error = computed(() => (query.error.value && !query.data.value ? unexpectedErrorMessage(query.error.value) : null))
  const saving = ref<string | null>(null)
  const saved = ref<string | null>(null)
  const errors = ref<Record<string, string>>({})
  const { retrying, retry } = useRetry(() => query.executeQuery({ requestPolicy: 'network-only' }))

  async function change(kind: string, enabled: boolean) {
    const choice = choices.value.find((c) => c.kind === kind)
    if (!choice) return
    choice.enabled = enabled
    saving.value = kind
    saved.value = null
    const { [kind]: _, ...rest } = errors.value
    errors.value = rest
    const result = await save.executeMutation({ kind: kind as Kind, enabled })
    saving.value = null
    const payload = result.data?.setNotificationPreference
    if (payload?.__typename === 'MutationSetNotificationPreferenceSuccess') {
      choices.value = payload.preferences.map((p) => ({ ...p }))
      saved.value = kind
    } else {
      choice.enabled = !enabled
      errors.value = { ...errors.value, [kind]: payload && 'message' in payload ? payload.message : unexpectedErrorMessage(result.error) }
    }
  }

  return { choices, loading, error, saving, saved, errors, retrying, retry, change }
}
