// Test helpers shared by both SPAs' component tests (never imported by app code).
export * from './mockClient'
export * from './spaMounter'
