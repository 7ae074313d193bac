import { readOutcome, type FormProblem } from '@covered/ui'
import { useMutation } from '@urql/vue'
import { computed, reactive, ref } from 'vue'
import type { OpenTicketInput, TicketCategory } from '../../../gql/graphql'
import { PortalOpenTicketMutation } from '../graphql/tickets'

/** The fields the form shows the server's messages beside. */
export const TICKET_FIELDS = ['subject', 'category', 'body', 'labelsRequested', 'joinedLabels'] as const
export type TicketField = (typeof TICKET_FIELDS)[number]

/** A key for one form: sending the same form twice (a double click, a retry) opens one ticket. */
export function newIdempotencyKey(): string {
  const random = globalThis.crypto?.randomUUID?.()
  return `portal-${random ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`}`
}

const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : null)

/**
 * The "open a ticket" form: its values, checks before sending, the server's answer (field errors beside the
 * fields, anything else at the top), and one idempotency key for the life of the form.
 */
export function useOpenTicketForm() {
  const values = reactive({ subject: '', category: '' as TicketCategory | '', body: '', labelsRequested: '1', joinedLabels: '' })
  const errors = ref<Partial<Record<TicketField, string>>>({})
  const problem = ref<FormProblem | null>(null)
  const idempotencyKey = ref(newIdempotencyKey())
  const mutation = useMutation(PortalOpenTicketMutation)
  const sending = ref(false)

  const asksLabels = computed(() => values.category === 'BASIC_LABELS')
  const asksJoined = computed(() => values.category === 'COMBINATION_LABELS')

  function check(): boolean {
    const next: Partial<Record<TicketField, string>> = {}
    if (!values.subject.trim()) next.subject = 'Enter a subject: one line saying what the question is about.'
    if (!values.category) next.category = 'Choose the category that fits your question best.'
    if (!values.body.trim()) next.body = 'Describe your question.'
    if (asksLabels.value && wholeNumber(values.labelsRequested) === null) next.labelsRequested = 'Enter how many labels, as a whole number.'
    if (asksJoined.value && wholeNumber(values.joinedLabels) === null) next.joinedLabels = 'Enter how many labels are joined, as a whole number.'
    errors.value = next
    return Object.keys(next).length === 0
  }

  function input(): OpenTicketInput {
    return {
      subject: values.subject.trim(),
      body: values.body,
      category: values.category as TicketCategory,
      labelsRequested: asksLabels.value ? wholeNumber(values.labelsRequested) : null,
      joinedLabels: asksJoined.value ? wholeNumber(values.joinedLabels) : null,
      idempotencyKey: idempotencyKey.value,
    }
  }

  /** Sends the form once; resolves to the new ticket's id, or null when it was not opened. */
  async function submit(): Promise<string | null> {
    if (sending.value) return null // a second click while the first is on its way
    problem.value = null
    if (!check()) return null
    sending.value = true
    try {
      const result = await mutation.executeMutation({ input: input() })
      const outcome = result.data?.openTicket
      if (outcome?.__typename === 'MutationOpenTicketSuccess') return outcome.ticket.id
      const read = readOutcome(result.error, outcome, TICKET_FIELDS)
      errors.value = read.fieldErrors
      problem.value = read.problem
      const keyError = outcome?.__typename === 'ValidationError' && outcome.fieldErrors.some((f) => f.field.split('.').pop() === 'idempotencyKey')
      if (keyError && read.problem) {
        // The first sending did open a ticket (its answer was lost), and the form has changed since: say so, and
        // let the next Send open a new ticket.
        idempotencyKey.value = newIdempotencyKey()
        problem.value = {
          ...read.problem,
          title: 'Your earlier question was already sent',
          text: 'We received this form once already; you can find it under Tickets. Send again to open a new ticket with what you have now.',
        }
      }
      return null
    } finally {
      sending.value = false
    }
  }

  /** Editing a field clears the message beside it. */
  function clearError(field: TicketField) {
    if (!(field in errors.value)) return
    const next = { ...errors.value }
    delete next[field]
    errors.value = next
  }

  return { values, errors, problem, sending, asksLabels, asksJoined, idempotencyKey, submit, clearError }
}
