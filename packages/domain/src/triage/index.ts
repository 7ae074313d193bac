export * from './categories.js'
export * from './triage.js'
