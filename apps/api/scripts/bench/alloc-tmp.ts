import inspector from 'node:inspector'
import fs from 'node:fs'
const session = new inspector.Session()
session.connect()
session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as any)
process.on('exit', () => {
  session.post('HeapProfiler.stopSampling', (err, result) => { if (!err) fs.writeFileSync('/tmp/alloc.heapprofile', JSON.stringify(result.profile)) })
})
await import('./inproc.js')
