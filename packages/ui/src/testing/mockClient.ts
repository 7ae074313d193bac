import { Client, makeErrorResult, makeResult, type Exchange, type Operation } from '@urql/vue'
import type { OperationDefinitionNode } from 'graphql'
import { fromPromise, mergeMap, never, pipe, filter } from 'wonka'

/** What a fake API answers: a GraphQL response body, a network failure, or nothing yet. */
export type Reply = { data?: unknown; errors?: { message: string }[] } | Error | 'pending'
export type Responder = (operation: Operation) => Reply | Promise<Reply>

export function operationName(operation: Operation): string {
  const definition = operation.query.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
  return definition?.name?.value ?? ''
}

/**
 * A real urql Client whose only exchange answers from `respond`: no network, but the same
 * request/response path the app uses (cache, useQuery, useMutation).
 */
export function mockClient(respond: Responder | Record<string, Reply | ((op: Operation) => Reply | Promise<Reply>)>) {
  const operations: Operation[] = []
  const answer: Responder =
    typeof respond === 'function'
      ? respond
      : (op) => {
          const entry = respond[operationName(op)]
          if (entry === undefined) throw new Error(`mockClient: no reply for ${operationName(op)}`)
          return typeof entry === 'function' ? entry(op) : entry
        }
  const exchange: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        operations.push(op)
        return pipe(
          fromPromise(Promise.resolve().then(() => answer(op))),
          mergeMap((reply) => {
            if (reply === 'pending') return never
            return fromPromise(
              Promise.resolve(reply instanceof Error ? makeErrorResult(op, reply) : makeResult(op, reply as never)),
            )
          }),
        )
      }),
    )
  const client = new Client({ url: 'http://covered.test/graphql', exchanges: [exchange] })
  return {
    client,
    operations,
    /** Operations sent so far with this name. */
    sent: (name: string) => operations.filter((op) => operationName(op) === name),
  }
}
