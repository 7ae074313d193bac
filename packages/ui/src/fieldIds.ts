import { computed, useId } from 'vue'

/**
 * The ids that tie a field's control to its label, hint and error: `aria-describedby` names the error first,
 * then the hint, and only those shown.
 */
export function useFieldIds(props: { id?: string; hint?: string; error?: string | null }) {
  const generatedId = useId()
  const inputId = computed(() => props.id ?? `field-${generatedId}`)
  const hintId = computed(() => `${inputId.value}-hint`)
  const errorId = computed(() => `${inputId.value}-error`)
  const describedBy = computed(() => {
    const ids: string[] = []
    if (props.error) ids.push(errorId.value)
    if (props.hint) ids.push(hintId.value)
    return ids.length ? ids.join(' ') : undefined
  })
  return { inputId, hintId, errorId, describedBy }
}
