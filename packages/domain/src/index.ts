// The policy's rules, free of I/O. Each area exports from its own folder.
export * from './sla/index.js'
export * from './errors/index.js'
export * from './money/index.js'
export * from './contracts/index.js'
export * from './entitlement/index.js'
export * from './triage/index.js'
export * from './tickets/index.js'
export * from './quotes/index.js'
