import { DataSource, type Logger as TypeOrmLogger } from 'typeorm'
import { ApiToken } from '../modules/accounts/api-token.entity.js'
import { Session } from '../modules/accounts/session.entity.js'
import { StaffUser } from '../modules/accounts/staff-user.entity.js'
import { AuditEntry } from '../modules/audit/audit-entry.entity.js'
import { Contact } from '../modules/customers/contact.entity.js'
import { Customer } from '../modules/customers/customer.entity.js'
import { License } from '../modules/customers/license.entity.js'
import { ProductEdition } from '../modules/customers/product-edition.entity.js'
import { Contract, ContractKeyContact, ContractTermRecord } from '../modules/contracts/contract.entity.js'
import { Desk, DeskHoliday, DeskHours } from '../modules/sla/desk.entity.js'
import { migrations } from './migrations/index.js'
import { fencedClientClass } from './row-security.js'
import { installTimestampReader } from './timestamps.js'

installTimestampReader()

export const entities = [
  StaffUser,
  Session,
  ApiToken,
  Customer,
  Contact,
  ProductEdition,
  License,
  Contract,
  ContractTermRecord,
  ContractKeyContact,
  AuditEntry,
  Desk,
  DeskHours,
  DeskHoliday,
]

export interface DataSourceOptions {
  url: string
  poolSize: number
  statementTimeoutMs: number
  connectTimeoutMs?: number
  /**
   * The role the connections take after connecting (`covered_app` for the application, see row-security.ts);
   * unset: the connecting user itself (migrations, maintenance).
   */
  role?: string
  /** Called for every SQL statement sent (statement counting in tests and benchmarks). */
  onStatement?: (sql: string) => void
}

/** The TypeORM data source over `pg`. The schema comes from migrations only, never `synchronize`. */
export function createDataSource({ url, poolSize, statementTimeoutMs, connectTimeoutMs = 10_000, role, onStatement }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: onStatement ? ['query'] : false,
    logger: onStatement ? statementCounter(onStatement) : undefined,
    extra: {
      max: poolSize,
      statement_timeout: statementTimeoutMs,
      // A database that stops answering (a hung network) fails the query a little after the server-side limit.
      query_timeout: statementTimeoutMs + 2000,
      connectionTimeoutMillis: connectTimeoutMs,
      application_name: 'covered',
      ...(role ? { Client: fencedClientClass(role) } : {}),
    },
  })
}

function statementCounter(onStatement: (sql: string) => void): TypeOrmLogger {
  return {
    logQuery: (query) => onStatement(query),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  }
}
