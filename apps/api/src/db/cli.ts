import { loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { openDatabase } from './database.js'
import { dropEverything } from './migrate.js'
import { isEmpty, seedDemoData } from './seed.js'

/** `pnpm db:migrate`, `pnpm db:seed`, `pnpm db:reset` (drop everything, migrate, seed). */
const command = process.argv[2]
const config = loadConfig()
const logger = createLogger(config.logLevel)
// Opening the database migrates it (as the owner); db:reset drops everything first.
const database = await openDatabase(config, logger, {
  beforeMigrate: command === 'reset'
    ? async (owner) => {
        await dropEverything(owner)
        logger.info('reset: dropped everything')
      }
    : undefined,
})
try {
  if (command === 'migrate' || command === 'reset' || command === 'seed') {
    const applied = database.applied
    logger.info(applied.length ? `migrated: ${applied.join(', ')}` : 'migrations: already up to date')
  }
  if (command === 'seed' || command === 'reset') {
    if (await isEmpty(database.dataSource)) {
      await seedDemoData(database.dataSource, config)
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
