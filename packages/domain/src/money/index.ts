export * from './money.js'
export { divRoundHalfAwayFromZero, toScaledInteger } from './decimal.js'
