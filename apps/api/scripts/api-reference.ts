import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
} from 'graphql'
import { DOMAIN_EVENT_TYPES } from '../src/modules/events/domain-events.js'
import { PUBLIC_EVENT_FIELDS } from '../src/modules/webhooks/payload.js'
import { getSchema } from '../src/graphql/schema.js'

/**
 * Writes docs/api-reference.md from the schema (`pnpm docs:api`); `--check` fails when the committed page
 * differs from what the code's schema gives.
 */
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/api-reference.md')
const schema = getSchema()

const anchor = (name: string) => `type-${name.toLowerCase()}`
/** `Ticket!` as a link to its section; a list as its printed type and a link, e.g. `[Ticket!]!` (Ticket). */
const typeLink = (printed: string) => {
  const name = /\w+/.exec(printed)![0]
  const type = schema.getType(name)
  if (!type || isSpecifiedScalarType(type)) return `\`${printed}\``
  const link = `[${name}](#${anchor(name)})`
  return printed.replace(/!$/, '') === name ? `${link}${printed.endsWith('!') ? '!' : ''}` : `\`${printed}\` (${link})`
}
const oneLine = (text: string | null | undefined) => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim()
const deprecated = (reason: string | null | undefined) => (reason ? ` **Deprecated:** ${oneLine(reason)}` : '')

function argumentsTable(args: readonly GraphQLArgument[] | readonly GraphQLInputField[], heading = 'Argument'): string[] {
  if (!args.length) return []
  return [
    '',
    `| ${heading} | Type | Description |`,
    '| --- | --- | --- |',
    ...args.map((arg) => `| \`${arg.name}\` | ${typeLink(String(arg.type))} | ${oneLine(arg.description)}${deprecated(arg.deprecationReason)} |`),
  ]
}

function rootFields(title: string, fields: Record<string, GraphQLField<unknown, unknown>> | undefined): string[] {
  if (!fields) return []
  const lines = [`## ${title}`, '']
  for (const field of Object.values(fields)) {
    lines.push(`### ${field.name}`, '', `→ ${typeLink(String(field.type))}`, '', `${oneLine(field.description)}${deprecated(field.deprecationReason)}`)
    lines.push(...argumentsTable(field.args), '')
  }
  return lines
}

function typeSection(type: GraphQLNamedType): string[] {
  const lines = [`<a id="${anchor(type.name)}"></a>`, '', `### ${type.name}`, '', oneLine(type.description), '']
  if (isObjectType(type) || isInterfaceType(type)) {
    const interfaces = type.getInterfaces()
    if (interfaces.length) lines.push(`Implements ${interfaces.map((i) => typeLink(i.name)).join(', ')}.`, '')
    lines.push('| Field | Type | Description |', '| --- | --- | --- |')
    for (const field of Object.values(type.getFields())) {
      const args = field.args.length ? `(${field.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')})` : ''
      lines.push(`| \`${field.name}${args}\` | ${typeLink(String(field.type))} | ${oneLine(field.description)}${deprecated(field.deprecationReason)} |`)
    }
  } else if (isInputObjectType(type)) {
    lines.push(...argumentsTable(Object.values(type.getFields()), 'Field').slice(1))
  } else if (isEnumType(type)) {
    lines.push('| Value | Description |', '| --- | --- |')
    for (const value of type.getValues()) lines.push(`| \`${value.name}\` | ${oneLine(value.description)}${deprecated(value.deprecationReason)} |`)
  } else if (isUnionType(type)) {
    lines.push(`One of ${type.getTypes().map((member) => typeLink(member.name)).join(', ')}.`)
  }
  lines.push('')
  return lines
}

const named = Object.values(schema.getTypeMap())
  .filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type) && ![schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type as never))
  .sort((a, b) => a.name.localeCompare(b.name))
const groups: [string, (type: GraphQLNamedType) => boolean][] = [
  ['Objects', isObjectType],
  ['Interfaces', isInterfaceType],
  ['Unions', isUnionType],
  ['Enums', isEnumType],
  ['Input objects', isInputObjectType],
  ['Scalars', isScalarType],
]

const lines = [
  '# Covered GraphQL API reference',
  '',
  '<!-- Generated from the schema by `pnpm docs:api`; `pnpm check` fails when it is out of date. Do not edit by hand. -->',
  '',
  'One endpoint, `POST /graphql` (JSON), for the admin app, the portal and integrators. Integrators send an API token',
  'created by an admin as `Authorization: Bearer cov_…`; an unknown, revoked or expired token gets HTTP 401. Requests',
  'also need a non-simple header such as `x-requested-with: <your system>` (CSRF prevention). Subscriptions are',
  'server-sent events: the same POST with `accept: text/event-stream`. Lists are Relay connections (`first`/`after`,',
  'at most 100 per page). Expected failures are typed results (`... on Error { code message }`); anything else is',
  'masked as `Unexpected error.` with an `errorId`. Examples: `scripts/examples/`.',
  '',
  'The contract: every part below is described; a field, argument or enum value is deprecated before it is removed.',
  '',
  '## Webhooks',
  '',
  'An admin registers an endpoint (URL, event types, optionally one customer) and gets its signing secret once. Each',
  'event is POSTed as JSON `{ "id", "type", "occurredAt", "data" }` with the headers `Covered-Event-Id` (the event id:',
  'the same on every retry and redelivery, deduplicate on it), `Covered-Timestamp` (Unix seconds of this attempt) and',
  '`Covered-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. Refuse signatures older than 5 minutes and',
  'ones seen before. Answer 2xx within 10 s; anything else is retried with exponential backoff and full jitter for 24',
  'hours, then the delivery is marked failed (an admin can redeliver it). Delivery is at least once. `data` carries the',
  'global ids of what the event is about (`customerId`, `ticketId`, `quoteId`, `contractId`, `requesterId`) and only',
  'facts the customer may see: internal notes are never events, and staff-only fields are left out.',
  '',
  '| Event `type` | `data` fields besides the ids |',
  '| --- | --- |',
  ...DOMAIN_EVENT_TYPES.map((type) => `| \`${type}\` | ${[...(type === 'ticket.assigned' ? ['assigned'] : []), ...PUBLIC_EVENT_FIELDS[type]].map((f) => `\`${f}\``).join(', ')} |`),
  '',
  ...rootFields('Queries', schema.getQueryType()?.getFields()),
  ...rootFields('Mutations', schema.getMutationType()?.getFields()),
  ...rootFields('Subscriptions', schema.getSubscriptionType()?.getFields()),
  '## Types',
  '',
]
for (const [title, test] of groups) {
  const members = named.filter(test)
  if (!members.length) continue
  lines.push(`## ${title}`, '')
  for (const type of members) lines.push(...typeSection(type))
}
const page = `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`

if (process.argv.includes('--check')) {
  const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : ''
  if (committed !== page) {
    console.error('docs/api-reference.md does not match the schema. Run "pnpm docs:api" and commit the result.')
    process.exit(1)
  }
  console.log('docs/api-reference.md matches the schema')
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.writeFileSync(target, page)
  console.log(`wrote ${path.relative(process.cwd(), target)}`)
}
