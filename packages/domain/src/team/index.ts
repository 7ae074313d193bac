export * from './access.js'
