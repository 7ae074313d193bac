import { unexpectedErrorMessage } from '@covered/ui'
import { useMutation } from '@urql/vue'
import type { Desk, DeskHoursInput } from '../../../gql/graphql'
import { AddDeskHolidayMutation, RemoveDeskHolidayMutation, SetDeskHoursMutation } from '../graphql/calendar'
import { useCalendarStore, type CalendarDesk, type Holiday } from './calendarStore'

/** How a change ended: the desk as it is now, or why not, in words a person can act on. */
export type ChangeOutcome =
  | { ok: true; desk: CalendarDesk }
  | { ok: false; kind: 'validation'; message: string; fieldErrors: Record<string, string> }
  | { ok: false; kind: 'conflict' | 'not-found' | 'forbidden' | 'failed'; message: string }

interface ErrorLike {
  __typename: string
  message?: string
  fieldErrors?: readonly { field: string; message: string }[]
}

/** "PACIFIC: closing time 07:00 is not after opening time 08:00" -> "Closing time 07:00 is not after opening time 08:00." */
export function tidyMessage(message: string): string {
  const text = message
    .replace(/^[A-Z_]+: /, '')
    .replace(/\s*\((?:hours\.\d+|weeklyHours\[\d+\])\)/g, '')
    .trim()
  const sentence = text.charAt(0).toUpperCase() + text.slice(1)
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`
}

function failure(outcome: ErrorLike, deskName: string): ChangeOutcome {
  switch (outcome.__typename) {
    case 'ValidationError': {
      const fieldErrors: Record<string, string> = {}
      for (const { field, message } of outcome.fieldErrors ?? []) fieldErrors[field] ??= tidyMessage(message)
      return { ok: false, kind: 'validation', message: outcome.message ?? 'Some fields need fixing.', fieldErrors }
    }
    case 'ConflictError':
      return {
        ok: false,
        kind: 'conflict',
        message: `Someone else changed the ${deskName} desk while you were working on it. Reload the desk to see the change, then make yours again.`,
      }
    case 'NotFoundError':
      return { ok: false, kind: 'not-found', message: outcome.message ?? 'That no longer exists.' }
    case 'ForbiddenError':
      return { ok: false, kind: 'forbidden', message: outcome.message ?? 'Only admins can change desk hours and holidays.' }
    default:
      return { ok: false, kind: 'failed', message: outcome.message ?? unexpectedErrorMessage(null) }
  }
}

/** The admin changes to a desk: its weekly hours, and adding or removing a holiday. */
export function useDeskChanges() {
  const store = useCalendarStore()
  const hours = useMutation(SetDeskHoursMutation)
  const add = useMutation(AddDeskHolidayMutation)
  const remove = useMutation(RemoveDeskHolidayMutation)

  async function setHours(desk: CalendarDesk, expectedVersion: number, windows: DeskHoursInput[]): Promise<ChangeOutcome> {
    const result = await hours.executeMutation({ desk: desk.code, expectedVersion, hours: windows })
    const outcome = result.data?.setDeskHours
    if (result.error || !outcome) return { ok: false, kind: 'failed', message: unexpectedErrorMessage(result.error) }
    if (outcome.__typename === 'MutationSetDeskHoursSuccess') {
      store.acceptDesk(outcome.desk)
      return { ok: true, desk: outcome.desk }
    }
    return failure(outcome, desk.name)
  }

  function acceptWithHolidays(desk: CalendarDesk & { holidays: readonly Holiday[] }, year: number) {
    const { holidays, ...rest } = desk
    store.acceptDesk(rest)
    store.acceptHolidays(desk.code, year, desk.version, holidays)
  }

  async function addHoliday(desk: CalendarDesk, date: string, name: string): Promise<ChangeOutcome> {
    const year = Number(date.slice(0, 4))
    const result = await add.executeMutation({ desk: desk.code as Desk, date, name, year })
    const outcome = result.data?.addDeskHoliday
    if (result.error || !outcome) return { ok: false, kind: 'failed', message: unexpectedErrorMessage(result.error) }
    if (outcome.__typename === 'MutationAddDeskHolidaySuccess') {
      acceptWithHolidays(outcome.desk, year)
      return { ok: true, desk: outcome.desk }
    }
    return failure(outcome, desk.name)
  }

  async function removeHoliday(desk: CalendarDesk, date: string): Promise<ChangeOutcome> {
    const year = Number(date.slice(0, 4))
    const result = await remove.executeMutation({ desk: desk.code as Desk, date, year })
    const outcome = result.data?.removeDeskHoliday
    if (result.error || !outcome) return { ok: false, kind: 'failed', message: unexpectedErrorMessage(result.error) }
    if (outcome.__typename === 'MutationRemoveDeskHolidaySuccess') {
      acceptWithHolidays(outcome.desk, year)
      return { ok: true, desk: outcome.desk }
    }
    return failure(outcome, desk.name)
  }

  return {
    setHours,
    addHoliday,
    removeHoliday,
    savingHours: hours.fetching,
    adding: add.fetching,
    removing: remove.fetching,
  }
}
