import pg from 'pg'

/**
 * An opt-in count of the SQL statements this process sends, taken at the driver (every `pg` client's `query`,
 * whoever calls it: TypeORM, raw queries, BEGIN and COMMIT). Turned on by COVERED_STATEMENT_COUNTER=1 for
 * benchmarks, which read the totals from GET /debug/statements; off, nothing is wrapped.
 */
const totals = { statements: 0, graphqlRequests: 0 }
let installed = false

export function installStatementCounter(): void {
  if (installed) return
  installed = true
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const query = prototype.query
  prototype.query = function countedQuery(this: unknown, ...args: unknown[]) {
    totals.statements++
    return query.apply(this, args)
  }
}

export function countGraphqlRequest(): void {
  totals.graphqlRequests++
}

export function statementTotals(): { statements: number; graphqlRequests: number } {
  return { ...totals }
}
