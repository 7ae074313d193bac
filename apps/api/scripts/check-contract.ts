import { execFileSync } from 'node:child_process'
import { buildSchema } from 'graphql'
import { breakingChanges, conflictingUnionFields, undescribed } from '../src/graphql/contract.js'
import { getSchema, unusedDescriptions } from '../src/graphql/schema.js'

/**
 * `pnpm check`: the GraphQL contract. Fails when a type, field, argument, input field or enum value has no
 * description; when the members of a union give one field name two types (clients could not select both);
 * when an entry of graphql/descriptions.ts describes nothing; or when the schema breaks what main's
 * schema.graphql promised where this branch left main (a removal is allowed once main marked it deprecated).
 */
const schema = getSchema()
let failed = false

const missing = undescribed(schema)
if (missing.length) {
  failed = true
  console.error(`${missing.length} part(s) of the schema have no description; describe each where it is defined:`)
  for (const coordinate of missing.slice(0, 60)) console.error(`  ${coordinate}`)
  if (missing.length > 60) console.error(`  … and ${missing.length - 60} more`)
}

const conflicts = conflictingUnionFields(schema)
if (conflicts.length) {
  failed = true
  console.error('Fields of one name must have one type across the members of a union (else clients cannot select both):')
  for (const conflict of conflicts) console.error(`  ${conflict}`)
}

const stale = unusedDescriptions()
if (stale.length) {
  failed = true
  console.error(`${stale.length} entr${stale.length === 1 ? 'y' : 'ies'} of apps/api/src/graphql/descriptions.ts describe nothing (removed, or now described where defined): delete them:`)
  for (const coordinate of stale) console.error(`  ${coordinate}`)
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return null
  }
}

// The base is where this branch left main (its merge base): a branch is judged by what it changes, not by what
// main gained since. On main itself that is HEAD, so a clean checkout of main always passes.
const main = ['origin/main', 'main'].find((ref) => git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) !== null)
const base = main ? git(['merge-base', 'HEAD', main])?.trim() : undefined
const committed = base ? git(['show', `${base}:apps/api/schema.graphql`]) : null
const where = main && base ? `${main} (at ${base.slice(0, 10)}, where this branch left it)` : 'main'
if (!base) {
  console.log('no main branch here (not a git checkout?): the breaking-change check is skipped')
} else if (committed === null) {
  console.log(`${where} has no apps/api/schema.graphql: nothing to break`)
} else {
  const changes = breakingChanges(buildSchema(committed), schema)
  if (changes.length) {
    failed = true
    console.error(`\n${changes.length} breaking change(s) against the schema.graphql of ${where}:`)
    for (const change of changes) console.error(`  ${change.type}: ${change.description}`)
    console.error(
      'Integrators rely on the published schema. Keep the old field (or argument, or enum value) and mark it deprecated\n' +
        '(Pothos: deprecationReason: "Use … instead."); once that is on main, it may be removed.',
    )
  }
}

if (failed) process.exit(1)
console.log(`the GraphQL contract holds: every part described; no breaking change against ${where}`)
