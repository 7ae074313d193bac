import { RELEASE_KINDS } from '@covered/domain'
import { builder } from '../../graphql/builder.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { CustomerType } from '../customers/customers.schema.js'
import { renderMarkdown } from '../knowledge/markdown.js'
import {
  createRelease,
  deleteRelease,
  downloadsFor,
  downloadUrlFor,
  listReleases,
  loadReleases,
  updateRelease,
  type DownloadView,
  type ReleaseView,
} from './releases.service.js'

export const ReleaseKindEnum = builder.enumType('ReleaseKind', {
  description: 'UPGRADE: a new major version X.0.0, for customers whose maintenance was active on its release date. UPDATE: anything else, for every licensed customer.',
  values: RELEASE_KINDS,
})

export const ReleaseType = builder.loadableNodeRef<ReleaseView, string>('Release', {
  id: { resolve: (release) => release.id },
  load: (ids, ctx) => loadReleases(ctx, ids),
  sort: (release) => release.id,
})

ReleaseType.implement({
  description: 'A product release X.Y.Z with its date and notes.',
  authScopes: { public: true },
  fields: (t) => ({
    version: t.exposeString('version', { description: 'X.Y.Z, e.g. 9.1.2.' }),
    major: t.exposeInt('major'),
    minor: t.exposeInt('minor'),
    patch: t.exposeInt('patch'),
    kind: t.field({ type: ReleaseKindEnum, resolve: (r) => r.kind }),
    releasedOn: t.field({ type: 'Date', resolve: (r) => r.releasedOn }),
    notes: t.exposeString('notes', { description: 'Markdown as written.' }),
    notesHtml: t.string({ description: 'The notes rendered and sanitized on the server: safe to insert as HTML.', resolve: (r) => renderMarkdown(r.notes) }),
    downloadUrl: t.string({
      nullable: true,
      description:
        'The https address to download the release from, or null. Staff always see it; a contact (or an API token bound to a customer) only when their organisation may download the release; anyone else, and anyone it is withheld from, gets null.',
      resolve: (r, _args, ctx) => downloadUrlFor(ctx, r),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    lockVersion: t.exposeInt('lockVersion', { description: 'Send it back with a change; a stale one is refused as a CONFLICT.' }),
  }),
})

const DownloadType = builder.objectRef<DownloadView>('Download').implement({
  description: 'A release as one customer may download it, and why it is available or withheld.',
  fields: (t) => ({
    release: t.field({ type: ReleaseType, resolve: (d) => d.release }),
    kind: t.field({ type: ReleaseKindEnum, resolve: (d) => d.kind }),
    available: t.exposeBoolean('available'),
    reason: t.exposeString('reason', { description: 'In words, with what would change it, e.g. "… maintenance lapsed on 2026-03-31; renew to get 9.0."' }),
    rule: t.exposeString('rule', {
      description:
        'Which rule decided: update-licensed, upgrade-maintenance-active, upgrade-maintenance-lapsed, upgrade-maintenance-cancelled, upgrade-maintenance-gap, upgrade-before-maintenance, upgrade-no-maintenance, no-license.',
    }),
  }),
})

builder.queryField('releases', (t) =>
  t.connection({
    type: ReleaseType,
    description: 'Product releases, newest version first (releases dated in the future: staff only).',
    authScopes: { public: true },
    resolve: (_root, args, ctx) => listReleases(ctx, args),
  }),
)

builder.queryField('downloads', (t) =>
  t.field({
    type: [DownloadType],
    description:
      'Every release out so far, newest first, with whether the customer may download it and why. A contact sees their own organisation’s; staff and integrators name the customer.',
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: 'downloads' } },
    args: { customerId: t.arg.globalID({ for: CustomerType }) },
    resolve: (_root, args, ctx) => downloadsFor(ctx, args.customerId?.id),
  }),
)

const RELEASE_ERRORS = [ValidationError, NotFoundError, ForbiddenError, ConflictError]

const CreateReleaseInput = builder.inputType('CreateReleaseInput', {
  fields: (t) => ({
    version: t.string({ required: true, description: 'X.Y.Z, e.g. 9.0.0; unique.' }),
    releasedOn: t.field({ type: 'Date', required: true }),
    notes: t.string({ description: 'Markdown.' }),
    downloadUrl: t.string({ description: 'Where entitled customers download it: an https:// address (optional).' }),
  }),
})

builder.mutationField('createRelease', (t) =>
  t.field({
    type: ReleaseType,
    description: 'Adds a release (admins).',
    authScopes: { admin: true },
    errors: { types: RELEASE_ERRORS, dataField: { name: 'release' } },
    args: { input: t.arg({ type: CreateReleaseInput, required: true }) },
    resolve: (_root, { input }, ctx) => createRelease(ctx, input),
  }),
)

const UpdateReleaseInput = builder.inputType('UpdateReleaseInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: ReleaseType }),
    expectedLockVersion: t.int({ required: true }),
    version: t.string(),
    releasedOn: t.field({ type: 'Date' }),
    notes: t.string({ description: 'Markdown.' }),
    downloadUrl: t.string({ description: 'Where entitled customers download it: an https:// address; an empty string removes it; left out, it stays.' }),
  }),
})

builder.mutationField('updateRelease', (t) =>
  t.field({
    type: ReleaseType,
    description: 'Corrects a release’s version, date, notes or download address (admins).',
    authScopes: { admin: true },
    errors: { types: RELEASE_ERRORS, dataField: { name: 'release' } },
    args: { input: t.arg({ type: UpdateReleaseInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateRelease(ctx, { ...input, id: input.id.id }),
  }),
)

builder.mutationField('deleteRelease', (t) =>
  t.field({
    type: ReleaseType,
    description: 'Removes a release entered by mistake (admins).',
    authScopes: { admin: true },
    errors: { types: RELEASE_ERRORS, dataField: { name: 'release' } },
    args: { id: t.arg.globalID({ required: true, for: ReleaseType }), expectedLockVersion: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => deleteRelease(ctx, { id: args.id.id, expectedLockVersion: args.expectedLockVersion }),
  }),
)
