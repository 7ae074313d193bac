export * from './entitlement.js'
