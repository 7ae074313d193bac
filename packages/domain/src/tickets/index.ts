export * from './status.js'
export * from './numbers.js'
export * from './queue.js'
