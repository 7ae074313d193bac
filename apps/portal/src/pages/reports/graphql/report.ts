import { graphql } from '../../../gql'

/** The customer's own report: the API limits every figure to the contact's organisation. */

export const MySlaSummaryQuery = graphql(`
  query MySlaSummary($filter: ReportFilter!) {
    slaSummary(filter: $filter) {
      __typename
      ... on QuerySlaSummarySuccess {
        summary {
          byMonth {
            month
            target
            kind
            met
            breached
            open
            rate
            measured
            medianHours
            p90Hours
          }
          overall {
            month
            target
            kind
            met
            breached
            open
            rate
            measured
            medianHours
            p90Hours
          }
        }
      }
      ...TypedError
    }
  }
`)

export const MyResponseTimesQuery = graphql(`
  query MyResponseTimes($filter: ReportFilter!) {
    responseTimes(filter: $filter) {
      __typename
      ... on QueryResponseTimesSuccess {
        buckets {
          target
          fromHours
          toHours
          count
        }
      }
      ...TypedError
    }
  }
`)

export const MyReportTicketsQuery = graphql(`
  query MyReportTickets($filter: ReportFilter!, $after: String) {
    reportTickets(filter: $filter, first: 25, after: $after) {
      __typename
      ... on QueryReportTicketsSuccess {
        data {
          edges {
            node {
              firstResponseHours
              resolutionHours
              ticket {
                id
                number
                subject
                plan
                receivedAt
                firstResponse {
                  kind
                  state
                  dueAt
                }
                resolution {
                  kind
                  state
                  dueAt
                }
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      ...TypedError
    }
  }
`)
