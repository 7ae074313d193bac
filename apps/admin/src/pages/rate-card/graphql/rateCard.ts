import { graphql } from '../../../gql'

export const HourlyRateFieldsFragment = graphql(`
  fragment HourlyRateFields on HourlyRate {
    currency
    rate {
      amount
      amountMinor
      currency
      formatted
    }
    updatedAt
    version
  }
`)

export const RateCardModuleFragment = graphql(`
  fragment RateCardModule on TrainingModule {
    id
    name
    description
    durationMinutes
    active
    version
    prices {
      amount
      amountMinor
      currency
      formatted
    }
  }
`)

/** The rate card, and who is looking (only admins change it). */
export const RateCardQuery = graphql(`
  query RateCard {
    rateCard {
      hourlyRates {
        ...HourlyRateFields
      }
      trainingModules {
        ...RateCardModule
      }
    }
  }
`)

export const UpdateHourlyRateMutation = graphql(`
  mutation UpdateHourlyRate($currency: Currency!, $amount: String!, $expectedVersion: Int!) {
    updateHourlyRate(currency: $currency, amount: $amount, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationUpdateHourlyRateSuccess {
        hourlyRate {
          ...HourlyRateFields
        }
      }
      ...TypedError
    }
  }
`)

export const UpdateTrainingModulePricesMutation = graphql(`
  mutation UpdateTrainingModulePrices($moduleId: ID!, $prices: [MoneyInput!]!, $expectedVersion: Int!) {
    updateTrainingModulePrices(moduleId: $moduleId, prices: $prices, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationUpdateTrainingModulePricesSuccess {
        trainingModule {
          ...RateCardModule
        }
      }
      ...TypedError
    }
  }
`)
