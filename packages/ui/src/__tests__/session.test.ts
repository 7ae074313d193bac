import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { shallowRef } from 'vue'
import { createViewerSession } from '../session'
import { mockClient } from '../testing'

interface Viewer {
  __typename: 'StaffUser'
  name: string
}
const ViewerQuery = parse('query TestViewer { viewer { __typename ... on StaffUser { name } } }') as TypedDocumentNode<
  { viewer: Viewer | null },
  Record<string, never>
>
const LogoutMutation = parse('mutation TestLogout { logout }') as TypedDocumentNode<{ logout: boolean }, Record<string, never>>
const ada: Viewer = { __typename: 'StaffUser', name: 'Ada Admin' }

function sessionWith(replies: Parameters<typeof mockClient>[0]) {
  const mock = mockClient(replies)
  const next = mockClient(replies)
  const client = shallowRef(mock.client)
  const session = createViewerSession<Viewer>({ client, newClient: () => next.client, viewerQuery: ViewerQuery, logoutMutation: LogoutMutation })
  return { session, client, mock, next }
}

describe('createViewerSession', () => {
  it('reads the viewer once for concurrent callers and keeps it', async () => {
    const { session, mock } = sessionWith({ TestViewer: { data: { viewer: ada } } })
    const [a, b] = await Promise.all([session.ensureLoaded(), session.ensureLoaded()])
    expect(a).toEqual(ada)
    expect(b).toEqual(ada)
    expect(await session.ensureLoaded()).toEqual(ada)
    expect(mock.sent('TestViewer')).toHaveLength(1)
    expect(session.viewer.value).toEqual(ada)
  })

  it('says why it cannot tell who is signed in, and asks again next time', async () => {
    let calls = 0
    const { session, mock } = sessionWith({
      TestViewer: () => (++calls === 1 ? new Error('offline') : calls === 2 ? { errors: [{ message: 'Unexpected error.' }] } : { data: { viewer: null } }),
    })
    expect(await session.ensureLoaded()).toBeNull()
    expect(session.loadError.value).toBe('We could not reach Covered. Check your connection and try again.')
    expect(await session.ensureLoaded()).toBeNull()
    expect(session.loadError.value).toBe('Covered could not check your sign-in just now. Please try again.')
    expect(await session.ensureLoaded()).toBeNull()
    expect(session.loadError.value).toBeNull()
    expect(mock.sent('TestViewer')).toHaveLength(3)
  })

  it('signs out on the server and swaps in a fresh client', async () => {
    const { session, client, mock, next } = sessionWith({ TestViewer: { data: { viewer: ada } }, TestLogout: { data: { logout: true } } })
    session.setViewer(ada)
    await session.signOut()
    expect(mock.sent('TestLogout')).toHaveLength(1)
    expect(session.viewer.value).toBeNull()
    expect(client.value).toBe(next.client)
    expect(await session.ensureLoaded()).toBeNull()
    expect(mock.sent('TestViewer')).toHaveLength(0)
  })

  it('keeps the viewer when signing out fails', async () => {
    const { session, client, mock } = sessionWith({ TestLogout: new Error('offline') })
    session.setViewer(ada)
    await expect(session.signOut()).rejects.toBeTruthy()
    expect(session.viewer.value).toEqual(ada)
    expect(client.value).toBe(mock.client)
  })
})
