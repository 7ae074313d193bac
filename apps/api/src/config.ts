import path from 'node:path'
import { z } from 'zod'

/** Every environment variable Covered reads, parsed and checked in one place. */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.string().url().optional(),
  COVERED_DATA_DIR: z.string().min(1).default('.data'),
  SEED_DEMO_DATA: booleanFromEnv.default(true),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  TRUST_PROXY: booleanFromEnv.default(false),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), 'use smtp://user:password@host:587 or smtps://user:password@host:465')
    .optional(),
  PUBLIC_URL: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), 'use the address people open Covered at, e.g. https://support.example.com')
    .default('http://localhost:4000'),
  MAIL_FROM: z
    .string()
    .min(3)
    .refine((value) => !/[\r\n]/.test(value) && /@/.test(value), 'use an address, e.g. "Covered Support <support@example.com>"')
    .default('Covered Support <support@covered.example>'),
  REDIS_URL: z
    .string()
    .url()
    .refine((value) => /^rediss?:\/\//.test(value), 'use a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379')
    .optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  COVERED_STATEMENT_COUNTER: booleanFromEnv.default(false),
})

export interface Config {
  env: 'development' | 'production' | 'test'
  isProduction: boolean
  host: string
  port: number
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined
  /** Where the embedded database keeps its files. */
  dataDir: string
  seedDemoData: boolean
  /** Pool size, per-statement timeout, and how long a request waits for a free connection. */
  db: { poolSize: number; statementTimeoutMs: number; connectTimeoutMs: number }
  sessionTtlMs: number
  shutdownTimeoutMs: number
  /** Read the client address from X-Forwarded-For (only behind a proxy you control). */
  trustProxy: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  /** How often this process looks for SLA warnings, breaches and closings that are due; 0 turns it off. */
  schedulerIntervalMs: number
  /** Where email goes out: an SMTP server, or (unset) kept in the database as sent and shown on the Sent mail page. */
  mail: { smtpUrl: string | undefined; from: string }
  /** The address people open Covered at, without a trailing slash: links in emails start with it. */
  publicUrl: string
  /** Redis for GraphQL subscriptions across API processes; unset: in-process only. */
  redisUrl: string | undefined
  /** Each webhook request is cut after this long and retried later. */
  webhookTimeoutMs: number
  /** Count SQL statements at the driver and serve the totals on GET /debug/statements (benchmarks only). */
  statementCounter: boolean
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')),
  )
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`)
  }
  const e = parsed.data
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.COVERED_DATA_DIR),
    seedDemoData: e.SEED_DEMO_DATA,
    db: { poolSize: e.DB_POOL_SIZE, statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS, connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS },
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    redisUrl: e.REDIS_URL,
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    statementCounter: e.COVERED_STATEMENT_COUNTER,
  }
}
