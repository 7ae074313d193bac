export * from './numbers.js'
export * from './totals.js'
export * from './status.js'
export * from './time-entries.js'
