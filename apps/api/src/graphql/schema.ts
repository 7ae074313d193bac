import { lexicographicSortSchema, type GraphQLSchema } from 'graphql'
import { builder } from './builder.js'
import { checkObjectsWhereTheyEnter } from './object-checks.js'
import { nodeIdsAnsweredAtOnce } from './node-ids.js'
import { auditEveryMutation } from './request-scope-plugin.js'
import { applyDescriptions, describeGeneratedTypes } from './describe-generated.js'
import { SCHEMA_DESCRIPTIONS } from './descriptions.js'
import './scalars.js'
import './error-types.js'
import '../modules/customers/customers.schema.js'
import '../modules/accounts/accounts.schema.js'
import '../modules/accounts/team.schema.js'
import '../modules/customers/portal-access.schema.js'
import '../modules/sla/sla.schema.js'
import '../modules/customers/licenses.schema.js'
import '../modules/contracts/contracts.schema.js'
import '../modules/tickets/tickets.schema.js'
import '../modules/services/services.schema.js'
import '../modules/reporting/reporting.schema.js'
import '../modules/knowledge/knowledge.schema.js'
import '../modules/releases/releases.schema.js'
import '../modules/mail/mail.schema.js'
import '../modules/notifications/notifications.schema.js'
import '../modules/webhooks/webhooks.schema.js'

let schema: GraphQLSchema | undefined
let unused: string[] = []

/** The executable schema, built once per process, every part of it described (see graphql/contract.ts). */
export function getSchema(): GraphQLSchema {
  if (!schema) {
    const built = builder.toSchema()
    describeGeneratedTypes(built)
    unused = applyDescriptions(built, SCHEMA_DESCRIPTIONS)
    describeGeneratedTypes(built) // again, for interface fields described only just now (Error.code)
    schema = auditEveryMutation(nodeIdsAnsweredAtOnce(checkObjectsWhereTheyEnter(lexicographicSortSchema(built), builder)))
  }
  return schema
}

/** Entries of descriptions.ts that described nothing (stale, or now described where they are defined). */
export function unusedDescriptions(): string[] {
  getSchema()
  return unused
}
