// Where a hot operation allocates: runs inproc.ts (same arguments) under V8's sampling heap profiler, counting
// the objects that minor and major collections took as well, and writes the profile (open it in Chrome
// DevTools' Memory tab, or sum it by function). Allocation drives garbage collection, a tenth of a queue page.
//   node --import tsx scripts/bench/alloc.ts <database url> [queue|page|portal|...] [n]   (writes /tmp/covered-alloc.heapprofile)
import fs from 'node:fs'
import inspector from 'node:inspector'

const OUT = process.env.ALLOC_PROFILE ?? '/tmp/covered-alloc.heapprofile'
const session = new inspector.Session()
session.connect()
session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
} as inspector.HeapProfiler.StartSamplingParameterType)
process.on('exit', () => {
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) console.error(error)
    else {
      fs.writeFileSync(OUT, JSON.stringify(result.profile))
      console.log(`allocation profile: ${OUT}`)
    }
  })
})
await import('./inproc.js')
