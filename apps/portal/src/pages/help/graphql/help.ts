import { graphql } from '../../../gql'

export const HelpSlaPreviewFragment = graphql(`
  fragment HelpSlaPreview on SlaPreview {
    plan
    homeDesk
    receivedAt
    firstResponseDueAt
    firstResponseKind
    resolutionDueAt
    resolutionKind
    calendarDesks {
      code
      name
      timeZone
    }
    warnings {
      code
      desk
      year
      message
    }
  }
`)

/** "Sent now, answered by …" for both plans on both home desks, in one request. */
export const HelpSlaPreviewsQuery = graphql(`
  query HelpSlaPreviews($receivedAt: DateTime!) {
    standardPacific: slaPreview(plan: STANDARD, homeDesk: PACIFIC, receivedAt: $receivedAt) {
      ...HelpSlaPreviewResult
    }
    standardUk: slaPreview(plan: STANDARD, homeDesk: UK, receivedAt: $receivedAt) {
      ...HelpSlaPreviewResult
    }
    premiumPacific: slaPreview(plan: PREMIUM, homeDesk: PACIFIC, receivedAt: $receivedAt) {
      ...HelpSlaPreviewResult
    }
    premiumUk: slaPreview(plan: PREMIUM, homeDesk: UK, receivedAt: $receivedAt) {
      ...HelpSlaPreviewResult
    }
  }
`)

export const HelpSlaPreviewResultFragment = graphql(`
  fragment HelpSlaPreviewResult on QuerySlaPreviewResult {
    __typename
    ... on QuerySlaPreviewSuccess {
      preview {
        ...HelpSlaPreview
      }
    }
    ... on ValidationError {
      message
    }
  }
`)
