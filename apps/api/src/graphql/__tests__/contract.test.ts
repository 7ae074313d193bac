import { buildSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { breakingChanges, conflictingUnionFields, undescribed } from '../contract.js'
import { getSchema, unusedDescriptions } from '../schema.js'

describe('the GraphQL contract', () => {
  it('describes every type, field, argument, input field and enum value of the schema, with no stale entries', () => {
    expect(undescribed(getSchema())).toEqual([])
    expect(unusedDescriptions()).toEqual([])
    expect(conflictingUnionFields(getSchema())).toEqual([])
  })

  it('finds fields of one name with different types in the members of a union', () => {
    const schema = buildSchema(`
      type Query { viewer: Viewer }
      union Viewer = Contact | Token
      type Contact { name: String! customer: String! }
      type Token { name: String! customer: String }
    `)
    expect(conflictingUnionFields(schema)).toEqual(['Viewer: Contact.customer is String! but Token.customer is String'])
  })

  it('finds what has no description', () => {
    const schema = buildSchema(`
      "Reads." type Query { "A thing." thing(id: ID): Thing  other: Int }
      type Thing { "Its name." name: String }
      "Colours." enum Colour { "Red." RED BLUE }
      input Filter { "Text." text: String  limit: Int }
      "Extra." type Extra { colour(filter: Filter): Colour }
    `)
    expect(undescribed(schema)).toEqual(['Extra.colour', 'Extra.colour(filter)', 'Filter', 'Filter.limit', 'Colour.BLUE', 'Query.other', 'Query.thing(id)', 'Thing'].sort())
  })

  const BASE = `
    type Query {
      ticket(id: ID!, legacy: Boolean @deprecated(reason: "Ignored.")): Ticket
      oldTickets: [Ticket] @deprecated(reason: "Use tickets.")
      tickets: [Ticket]
    }
    type Ticket { id: ID! subject: String status: Status number: String @deprecated(reason: "Use id.") }
    enum Status { OPEN CLOSED PENDING @deprecated(reason: "Never used.") }
    input Filter { text: String }
  `

  it('allows additions and removals of what was deprecated first', () => {
    const current = buildSchema(`
      type Query { ticket(id: ID!): Ticket  tickets(filter: Filter): [Ticket]  customers: [String] }
      type Ticket { id: ID! subject: String status: Status priority: Int }
      enum Status { OPEN CLOSED RESOLVED }
      input Filter { text: String  desk: String }
    `)
    expect(breakingChanges(buildSchema(BASE), current)).toEqual([])
  })

  it('refuses removing or changing what was not deprecated', () => {
    const current = buildSchema(`
      type Query { ticket(id: String!): Ticket  oldTickets: [Ticket] }
      type Ticket { id: ID! status: Status number: String }
      enum Status { OPEN PENDING }
      input Filter { text: String  desk: String! }
    `)
    expect(breakingChanges(buildSchema(BASE), current).map((change) => change.description).sort()).toEqual(
      [
        'CLOSED was removed from enum type Status.',
        'A required field desk on input type Filter was added.',
        'Query.ticket arg id has changed type from ID! to String!.',
        'Query.tickets was removed.',
        'Ticket.subject was removed.',
      ].sort(),
    )
  })
})
