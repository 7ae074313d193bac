import type { VueWrapper } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'
import { warmUpRoutes } from '../../knowledge/__tests__/warmUp'

beforeAll(() => warmUpRoutes(), 60_000)

const admin = { data: { viewer: staffViewer } }
const engineer = { data: { viewer: { ...staffViewer, role: 'ENGINEER', desk: 'PACIFIC', name: 'Eli Engineer' } } }

function release(version: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Release',
    id: `r-${version}`,
    version,
    kind: version.endsWith('.0.0') ? 'UPGRADE' : 'UPDATE',
    releasedOn: '2026-11-15',
    notes: 'Fixes.',
    notesHtml: '<p>Fixes.</p>',
    updatedAt: '2026-11-15T10:00:00.000Z',
    lockVersion: 1,
    downloadUrl: null,
    ...overrides,
  }
}
const releases = (nodes: unknown[]) => ({
  data: {
    releases: {
      __typename: 'QueryReleasesConnection',
      edges: nodes.map((node) => ({ __typename: 'QueryReleasesConnectionEdge', node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  },
})
const button = (wrapper: VueWrapper, text: string) => wrapper.findAll('button').find((b) => b.text() === text)
function byLabel(wrapper: VueWrapper, text: string) {
  const label = wrapper.findAll('label').find((l) => l.text() === text)!
  return wrapper.get<HTMLInputElement>(`[id="${label.attributes('for')}"]`)
}

describe('releases', () => {
  it('lists releases with their kind, date and notes; an engineer reads them but cannot change them', async () => {
    const { client } = mockClient({ AdminViewer: engineer, AdminReleases: releases([release('9.0.1'), release('9.0.0', { notesHtml: '<ul><li>Sharing</li></ul>' })]) })
    const { wrapper } = await mountApp(client, '/releases')
    const rows = wrapper.findAll('[data-testid="release-row"]')
    expect(rows.map((r) => r.get('h2').text())).toEqual(['9.0.1', '9.0.0'])
    expect(rows[0]!.text()).toContain('Update')
    expect(rows[1]!.text()).toContain('Major upgrade')
    expect(rows[1]!.get('li').text()).toBe('Sharing')
    expect(rows[0]!.text()).toContain('Released 15 Nov 2026')
    expect(button(wrapper, 'New release')).toBeUndefined()
    expect(button(wrapper, 'Edit')).toBeUndefined()
    expect(wrapper.text()).toContain('Only admins add or change releases.')
  })

  it('an admin adds a release; a version in use is named beside the field', async () => {
    let created = 0
    const { client, sent } = mockClient({
      AdminViewer: admin,
      AdminReleases: () => releases(created ? [release('9.1.0'), release('9.0.1')] : [release('9.0.1')]),
      AdminPreviewMarkdown: { data: { previewMarkdown: { __typename: 'QueryPreviewMarkdownSuccess', html: '<p>Notes</p>' } } },
      CreateRelease: (op) =>
        op.variables?.input.version === '9.0.1'
          ? { data: { createRelease: { __typename: 'ValidationError', code: 'VALIDATION', message: 'Invalid input.', fieldErrors: [{ __typename: 'FieldError', field: 'version', message: 'Release 9.0.1 already exists; choose another version or edit that release.' }] } } }
          : (created++, { data: { createRelease: { __typename: 'MutationCreateReleaseSuccess', release: release('9.1.0') } } }),
    })
    const { wrapper } = await mountApp(client, '/releases')
    await button(wrapper, 'New release')!.trigger('click')
    await settle()
    const form = wrapper.get('[data-testid="release-form"]')
    expect(document.activeElement).toBe(byLabel(wrapper, 'Version').element) // the form takes focus

    await button(wrapper, 'Add release')!.trigger('click')
    await settle()
    expect(form.text()).toContain('Write the version as X.Y.Z, e.g. 9.1.0.')
    expect(sent('CreateRelease')).toHaveLength(0)

    await byLabel(wrapper, 'Version').setValue('9.0.1')
    await button(wrapper, 'Add release')!.trigger('click')
    await settle()
    expect(form.text()).toContain('Release 9.0.1 already exists')

    await byLabel(wrapper, 'Version').setValue('9.1.0')
    await byLabel(wrapper, 'Release notes').setValue('New things.')
    await button(wrapper, 'Add release')!.trigger('click')
    await settle()
    expect(sent('CreateRelease').at(-1)!.variables).toMatchObject({ input: { version: '9.1.0', notes: 'New things.' } })
    expect(wrapper.get('[data-testid="release-message"]').text()).toBe('Release 9.1.0 was added.')
    expect(wrapper.find('[data-testid="release-form"]').exists()).toBe(false)
  })

  it('an admin gives a release its download address: https only, checked before sending and by the server', async () => {
    const { client, sent } = mockClient({
      AdminViewer: admin,
      AdminReleases: releases([release('9.0.1'), release('9.0.0', { downloadUrl: 'https://downloads.covered.example/covered-9.0.0.zip' })]),
      AdminPreviewMarkdown: { data: { previewMarkdown: { __typename: 'QueryPreviewMarkdownSuccess', html: '<p>Fixes.</p>' } } },
      UpdateRelease: (op) =>
        op.variables?.input.downloadUrl.includes('user:')
          ? { data: { updateRelease: { __typename: 'ValidationError', code: 'VALIDATION', message: 'Invalid input.', fieldErrors: [{ __typename: 'FieldError', field: 'downloadUrl', message: 'Leave the user name and password out of the download address: every entitled customer sees it.' }] } } }
          : { data: { updateRelease: { __typename: 'MutationUpdateReleaseSuccess', release: release('9.0.1', { downloadUrl: op.variables?.input.downloadUrl, lockVersion: 2 }) } } },
    })
    const { wrapper } = await mountApp(client, '/releases')
    const rows = wrapper.findAll('[data-testid="release-download"]')
    expect(rows[0]!.text()).toContain('No download address yet')
    expect(rows[1]!.get('a').attributes('href')).toBe('https://downloads.covered.example/covered-9.0.0.zip')

    await wrapper.get('button[aria-label="Edit 9.0.1"]').trigger('click')
    await settle()
    const field = byLabel(wrapper, 'Download address')
    await field.setValue('http://downloads.covered.example/covered-9.0.1.zip')
    await button(wrapper, 'Save changes')!.trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="release-form"]').text()).toContain('Use a whole https:// address, e.g. https://downloads.example.com/covered-9.1.0.zip.')
    expect(field.attributes('aria-invalid')).toBe('true')
    expect(sent('UpdateRelease')).toHaveLength(0)

    await field.setValue('https://user:secret@downloads.covered.example/covered-9.0.1.zip')
    await button(wrapper, 'Save changes')!.trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="release-form"]').text()).toContain('Leave the user name and password out of the download address')

    await field.setValue(' https://downloads.covered.example/covered-9.0.1.zip ')
    await button(wrapper, 'Save changes')!.trigger('click')
    await settle()
    expect(sent('UpdateRelease').at(-1)!.variables).toMatchObject({ input: { id: 'r-9.0.1', downloadUrl: 'https://downloads.covered.example/covered-9.0.1.zip' } })
    expect(wrapper.get('[data-testid="release-message"]').text()).toBe('Release 9.0.1 was saved.')
  })

  it('an admin deletes a release after confirming', async () => {
    const { client, sent } = mockClient({
      AdminViewer: admin,
      AdminReleases: releases([release('9.0.1')]),
      DeleteRelease: { data: { deleteRelease: { __typename: 'MutationDeleteReleaseSuccess', release: { __typename: 'Release', id: 'r-9.0.1' } } } },
    })
    const { wrapper } = await mountApp(client, '/releases')
    await button(wrapper, 'Delete')!.trigger('click')
    expect(wrapper.text()).toContain('Delete 9.0.1? Use this for a release entered by mistake')
    await button(wrapper, 'Keep it')!.trigger('click')
    expect(sent('DeleteRelease')).toHaveLength(0)
    await button(wrapper, 'Delete')!.trigger('click')
    await button(wrapper, 'Delete 9.0.1')!.trigger('click')
    await settle()
    expect(sent('DeleteRelease')[0]!.variables).toEqual({ id: 'r-9.0.1', expectedLockVersion: 1 })
    expect(wrapper.get('[data-testid="release-message"]').text()).toBe('Release 9.0.1 was removed.')
  })
})
