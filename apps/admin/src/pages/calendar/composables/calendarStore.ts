import { unexpectedErrorMessage } from '@covered/ui'
import { useQuery } from '@urql/vue'
import { computed, inject, shallowRef, watch, type InjectionKey } from 'vue'
import type { CalendarDeskFragment } from '../../../gql/graphql'
import { CalendarDesksQuery } from '../graphql/calendar'

export type CalendarDesk = CalendarDeskFragment
export interface Holiday {
  date: string
  name: string
}

interface HolidaysAt {
  version: number
  holidays: readonly Holiday[]
}

/**
 * The desks as this page knows them. Every change returns the desk with its new version; that answer is shown
 * at once, and a refetch that is older (a lower version) never replaces it.
 */
export function createCalendarStore() {
  const query = useQuery({ query: CalendarDesksQuery, requestPolicy: 'cache-and-network' })
  const latest = shallowRef<Record<string, CalendarDesk>>({})
  const holidayAnswers = shallowRef<Record<string, HolidaysAt>>({})

  function acceptDesk(desk: CalendarDesk) {
    const current = latest.value[desk.code]
    if (current && current.version > desk.version) return
    latest.value = { ...latest.value, [desk.code]: desk }
  }

  /** A year of holidays as a change returned them. */
  function acceptHolidays(code: string, year: number, version: number, holidays: readonly Holiday[]) {
    const key = `${code}:${year}`
    const current = holidayAnswers.value[key]
    if (current && current.version > version) return
    holidayAnswers.value = { ...holidayAnswers.value, [key]: { version, holidays } }
  }

  watch(
    () => query.data.value,
    (data) => data?.desks.forEach(acceptDesk),
    { immediate: true },
  )

  const desks = computed<CalendarDesk[]>(() => (query.data.value?.desks ?? []).map((d) => latest.value[d.code] ?? d))

  return {
    desks,
    desk: (code: string) => latest.value[code] ?? null,
    loading: computed(() => query.fetching.value && !query.data.value),
    error: computed(() => (query.error.value && !query.data.value ? unexpectedErrorMessage(query.error.value) : null)),
    acceptDesk,
    acceptHolidays,
    /** The newest answer for a year of a desk's holidays, from a change, if newer than `version`. */
    holidaysAfter(code: string, year: number, version: number): readonly Holiday[] | null {
      const answer = holidayAnswers.value[`${code}:${year}`]
      return answer && answer.version >= version ? answer.holidays : null
    },
    /** Loads the desks again from the API (after a conflict, or to retry). */
    async reload() {
      const result = await query.executeQuery({ requestPolicy: 'network-only' })
      return !result.error.value
    },
  }
}

export type CalendarStore = ReturnType<typeof createCalendarStore>
export const CalendarStoreKey: InjectionKey<CalendarStore> = Symbol('calendar-store')

export function useCalendarStore(): CalendarStore {
  const store = inject(CalendarStoreKey)
  if (!store) throw new Error('useCalendarStore() needs the store the calendar view provides')
  return store
}
