import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql'

/**
 * A test of a field's selection: does it ask only for `fields` of the object it returns (following inline
 * fragments and fragment spreads)? Anything conditional (@include, @skip, any directive) or unknown counts as
 * asking for more. The answer is kept per `info.fieldNodes`, the same array for every row of a list in a
 * compiled query, so a page of 50 rows looks at the selection once.
 */
export function selectsOnly(fields: readonly string[]): (info: GraphQLResolveInfo) => boolean {
  const allowed = new Set(fields)
  const answers = new WeakMap<readonly FieldNode[], boolean>()
  const within = (selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo): boolean => {
    if (!selectionSet) return false
    return selectionSet.selections.every((selection) => {
      if (selection.directives?.length) return false
      switch (selection.kind) {
        case Kind.FIELD:
          return allowed.has(selection.name.value) && !selection.arguments?.length && !selection.selectionSet
        case Kind.INLINE_FRAGMENT:
          return within(selection.selectionSet, info)
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value]
          return fragment !== undefined && !fragment.directives?.length && within(fragment.selectionSet, info)
        }
        default:
          return false
      }
    })
  }
  return (info) => {
    let answer = answers.get(info.fieldNodes)
    if (answer === undefined) {
      answer = info.fieldNodes.every((node) => !node.directives?.length && within(node.selectionSet, info))
      answers.set(info.fieldNodes, answer)
    }
    return answer
  }
}
