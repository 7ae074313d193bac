import { GraphQLError } from 'graphql'

export const MAX_PAGE_SIZE = 100
export const DEFAULT_PAGE_SIZE = 25

/** Keyset cursors: the ordering key of the last row seen, opaque to clients. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(key) && key.length === arity && key.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return key
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError('That cursor is not valid here. Use a cursor from pageInfo of the same list.', {
    extensions: { code: 'BAD_USER_INPUT' },
  })
}

export interface PageArgs {
  first?: number | null
  after?: string | null
  last?: number | null
  before?: string | null
}

export interface PageRequest {
  limit: number
  after?: string
  before?: string
  /** Paging backwards: fetch in reverse order, then flip. */
  backwards: boolean
}

export function pageRequest(args: PageArgs): PageRequest {
  const size = args.last ?? args.first ?? DEFAULT_PAGE_SIZE
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new GraphQLError(`Page size must be between 0 and ${MAX_PAGE_SIZE} (the maximum page size); ask for more pages instead.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    })
  }
  return {
    limit: size,
    after: args.after ?? undefined,
    before: args.before ?? undefined,
    backwards: args.last != null,
  }
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[]
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }
}

/** An edge whose cursor is written only when it is read: the screens ask for the page's end cursor, seldom for each edge's. */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly cursorOf: (row: T) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.node)
  }
}

/** Builds a connection from rows fetched with limit + 1 in the requested direction. */
export function toConnection<T>(rows: T[], page: PageRequest, cursorOf: (row: T) => string): Connection<T> {
  const hasMore = rows.length > page.limit
  const slice = rows.slice(0, page.limit)
  if (page.backwards) slice.reverse()
  const edges = slice.map((node) => new Edge(node, cursorOf))
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backwards ? page.before !== undefined : hasMore,
      hasPreviousPage: page.backwards ? hasMore : page.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  }
}
