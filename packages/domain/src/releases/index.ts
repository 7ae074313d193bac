export * from './versions.js'
export * from './entitlement.js'
