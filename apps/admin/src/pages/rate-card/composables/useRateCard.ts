import { readOutcome, unexpectedErrorMessage, type FormProblem } from '@covered/ui'
import { useMutation, useQuery } from '@urql/vue'
import { computed, shallowRef, watch } from 'vue'
import type { Currency, HourlyRateFieldsFragment, RateCardModuleFragment } from '../../../gql/graphql'
import { RateCardQuery, UpdateHourlyRateMutation, UpdateTrainingModulePricesMutation } from '../graphql/rateCard'

/** How a change ended: saved, or what to show (field messages by name, and a problem at the top). */
export type RateChange = { ok: true } | { ok: false; fieldErrors: Record<string, string>; problem: FormProblem | null }

/**
 * The rate card: hourly rates per currency and training module prices. Changes keep the latest version of each
 * row here, so a second change in a row sends the version the first one made.
 */
export function useRateCard() {
  const query = useQuery({ query: RateCardQuery, requestPolicy: 'cache-and-network' })
  const rates = shallowRef<HourlyRateFieldsFragment[]>([])
  const modules = shallowRef<RateCardModuleFragment[]>([])
  watch(
    () => query.data.value?.rateCard,
    (card) => {
      if (!card) return
      rates.value = [...card.hourlyRates]
      modules.value = [...card.trainingModules]
    },
    { immediate: true },
  )

  const rateMutation = useMutation(UpdateHourlyRateMutation)
  const modulesMutation = useMutation(UpdateTrainingModulePricesMutation)

  async function setRate(rate: HourlyRateFieldsFragment, amount: string): Promise<RateChange> {
    const result = await rateMutation.executeMutation({ currency: rate.currency, amount, expectedVersion: rate.version })
    const outcome = result.data?.updateHourlyRate
    const read = readOutcome(result.error, outcome, ['amount'])
    if (outcome?.__typename === 'MutationUpdateHourlyRateSuccess') {
      rates.value = rates.value.map((r) => (r.currency === rate.currency ? outcome.hourlyRate : r))
      return { ok: true }
    }
    return { ok: false, fieldErrors: read.fieldErrors, problem: Object.keys(read.fieldErrors).length ? null : read.problem }
  }

  /** Field messages come back per price (`prices.1.amount`) and are returned keyed by currency. */
  async function setModulePrices(module: RateCardModuleFragment, prices: { currency: Currency; amount: string }[]): Promise<RateChange> {
    const result = await modulesMutation.executeMutation({ moduleId: module.id, prices, expectedVersion: module.version })
    const outcome = result.data?.updateTrainingModulePrices
    if (outcome?.__typename === 'MutationUpdateTrainingModulePricesSuccess') {
      modules.value = modules.value.map((m) => (m.id === module.id ? outcome.trainingModule : m))
      return { ok: true }
    }
    const fieldErrors: Record<string, string> = {}
    if (outcome?.__typename === 'ValidationError') {
      for (const { field, message } of outcome.fieldErrors) {
        const index = /^prices\.(\d+)\./.exec(field)?.[1]
        const currency = index === undefined ? undefined : prices[Number(index)]?.currency
        if (currency) fieldErrors[currency] ??= message
      }
    }
    const read = readOutcome(result.error, outcome, [])
    const problem = Object.keys(fieldErrors).length ? null : read.problem
    return { ok: false, fieldErrors, problem }
  }

  return {
    rates,
    modules,
    loading: computed(() => query.fetching.value && !query.data.value),
    error: computed(() => (query.error.value && !query.data.value ? unexpectedErrorMessage(query.error.value) : null)),
    reload: () => query.executeQuery({ requestPolicy: 'network-only' }),
    setRate,
    setModulePrices,
  }
}
