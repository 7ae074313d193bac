import { loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { openDatabase } from './database.js'
import { dropEverything, migrate } from './migrate.js'
import { isEmpty, seedDemoData } from './seed.js'

/** `pnpm db:migrate`, `pnpm db:seed`, `pnpm db:reset` (drop everything, migrate, seed). */
const command = process.argv[2]
const config = loadConfig()
const logger = createLogger(config.logLevel)
const database = await openDatabase(config, logger)
try {
  if (command === 'reset') {
    await dropEverything(database.dataSource)
    logger.info(`reset: dropped everything in ${database.describe}`)
  }
  if (command === 'migrate' || command === 'reset' || command === 'seed') {
    const applied = await migrate(database.dataSource, { lock: database.kind === 'postgres' })
    logger.info(applied.length ? `migrated: ${applied.join(', ')}` : 'migrations: already up to date')
  }
  if (command === 'seed' || command === 'reset') {
    if (await isEmpty(database.dataSource)) {
      await seedDemoData(database.dataSource)
      logger.info('seeded the demo data')
    } else {
      logger.info('seed: the database already has data; nothing seeded')
    }
  }
  if (!['migrate', 'seed', 'reset'].includes(command ?? '')) {
    logger.error('usage: cli.ts migrate|seed|reset')
    process.exitCode = 2
  }
} finally {
  await database.close()
}
