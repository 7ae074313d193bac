import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import urql, { type Client } from '@urql/vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { parse } from 'graphql'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref, type Ref } from 'vue'
import { mockClient, type Reply } from '../testing'
import { useKeysetList, type KeysetListOptions } from '../useKeysetList'

enableAutoUnmount(afterEach)

interface Item {
  id: string
}
interface Data {
  items: { edges: { node: Item }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
}
interface Vars {
  first: number
  after?: string | null
  tag?: string | null
  [key: string]: unknown
}
const ItemsQuery = parse('query TestItems($first: Int!, $after: String, $tag: String) { items(first: $first, after: $after, tag: $tag) { edges { node { id } } pageInfo { hasNextPage endCursor } } }') as TypedDocumentNode<Data, Vars>

function page(ids: string[], endCursor: string | null = null): Reply {
  return {
    data: {
      items: {
        __typename: 'ItemsConnection',
        edges: ids.map((id) => ({ __typename: 'ItemsEdge', node: { __typename: 'Item', id } })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: !!endCursor, endCursor },
      },
    },
  }
}

async function settle() {
  for (let i = 0; i < 4; i++) await flushPromises()
}

async function mountList(client: Client, variables: Ref<Vars>, options: KeysetListOptions = {}) {
  let list!: ReturnType<typeof useKeysetList<Data, Vars, Item>>
  const Host = defineComponent({
    setup() {
      list = useKeysetList(ItemsQuery, variables, (data) => data.items, options)
      return () => h('div')
    },
  })
  mount(Host, { global: { plugins: [[urql, client]] } })
  await settle()
  return list
}

const ids = (list: { items: Ref<Item[]> }) => list.items.value.map((i) => i.id)

describe('useKeysetList', () => {
  it('reads the first page, then appends the next ones by cursor', async () => {
    const { client, sent } = mockClient({
      TestItems: (op) => (op.variables!.after === 'c2' ? page(['3'], null) : page(['1', '2'], 'c2')),
    })
    const list = await mountList(client, ref({ first: 2 }))
    expect(ids(list)).toEqual(['1', '2'])
    expect(list.hasMore.value).toBe(true)
    expect(list.loading.value).toBe(false)

    await list.loadMore()
    expect(ids(list)).toEqual(['1', '2', '3'])
    expect(list.hasMore.value).toBe(false)
    expect(sent('TestItems').at(-1)!.variables).toEqual({ first: 2, after: 'c2' })
  })

  it('says why a page could not be read and lets the next try work', async () => {
    let fail = true
    const { client } = mockClient({
      TestItems: (op) => (op.variables!.after ? (fail ? new Error('offline') : page(['3'])) : page(['1', '2'], 'c2')),
    })
    const list = await mountList(client, ref({ first: 2 }))
    await list.loadMore()
    expect(list.loadMoreError.value).toBe('We could not reach Covered. Check your connection and try again.')
    expect(ids(list)).toEqual(['1', '2'])
    fail = false
    await list.loadMore()
    expect(list.loadMoreError.value).toBeNull()
    expect(ids(list)).toEqual(['1', '2', '3'])
  })

  it('starts again from the first page when the variables change', async () => {
    const { client } = mockClient({
      TestItems: (op) => (op.variables!.tag === 'b' ? page(['b1']) : op.variables!.after ? page(['a3']) : page(['a1', 'a2'], 'c2')),
    })
    const variables = ref<Vars>({ first: 2, tag: 'a' })
    const list = await mountList(client, variables)
    await list.loadMore()
    expect(ids(list)).toEqual(['a1', 'a2', 'a3'])
    variables.value = { first: 2, tag: 'b' }
    await settle()
    expect(ids(list)).toEqual(['b1'])
  })

  it('shows a first load that failed as an error, and retries it', async () => {
    let calls = 0
    const { client } = mockClient({ TestItems: () => (++calls === 1 ? { errors: [{ message: 'Unexpected error.' }] } : page(['1'])) })
    const list = await mountList(client, ref({ first: 2 }))
    expect(list.error.value).toBe('Something went wrong on our side. Please try again in a moment.')
    await list.retry()
    await settle()
    expect(list.error.value).toBeNull()
    expect(ids(list)).toEqual(['1'])
  })

  it('asks nothing while paused', async () => {
    const { client, sent } = mockClient({ TestItems: page(['1']) })
    const pause = ref(true)
    const list = await mountList(client, ref({ first: 2 }), { pause })
    expect(sent('TestItems')).toHaveLength(0)
    expect(list.loading.value).toBe(false)
    pause.value = false
    await settle()
    expect(ids(list)).toEqual(['1'])
  })

  it('with keepLoaded, keeps later pages over a refreshed first page (each item once) and the list over a failed refresh', async () => {
    let firstPage: Reply = page(['1', '2'], 'c2')
    const { client } = mockClient({ TestItems: (op) => (op.variables!.after ? page(['3', '4'], null) : firstPage) })
    const list = await mountList(client, ref({ first: 2 }), { keepLoaded: true })
    await list.loadMore()
    expect(ids(list)).toEqual(['1', '2', '3', '4'])

    // A new item on top pushes item 2 down; the refreshed first page is 0, 1 and the loaded pages stay.
    firstPage = page(['0', '1'], 'c1')
    await list.retry()
    await settle()
    expect(ids(list)).toEqual(['0', '1', '3', '4'])

    firstPage = new Error('offline')
    await list.retry()
    await settle()
    expect(ids(list)).toEqual(['0', '1', '3', '4'])
    expect(list.error.value).toBeNull()
  })

  it('with keepLoaded, counts a paused list as loading', async () => {
    const { client } = mockClient({ TestItems: page(['1']) })
    const list = await mountList(client, ref({ first: 2 }), { keepLoaded: true, pause: ref(true) })
    expect(list.loading.value).toBe(true)
  })
})
