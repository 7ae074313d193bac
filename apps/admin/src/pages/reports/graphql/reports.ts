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
      ... on Error {
        message
      }
      ... on ValidationError {
        fieldErrors {
          field
          message
        }
      }
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
      ... on Error {
        message
      }
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
      ... on Error {
        message
      }
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
      ... on Error {
        message
      }
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
      ... on Error {
        message
      }
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
      ... on Error {
        message
      }
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
      ... on Error {
        message
      }
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
      ... on Error {
        message
      }
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
