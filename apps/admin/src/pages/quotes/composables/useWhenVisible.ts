import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/**
 * True once the element has come into view (and from then on). A secondary panel uses it to load its data only
 * when someone scrolls to it. Without IntersectionObserver it is true at once.
 */
export function useWhenVisible(target: Ref<HTMLElement | null | undefined>, rootMargin = '200px') {
  const visible = ref(false)
  let observer: IntersectionObserver | null = null

  onMounted(() => {
    if (typeof IntersectionObserver === 'undefined' || !target.value) {
      visible.value = true
      return
    }
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          visible.value = true
          observer?.disconnect()
          observer = null
        }
      },
      { rootMargin },
    )
    observer.observe(target.value)
  })
  onBeforeUnmount(() => observer?.disconnect())

  return visible
}
