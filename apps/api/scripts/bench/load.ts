// The load process: node --import tsx load.ts <spec.json>. Runs autocannon against the origin in the spec at
// fixed concurrency, first a warm-up (not counted), then the measured run; checks the body of every response
// (HTTP status, GraphQL `errors`, and the shape the scenario expects) and prints one LoadResult as JSON.
// Latencies are taken from autocannon's per-response timings (hrtime, fractional milliseconds).
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import autocannon from 'autocannon'
import { checkBody, type LoadResult, type LoadSpec, type RequestSpec } from './load-spec.js'

const spec: LoadSpec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8'))

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

async function run(seconds: number, measured: boolean): Promise<LoadResult> {
  const latencies: number[] = []
  let bodyErrors = 0
  const samples: string[] = []
  const counters = new Map<RequestSpec, number>()
  const requests = spec.requests.map((request) => ({
    method: 'POST' as const,
    path: request.path,
    headers: { 'content-type': 'application/json', ...request.headers },
    body: JSON.stringify(request.body),
    setupRequest: (req: any) => {
      if (!request.rotate && !request.unique) return req
      const body = structuredClone(request.body) as { variables?: Record<string, any> }
      const variables = (body.variables ??= {})
      if (request.rotate) {
        const n = counters.get(request) ?? 0
        counters.set(request, n + 1)
        variables[request.rotate.name] = request.rotate.values[n % request.rotate.values.length]
      }
      if (request.unique) variables.input = { ...variables.input, [request.unique]: randomUUID() }
      return { ...req, body: JSON.stringify(body) }
    },
    onResponse: (status: number, body: string) => {
      if (status < 200 || status >= 300) return // counted as non-2xx by autocannon
      const problem = checkBody(request.expect, body)
      if (problem) {
        bodyErrors++
        if (samples.length < 3) samples.push(problem)
      }
    },
  }))
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: spec.origin, connections: spec.connections, pipelining: 1, duration: seconds, timeout: 10, requests },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime)
    })
  })
  latencies.sort((a, b) => a - b)
  const requestsDone = latencies.length
  const elapsed = result.duration || seconds
  const non2xx = result.non2xx ?? 0
  const timeouts = result.timeouts ?? 0
  const transport = (result.errors ?? 0) - timeouts // autocannon's errors include its timeouts
  return {
    name: spec.name + (measured ? '' : ' (warm-up)'),
    requests: requestsDone,
    seconds: elapsed,
    rps: requestsDone / elapsed,
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
      mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    },
    errors: { transport, timeouts, non2xx, body: bodyErrors, total: transport + timeouts + non2xx + bodyErrors, samples },
  }
}

if (spec.warmupSeconds > 0) {
  const warm = await run(spec.warmupSeconds, false)
  process.stdout.write(JSON.stringify({ warmup: warm }) + '\n')
}
const measured = await run(spec.durationSeconds, true)
process.stdout.write(JSON.stringify({ result: measured }) + '\n')
