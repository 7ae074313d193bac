import { builder } from '../../graphql/builder.js'
import { ForbiddenError, ValidationError } from '../../errors.js'
import { PREFERENCE_KINDS } from './kinds.js'
import { setViewerPreference, viewerPreferences, type PreferenceView } from './preferences.service.js'

const NotificationKindEnum = builder.enumType('NotificationKind', {
  description: 'A kind of email a person may choose to get or not; ORGANISATION_TICKETS is a key contact’s copies of colleagues’ tickets.',
  values: PREFERENCE_KINDS,
})

const NotificationPreferenceType = builder.objectRef<PreferenceView>('NotificationPreference').implement({
  description: 'One kind of email and whether the signed-in person gets it.',
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, resolve: (p) => p.definition.kind }),
    label: t.string({ resolve: (p) => p.definition.label }),
    description: t.string({ resolve: (p) => p.definition.description }),
    enabled: t.exposeBoolean('enabled'),
    defaultEnabled: t.boolean({ description: 'What a person gets before choosing.', resolve: (p) => p.definition.defaultEnabled }),
  }),
})

builder.queryField('notificationPreferences', (t) =>
  t.field({
    type: [NotificationPreferenceType],
    description: 'The emails the signed-in person (staff user or contact) may get, each on or off.',
    authScopes: { staff: true, contact: true },
    resolve: (_root, _args, ctx) => viewerPreferences(ctx),
  }),
)

builder.mutationField('setNotificationPreference', (t) =>
  t.field({
    type: [NotificationPreferenceType],
    description: 'Turns one kind of email on or off for the signed-in person; answers with all their choices.',
    authScopes: { staff: true, contact: true },
    errors: { types: [ValidationError, ForbiddenError], dataField: { name: 'preferences' } },
    args: { kind: t.arg({ type: NotificationKindEnum, required: true }), enabled: t.arg.boolean({ required: true }) },
    resolve: (_root, args, ctx) => setViewerPreference(ctx, args),
  }),
)
