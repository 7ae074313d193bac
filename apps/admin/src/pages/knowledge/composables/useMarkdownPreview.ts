import { useClientHandle } from '@urql/vue'
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue'
import { AdminPreviewMarkdownQuery } from '../graphql/knowledge'

/** How long typing must pause before the preview is asked for. */
export const PREVIEW_DELAY_MS = 350

/**
 * The live preview of markdown being written: after a pause in typing, the API renders it with the very
 * renderer and sanitizer readers' pages use (`previewMarkdown`), so the preview is exactly what they will see.
 * Answers that arrive out of order are dropped; `initial` is the saved text's HTML, shown without a request.
 */
export function useMarkdownPreview(source: Ref<string>, initial: { markdown: string; html: string } | null = null, delay = PREVIEW_DELAY_MS) {
  const handle = useClientHandle()
  const html = ref(initial?.html ?? '')
  /** The markdown `html` shows. */
  const shown = ref(initial?.markdown ?? (source.value === '' ? '' : null))
  const error = ref<string | null>(null)
  const fetching = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let asked = 0

  async function render(markdown: string) {
    const ticket = ++asked
    if (markdown.trim() === '') {
      html.value = ''
      shown.value = markdown
      error.value = null
      fetching.value = false
      return
    }
    fetching.value = true
    const result = await handle.client.query(AdminPreviewMarkdownQuery, { markdown }, { requestPolicy: 'cache-first' }).toPromise()
    if (ticket !== asked) return // a newer text is on its way
    fetching.value = false
    const outcome = result.data?.previewMarkdown
    if (outcome?.__typename === 'QueryPreviewMarkdownSuccess') {
      html.value = outcome.html
      shown.value = markdown
      error.value = null
    } else if (outcome?.__typename === 'ValidationError') {
      error.value = outcome.fieldErrors[0]?.message ?? outcome.message
    } else {
      error.value = result.error?.networkError
        ? 'The preview could not reach Covered; it will update when you type again.'
        : 'The preview could not be made just now; it will update when you type again.'
    }
  }

  function schedule(markdown: string) {
    clearTimeout(timer)
    if (markdown === shown.value && !error.value) return
    timer = setTimeout(() => void render(markdown), delay)
  }

  watch(source, schedule)
  if (shown.value === null) void render(source.value)
  onScopeDispose(() => {
    clearTimeout(timer)
    asked++
  })

  return {
    html,
    error,
    /** Typing has not paused yet, or the preview is on its way. */
    pending: computed(() => fetching.value || shown.value !== source.value),
    /** Replaces the text shown without asking (after a save returned the article's own html). */
    reset(markdown: string, rendered: string) {
      clearTimeout(timer)
      asked++
      fetching.value = false
      html.value = rendered
      shown.value = markdown
      error.value = null
    },
  }
}
