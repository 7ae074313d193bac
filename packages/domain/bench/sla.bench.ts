/// <reference types="node" />
// pnpm bench:sla: due times for 1,000,000 random receipts across 2026 and 2027, both plans and both desks.
// Prints throughput, the time a fresh calendar takes for two questions 500 years apart, and peak memory; it
// asserts nothing (timing depends on the machine).
import { calendarFor, computeDueTimes, DEFAULT_DESKS, DESK_CODES, type SupportPlanForClock } from '../src/sla/index.js'

const RECEIPTS = Number(process.env.SLA_BENCH_RECEIPTS ?? 1_000_000)
const from = Date.UTC(2026, 0, 1)
const to = Date.UTC(2028, 0, 1)

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 0x5eed
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}

const receipts = new Float64Array(RECEIPTS)
for (let i = 0; i < RECEIPTS; i++) receipts[i] = from + Math.floor(random() * (to - from))

// Combination i % 4: (STANDARD|PREMIUM) x (PACIFIC|UK), so each receipt gets one plan and one home desk.
const plans: SupportPlanForClock[] = ['STANDARD', 'PREMIUM']
const combos = plans.flatMap((plan) => DESK_CODES.map((desk) => ({ plan, calendar: calendarFor(plan, desk) })))

let peakRss = 0
let peakHeap = 0
const sampleMemory = () => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakHeap = Math.max(peakHeap, m.heapUsed)
}

const t0 = performance.now()
// Warm the calendars over the whole range (luxon runs here, once per desk and local date), so the timed loop
// below is the hot path alone: binary searches and arithmetic over cached stretches.
for (const { plan, calendar } of combos) {
  computeDueTimes({ plan, calendar, receivedAt: from })
  computeDueTimes({ plan, calendar, receivedAt: to - 1 })
}
const warmMs = performance.now() - t0

let checksum = 0
const t1 = performance.now()
for (let i = 0; i < RECEIPTS; i++) {
  const combo = combos[i & 3]!
  const due = computeDueTimes({ plan: combo.plan, calendar: combo.calendar, receivedAt: receipts[i]! })
  checksum += (due.firstResponseDueAt - due.resolutionDueAt) % 1000
  if ((i & 0xffff) === 0) sampleMemory()
}
const elapsedMs = performance.now() - t1
sampleMemory()

// Questions far apart: a fresh PREMIUM calendar asked about 2026, then about 2526. Only the years asked about
// may be built (luxon per local date), never the 500 years between them.
const farCalendar = calendarFor('PREMIUM', 'UK', { ...DEFAULT_DESKS })
const t2 = performance.now()
computeDueTimes({ plan: 'PREMIUM', calendar: farCalendar, receivedAt: Date.UTC(2026, 5, 1, 12) })
const farDue = computeDueTimes({ plan: 'PREMIUM', calendar: farCalendar, receivedAt: Date.UTC(2526, 5, 1, 12) })
const farMs = performance.now() - t2
sampleMemory()

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
console.log(`SLA bench: ${RECEIPTS.toLocaleString('en')} receipts, 2026-2027, both plans x both desks`)
console.log(`  calendar warm-up (luxon, first use): ${warmMs.toFixed(1)} ms`)
console.log(`  due times computed in ${elapsedMs.toFixed(1)} ms`)
console.log(`  throughput: ${Math.round(RECEIPTS / (elapsedMs / 1000)).toLocaleString('en')} receipts/s (target >= 200,000)`)
console.log(`  a fresh calendar asked about 2026, then 2526: ${farMs.toFixed(1)} ms (resolution due ${new Date(farDue.resolutionDueAt).toISOString()})`)
console.log(`  peak memory: rss ${mb(peakRss)}, heapUsed ${mb(peakHeap)}`)
console.log(`  checksum ${checksum}`)
