/** A tiny leveled logger writing one line per event; enough until structured logging is needed. */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const
export type LogLevel = keyof typeof LEVELS

export interface Logger {
  debug(message: string, extra?: unknown): void
  info(message: string, extra?: unknown): void
  warn(message: string, extra?: unknown): void
  error(message: string, extra?: unknown): void
}

export function createLogger(level: LogLevel): Logger {
  const threshold = LEVELS[level]
  const write = (at: Exclude<LogLevel, 'silent'>) => (message: string, extra?: unknown) => {
    if (LEVELS[at] < threshold) return
    const line = `${new Date().toISOString()} ${at.toUpperCase()} ${message}`
    const stream = at === 'error' || at === 'warn' ? process.stderr : process.stdout
    stream.write(extra === undefined ? `${line}\n` : `${line} ${formatExtra(extra)}\n`)
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

function formatExtra(extra: unknown): string {
  if (extra instanceof Error) return extra.stack ?? extra.message
  try {
    return JSON.stringify(extra)
  } catch {
    return String(extra)
  }
}
