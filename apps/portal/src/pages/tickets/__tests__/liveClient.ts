import { Client, makeErrorResult, makeResult, type Exchange, type Operation, type OperationResult } from '@urql/vue'
import { filter, fromPromise, makeSubject, map, mergeMap, never, onEnd, pipe, share, takeUntil, type Source, type Subject } from 'wonka'
import { operationName, type Reply } from '@covered/ui/testing'

type Answer = Reply | ((operation: Operation) => Reply | Promise<Reply>)

/**
 * Like the portal's mockClient (a real urql Client answered by name, no network), and subscriptions stay open:
 * `push(name, data)` delivers an event to every live subscription of that name, as the API's SSE stream would.
 */
export function liveClient(replies: Record<string, Answer>) {
  const operations: Operation[] = []
  const live: { operation: Operation; subject: Subject<unknown>; open: boolean }[] = []

  const exchange: Exchange = () => (ops$) => {
    const shared = pipe(ops$, share)
    return pipe(
      shared,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        operations.push(op)
        const ended = pipe(
          shared,
          filter((other) => other.kind === 'teardown' && other.key === op.key),
        )
        if (op.kind === 'subscription') {
          const subject = makeSubject<unknown>()
          const entry = { operation: op, subject, open: true }
          live.push(entry)
          return pipe(
            subject.source,
            map((event): OperationResult => (event instanceof Error ? makeErrorResult(op, event) : makeResult(op, { data: event as Record<string, unknown> }))),
            takeUntil(ended),
            onEnd(() => (entry.open = false)),
          ) as Source<OperationResult>
        }
        const entry = replies[operationName(op)]
        if (entry === undefined) throw new Error(`liveClient: no reply for ${operationName(op)}`)
        return pipe(
          fromPromise(Promise.resolve().then(() => (typeof entry === 'function' ? entry(op) : entry))),
          mergeMap((reply) => {
            if (reply === 'pending') return never
            return fromPromise(Promise.resolve(reply instanceof Error ? makeErrorResult(op, reply) : makeResult(op, reply as never)))
          }),
        )
      }),
    )
  }

  const client = new Client({ url: 'http://covered.test/graphql', exchanges: [exchange] })
  const sent = (name: string) => operations.filter((op) => operationName(op) === name)
  return {
    client,
    operations,
    sent,
    /** Subscriptions of this name that are open now. */
    subscribed: (name: string) => live.filter((l) => l.open && operationName(l.operation) === name),
    /** An event (the subscription's `data`, or an Error for a dropped connection) to every open subscription named so. */
    push(name: string, event: unknown) {
      for (const l of live) if (l.open && operationName(l.operation) === name) l.subject.next(event)
    },
  }
}
