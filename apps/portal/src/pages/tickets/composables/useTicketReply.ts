import { readOutcome, type FormProblem } from '@covered/ui'
import { useMutation } from '@urql/vue'
import { ref, toValue, type MaybeRefOrGetter } from 'vue'
import { PortalReplyToTicketMutation } from '../graphql/tickets'
import type { TicketDetail } from './useTicketDetail'

/** The reply box: sends a public reply; the server's refusal (a closed ticket, say) is shown above it. */
export function useTicketReply(ticketId: MaybeRefOrGetter<string>, onReplied: (ticket: TicketDetail) => void) {
  const body = ref('')
  const error = ref<string | null>(null)
  const problem = ref<FormProblem | null>(null)
  const sending = ref(false)
  const mutation = useMutation(PortalReplyToTicketMutation)

  async function send(): Promise<boolean> {
    if (sending.value) return false
    problem.value = null
    error.value = body.value.trim() ? null : 'Write your reply first.'
    if (error.value) return false
    sending.value = true
    try {
      const result = await mutation.executeMutation({ ticketId: toValue(ticketId), body: body.value })
      const outcome = result.data?.replyToTicket
      if (outcome?.__typename === 'MutationReplyToTicketSuccess') {
        body.value = ''
        onReplied(outcome.ticket)
        return true
      }
      const read = readOutcome(result.error, outcome, ['body'])
      error.value = read.fieldErrors.body ?? null
      // A message about the reply itself goes beside the box; anything else (a closed ticket) above it.
      problem.value = error.value || !read.problem ? null : { ...read.problem, title: 'Your reply was not sent' }
      return false
    } finally {
      sending.value = false
    }
  }

  return { body, error, problem, sending, send }
}
