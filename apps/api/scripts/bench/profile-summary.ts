// Summarises a V8 CPU profile (node --cpu-prof): self time by function and by package, the largest first, and
// total (inclusive) time of the functions whose name or file matches --match.
//   node --import tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top 40] [--match 'validate|execute']
import fs from 'node:fs'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '40' }, match: { type: 'string' } } })
const profile = JSON.parse(fs.readFileSync(positionals[0]!, 'utf8')) as {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }[]
  samples: number[]
  timeDeltas: number[]
}
const selfUs = new Map<number, number>()
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
const total = [...selfUs.values()].reduce((a, b) => a + b, 0)
const byFunction = new Map<string, number>()
const byPackage = new Map<string, number>()
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0
  if (!us) continue
  const { functionName, url, lineNumber } = node.callFrame
  const file = url.replace(/^file:\/\//, '')
  const key = `${functionName || '(anonymous)'}  ${file.split('/node_modules/').pop()}:${lineNumber + 1}`
  byFunction.set(key, (byFunction.get(key) ?? 0) + us)
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(file)?.[1] ?? (file ? (file.includes('/apps/api/') ? 'covered api' : file.startsWith('node:') ? 'node' : file) : functionName)
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us)
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`)
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`)
  }
}
console.log(`${(total / 1e6).toFixed(1)} s sampled`)
print('self time by package', byPackage)
print('self time by function', byFunction)

if (values.match) {
  // Inclusive time: a node's own samples and its descendants', counted once per matching function on the path.
  const pattern = new RegExp(values.match)
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const inclusive = new Map<string, number>()
  const walk = (id: number, active: Set<string>): number => {
    const node = byId.get(id)!
    const { functionName, url, lineNumber } = node.callFrame
    const key = `${functionName || '(anonymous)'}  ${url.replace(/^file:\/\//, '').split('/node_modules/').pop()}:${lineNumber + 1}`
    const matches = pattern.test(key) && !active.has(key)
    if (matches) active.add(key)
    let sum = selfUs.get(id) ?? 0
    for (const child of node.children ?? []) sum += walk(child, active)
    if (matches) {
      active.delete(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + sum)
    }
    return sum
  }
  walk(profile.nodes[0]!.id, new Set())
  print(`total time of functions matching ${values.match}`, inclusive)
}
