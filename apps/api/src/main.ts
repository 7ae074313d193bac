import { ConfigError, loadConfig } from './config.js'
import { openDatabase } from './db/database.js'
import { DEMO_LOGINS, DEMO_PASSWORD, isEmpty, seedDemoData } from './db/seed.js'
import { createLogger } from './logger.js'
import { createMailTransport } from './modules/mail/transport.js'
import { startMailWorker } from './modules/mail/worker.js'
import { useRedisPubSub } from './modules/tickets/pubsub.js'
import { startScheduler } from './modules/tickets/scheduler.js'
import { startWebhookWorker } from './modules/webhooks/worker.js'
import { createServer } from './server.js'

/** Process entry: config -> database -> migrations -> (demo seed) -> HTTP; graceful shutdown on SIGTERM. */
async function main() {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  const database = await openDatabase(config, logger)
  const applied = database.applied
  if (applied.length) logger.info(`applied migrations: ${applied.join(', ')}`)
  let seeded = false
  if (config.seedDemoData && (await isEmpty(database.dataSource))) {
    await seedDemoData(database.dataSource, config)
    seeded = true
  }

  // Subscriptions fan out through Redis when it is configured, so every API process hears every change.
  const closePubSub = config.redisUrl ? await useRedisPubSub(config.redisUrl, logger) : async () => {}
  const server = createServer({ config, logger, database })
  const background = config.schedulerIntervalMs > 0
  const stopScheduler = background ? startScheduler(database.dataSource, logger, { intervalMs: config.schedulerIntervalMs }) : async () => {}
  // The mail and webhook workers run beside the scheduler, in every process (each outbox is shared with SKIP LOCKED).
  const mailTransport = createMailTransport(config)
  const stopMailWorker = background
    ? startMailWorker(database.dataSource, mailTransport, logger, { from: config.mail.from, intervalMs: config.schedulerIntervalMs })
    : async () => mailTransport.close()
  const stopWebhooks = background
    ? startWebhookWorker(database.dataSource, logger, { intervalMs: config.schedulerIntervalMs, timeoutMs: config.webhookTimeoutMs })
    : async () => {}
  await new Promise<void>((resolve, reject) => {
    server.http.once('error', reject)
    server.http.listen(config.port, config.host, resolve)
  })
  const address = server.http.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const loopbackOrAny = ['0.0.0.0', '127.0.0.1', '::', '::1'].includes(config.host)
  const base = `http://${loopbackOrAny ? 'localhost' : config.host}:${port}`
  const lines = [
    `Covered is up on ${base} (database: ${database.describe}${seeded ? ', demo data seeded' : ''}; live updates: ${config.redisUrl ? 'Redis' : 'in process'})`,
    `  Admin:   ${base}/admin/`,
    `  Portal:  ${base}/portal/`,
    `  GraphQL: ${base}/graphql`,
    `  Health:  ${base}/health/live  ${base}/health/ready`,
    `  Mail:    ${mailTransport.description}`,
  ]
  if (config.seedDemoData) {
    lines.push(`  Demo logins (password "${DEMO_PASSWORD}"):`)
    for (const login of DEMO_LOGINS) lines.push(`    ${login.role.padEnd(36)} ${login.email.padEnd(28)} ${base}/${login.app}/`)
  }
  console.log(lines.join('\n'))

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal}: finishing requests in flight, then stopping`)
    await server.drain(config.shutdownTimeoutMs)
    await Promise.all([stopScheduler(), stopMailWorker(), stopWebhooks()])
    await closePubSub()
    await database.close()
    logger.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message)
  else console.error('Covered could not start:', error)
  process.exit(1)
})
