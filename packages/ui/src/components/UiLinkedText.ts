import { defineComponent, Fragment, h, type PropType } from 'vue'
import { linkifyText } from '../linkify'

/**
 * Plain text (a ticket message) with its links made clickable: `[label](/portal/…)` as an engineer's citation writes
 * it, and bare http(s) addresses. Rendered as text nodes and anchors only (a render function, so no template
 * whitespace creeps into the text), never as HTML; a link whose target is not http(s) or a path on this site stays
 * text. Links to other sites open in a new tab without handing it this page (`noopener noreferrer`);
 * `newTab="all"` opens every link in a new tab.
 */
export default defineComponent({
  name: 'UiLinkedText',
  props: {
    text: { type: String, required: true },
    newTab: { type: String as PropType<'external' | 'all'>, default: 'external' },
  },
  setup(props) {
    return () =>
      h(
        Fragment,
        linkifyText(props.text).map((segment) => {
          if (segment.kind === 'text') return segment.text
          const newTab = segment.external || props.newTab === 'all'
          return h(
            'a',
            {
              class: 'cv-text-link',
              href: segment.href,
              target: newTab ? '_blank' : undefined,
              rel: segment.external ? 'noopener noreferrer nofollow' : newTab ? 'noopener' : undefined,
              'data-external': segment.external ? 'true' : undefined,
            },
            segment.text,
          )
        }),
      )
  },
})
