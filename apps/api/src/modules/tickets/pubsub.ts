import { createRedisEventTarget } from '@graphql-yoga/redis-event-target'
import { createPubSub } from 'graphql-yoga'
import { Redis } from 'ioredis'
import type { Logger } from '../../logger.js'

/** What subscribers hear: a ticket changed (its id, desk and customer, so each subscriber can filter). */
export interface TicketChanged {
  ticketId: string
  desk: string
  customerId: string
  /** Why, e.g. "reply", "status", "sla-breach". */
  reason: string
}

/** The topic, and with Redis the channel name (prefixed, so a shared Redis can serve other things too). */
const TOPIC = 'covered:ticket-changed'
type Topics = { [TOPIC]: [TicketChanged] }

/**
 * Pub/sub for GraphQL subscriptions: in this process by default; across every API process once
 * `useRedisPubSub` has run (REDIS_URL). Publishing happens after the transaction commits, so a subscriber
 * never hears of a change it cannot read yet.
 */
let pubsub = createPubSub<Topics>()

export function publishTicketChanged(event: TicketChanged): void {
  pubsub.publish(TOPIC, event)
}

/** Every ticket change from now on, from this process or (with Redis) any other. */
export function subscribeTicketChanges() {
  return pubsub.subscribe(TOPIC)
}

async function connected(client: Redis, url: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
  } catch (error) {
    client.disconnect()
    throw new Error(`REDIS_URL: Redis does not answer at ${redactedUrl(url)} (${(error as Error).message}).`, { cause: error })
  } finally {
    clearTimeout(timer)
  }
}

function redactedUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}

/**
 * Fans subscription events out through Redis (graphql-yoga's Redis event target over ioredis): a change made
 * through one API process reaches subscribers of every other. Fails when Redis does not answer at start;
 * later outages are logged, and ioredis reconnects and resubscribes by itself. Returns a function that
 * closes both connections and falls back to in-process pub/sub.
 */
export async function useRedisPubSub(url: string, logger: Logger, options: { connectTimeoutMs?: number } = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.connectTimeoutMs ?? 10_000
  // A live update that cannot be sent is dropped with a warning (clients re-read on reconnect), never queued
  // without bound and never an unhandled rejection.
  const publishClient = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: timeoutMs })
  const subscribeClient = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, connectTimeout: timeoutMs })
  let lastLogged = 0
  const logError = (error: Error) => {
    if (Date.now() - lastLogged < 10_000) return
    lastLogged = Date.now()
    logger.warn(`redis: ${error.message}`)
  }
  publishClient.on('error', logError)
  subscribeClient.on('error', logError)
  await Promise.all([connected(publishClient, url, timeoutMs), connected(subscribeClient, url, timeoutMs)])

  const safePublisher = new Proxy(publishClient, {
    get(target, property, receiver) {
      if (property !== 'publish') return Reflect.get(target, property, receiver)
      return (channel: string, message: string) =>
        target.publish(channel, message).catch((error: Error) => {
          logger.warn(`redis: a live update was not published (${error.message})`)
          return 0
        })
    },
  })
  pubsub = createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient: safePublisher, subscribeClient }) })
  return async () => {
    pubsub = createPubSub<Topics>()
    await Promise.allSettled([publishClient.quit(), subscribeClient.quit()])
  }
}
