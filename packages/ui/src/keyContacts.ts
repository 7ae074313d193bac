import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useMutation } from '@urql/vue'
import { ref } from 'vue'
import type { KeyContactChange } from './components/UiKeyContactsEditor.vue'
import type UiKeyContactsEditor from './components/UiKeyContactsEditor.vue'
import type { TypedOutcome } from './outcome'
import { useFormSubmit } from './useFormSubmit'

/** `mutation (…) { changeKeyContacts(contractId:, expectedVersion:, reason:, addContactId:, removeContactId:) { … } }` */
export type ChangeKeyContactsDocument = TypedDocumentNode<
  { changeKeyContacts: TypedOutcome },
  { contractId: string; expectedVersion: number; reason: string; addContactId: string | null; removeContactId: string | null }
>

/**
 * Names, removes and swaps a contract's key contacts through UiKeyContactsEditor (bind `editor` as its ref),
 * with the app's typed mutation; says what changed, by name, once `refresh` has reloaded the contract.
 */
export function useKeyContactChanges(
  mutation: ChangeKeyContactsDocument,
  options: { contract: () => { id: string; version: number }; nameOf: (id: string | undefined) => string; refresh: () => Promise<unknown> },
) {
  const { executeMutation } = useMutation(mutation)
  const submit = useFormSubmit(['addContactId', 'contactId', 'reason'])
  const editor = ref<InstanceType<typeof UiKeyContactsEditor> | null>(null)
  const message = ref<string | null>(null)
  const { nameOf } = options

  async function change(input: KeyContactChange) {
    message.value = null
    const contract = options.contract()
    const ok = await submit.run(
      () =>
        executeMutation({
          contractId: contract.id,
          expectedVersion: contract.version,
          reason: input.reason,
          addContactId: input.addContactId ?? null,
          removeContactId: input.removeContactId ?? null,
        }),
      (data) => data.changeKeyContacts,
      options.refresh,
    )
    if (!ok) return
    message.value =
      input.addContactId && input.removeContactId
        ? `${nameOf(input.addContactId)} replaces ${nameOf(input.removeContactId)} as a key contact.`
        : input.addContactId
          ? `${nameOf(input.addContactId)} is now a key contact.`
          : `${nameOf(input.removeContactId)} is no longer a key contact.`
    await editor.value?.close()
  }

  return { submit, editor, message, change }
}
