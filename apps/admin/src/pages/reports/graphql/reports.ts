import { graphql } from '../../../gql'

// One query per report, so each panel loads, fails and retries on its own.

export const ReportSlaSummaryQuery = graphql(`
  query ReportSlaSummary($filter: ReportFilter!) {
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

export const ReportAttainmentQuery = graphql(`
  query ReportAttainment($filter: ReportFilter!) {
    slaAttainment(filter: $filter) {
      __typename
      ... on QuerySlaAttainmentSuccess {
        rows {
          month
          desk
          plan
          target
          kind
          met
          breached
          open
          rate
        }
      }
      ...TypedError
    }
  }
`)

export const ReportResponseTimesQuery = graphql(`
  query ReportResponseTimes($filter: ReportFilter!) {
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

export const ReportBacklogQuery = graphql(`
  query ReportBacklog($filter: ReportNowFilter) {
    backlog(filter: $filter) {
      __typename
      ... on QueryBacklogSuccess {
        rows {
          status
          desk
          age
          count
        }
      }
      ...TypedError
    }
  }
`)

export const ReportAtRiskQuery = graphql(`
  query ReportAtRisk($filter: ReportNowFilter) {
    ticketsAtRisk(filter: $filter, limit: 10) {
      __typename
      ... on QueryTicketsAtRiskSuccess {
        atRisk {
          count
          breached
          tickets {
            target
            kind
            dueAt
            ticket {
              id
              number
              subject
              plan
              desk
              customer {
                id
                name
              }
            }
          }
        }
      }
      ...TypedError
    }
  }
`)

export const ReportScopeMixQuery = graphql(`
  query ReportScopeMix($filter: ReportFilter!) {
    scopeMix(filter: $filter) {
      __typename
      ... on QueryScopeMixSuccess {
        mix {
          rows {
            category
            inScope
            needsProfessionalServices
            needsReview
            total
          }
          total {
            inScope
            needsProfessionalServices
            needsReview
            total
          }
        }
      }
      ...TypedError
    }
  }
`)

export const ReportPipelineQuery = graphql(`
  query ReportPipeline($filter: ReportFilter!) {
    quotePipeline(filter: $filter) {
      __typename
      ... on QueryQuotePipelineSuccess {
        rows {
          status
          currency
          count
          totalMinor
          quotedMinutes
          loggedMinutes
        }
      }
      ...TypedError
    }
  }
`)

export const ReportRenewalsQuery = graphql(`
  query ReportRenewals($filter: ReportNowFilter) {
    renewalsOutlook(filter: $filter) {
      __typename
      ... on QueryRenewalsOutlookSuccess {
        rows {
          withinDays
          currency
          count
          valueMinor
        }
      }
      ...TypedError
    }
  }
`)

export const ReportCustomerSearchQuery = graphql(`
  query ReportCustomerSearch($search: String) {
    customers(first: 8, search: $search) {
      edges {
        node {
          id
          name
          homeDesk
        }
      }
    }
  }
`)

export const ReportCustomerQuery = graphql(`
  query ReportCustomer($id: ID!) {
    customer(id: $id) {
      id
      name
    }
  }
`)
