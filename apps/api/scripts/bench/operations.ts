// The GraphQL operations the SPAs send, taken from their generated documents (apps/admin and apps/portal
// src/gql, built by codegen from src/**/graphql), printed as urql sends them: every selection set asks for
// __typename too (urql's document cache adds it).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Kind, print, visit, type DocumentNode, type SelectionSetNode } from 'graphql'

async function documents(app: 'admin' | 'portal', root: string): Promise<Record<string, DocumentNode>> {
  // Loaded at run time (tsx transpiles them); the apps' own types stay out of the API's type check.
  const file = pathToFileURL(path.join(root, `apps/${app}/src/gql/graphql.ts`)).href
  return (await import(file)) as Record<string, DocumentNode>
}

function withTypenames(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      leave(node: SelectionSetNode, _key, parent) {
        if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return node
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return node
        return { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] }
      },
    },
  })
}

export interface SpaOperations {
  adminLogin: string
  portalLogin: string
  ticketQueue: string
  ticketPage: string
  customers: string
  replyToTicket: string
  portalTickets: string
  portalOpenTicket: string
}

export async function spaOperations(root: string): Promise<SpaOperations> {
  const admin = await documents('admin', root)
  const portal = await documents('portal', root)
  const text = (docs: Record<string, DocumentNode>, name: string) => {
    const document = docs[name]
    if (!document) throw new Error(`The SPA documents have no ${name}: was it renamed? Update bench/operations.ts.`)
    return print(withTypenames(document))
  }
  return {
    adminLogin: text(admin, 'AdminLoginDocument'),
    portalLogin: text(portal, 'PortalLoginDocument'),
    ticketQueue: text(admin, 'TicketQueueDocument'),
    ticketPage: text(admin, 'TicketPageDocument'),
    customers: text(admin, 'CustomersDocument'),
    replyToTicket: text(admin, 'ReplyToTicketDocument'),
    portalTickets: text(portal, 'PortalTicketsDocument'),
    portalOpenTicket: text(portal, 'PortalOpenTicketDocument'),
  }
}
