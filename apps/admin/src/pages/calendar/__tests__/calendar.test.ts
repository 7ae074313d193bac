import type { Operation } from '@urql/vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockClient } from '@covered/ui/testing'
import { mountApp, settle, staffViewer } from '../../../test/mountApp'
import { calendarReplies, deskData, engineerViewer, holidaysOf, pacific, stretch, uk } from './fixtures'

// The first mount loads every page of the app; give a busy machine time for it.
vi.setConfig({ testTimeout: 20_000 })

const admin = { data: { viewer: staffViewer } }
const engineer = { data: { viewer: engineerViewer } }

beforeEach(() => {
  // Thursday 26 November 2026, 12:00 UTC: only the clock is fixed, timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-26T12:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
})

/** The message a control points at with aria-describedby. */
function describedError(control: { element: Element }): string | null {
  const ids = control.element.getAttribute('aria-describedby')?.split(' ') ?? []
  for (const id of ids) {
    const el = document.getElementById(id)
    if (el?.classList.contains('cv-field__error')) return el.textContent?.trim() ?? ''
  }
  return null
}

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']

const deskCard = (wrapper: Wrapper, code: string) => wrapper.get(`[data-testid="desk-${code}"]`)
const buttonNamed = (scope: Pick<Wrapper, 'findAll'>, text: string) => scope.findAll('button').find((b) => b.text() === text)
/** The hours rows of a weekday in the edit form, in order. */
const rowsOf = (wrapper: Wrapper, code: string, weekday: number) =>
  deskCard(wrapper, code).findAll(`[data-testid="hours-row"][data-weekday="${weekday}"]`)

describe('calendar page', () => {
  it('is in the nav and shows each desk with its time zone, weekly hours and this year’s holidays', async () => {
    const { client } = mockClient({ AdminViewer: admin, ...calendarReplies([pacific(), uk()]) })
    const { wrapper } = await mountApp(client, '/calendar')
    const link = wrapper.findAll('nav a').find((a) => a.text() === 'Desk calendar')!
    expect(link.attributes('href')).toBe('/calendar')
    expect(link.classes()).toContain('router-link-active')
    // It sits behind the top bar's More button, which shows as current.
    expect(wrapper.get('nav .cv-navmore__button').classes()).toContain('router-link-active')
    expect(document.title).toBe('Calendar · Covered Admin')

    const pacificCard = deskCard(wrapper, 'PACIFIC')
    expect(pacificCard.get('h2').text()).toBe('Pacific desk')
    expect(pacificCard.text()).toContain('America/Los_Angeles')
    expect(pacificCard.text()).toContain('Local time now: Thu 26 Nov, 04:00 PST (UTC−8)')
    const hours = pacificCard.findAll('[data-testid="hours-table"] tr').map((tr) => tr.text())
    expect(hours).toEqual([
      'Monday07:00–18:00',
      'Tuesday07:00–18:00',
      'Wednesday07:00–18:00',
      'Thursday07:00–18:00',
      'Friday07:00–18:00',
      'SaturdayClosed',
      'SundayClosed',
    ])
    expect(pacificCard.findAll('[data-testid="holiday"]').map((li) => li.text().replace('Remove', '').trim())).toEqual([
      'Thu 26 NovThanksgiving Day',
      'Fri 25 DecChristmas Day',
    ])
    // Years with holidays, plus the year after the last one.
    expect(pacificCard.findAll('select[name="holidayYear"] option').map((o) => o.text())).toEqual(['2026', '2027', '2028'])
    expect(deskCard(wrapper, 'UK').text()).toContain('Europe/London')
    expect(deskCard(wrapper, 'UK').text()).toContain('Monday08:00–17:00')
  })

  it('shows another year’s holidays, and says when a year has none', async () => {
    const { client, sent } = mockClient({ AdminViewer: admin, ...calendarReplies([pacific(), uk()]) })
    const { wrapper } = await mountApp(client, '/calendar')
    const card = deskCard(wrapper, 'PACIFIC')

    await card.get('select[name="holidayYear"]').setValue('2027')
    await settle()
    expect(sent('DeskHolidays').at(-1)!.variables).toEqual({ year: 2027 })
    expect(card.findAll('[data-testid="holiday"]').map((li) => li.find('.holiday-list__name').text())).toEqual(['New Year’s Day'])

    await card.get('select[name="holidayYear"]').setValue('2028')
    await settle()
    expect(card.get('[data-testid="holidays-empty"]').text()).toContain('No holidays recorded for 2028')
  })

  it('shows staff who are not admins the calendar without any edit controls', async () => {
    const { client } = mockClient({ AdminViewer: engineer, ...calendarReplies([pacific(), uk()]) })
    const { wrapper } = await mountApp(client, '/calendar')

    expect(wrapper.text()).toContain('Only admins can change them.')
    expect(deskCard(wrapper, 'PACIFIC').findAll('[data-testid="holiday"]')).toHaveLength(2)
    expect(wrapper.findAll('[data-testid="hours-table"]')).toHaveLength(2)
    const labels = wrapper.findAll('button').map((b) => b.text())
    expect(labels).not.toContain('Edit hours')
    expect(labels).not.toContain('Remove')
    expect(labels).not.toContain('Add holiday')
    expect(wrapper.find('input[name="holidayName"]').exists()).toBe(false)
    expect(wrapper.find('input[name="opens"]').exists()).toBe(false)
  })
})

describe('editing weekly hours', () => {
  it('checks the times before sending and puts each message beside its row', async () => {
    const { client, sent } = mockClient({ AdminViewer: admin, ...calendarReplies([pacific(), uk()]) })
    const { wrapper } = await mountApp(client, '/calendar')
    await buttonNamed(deskCard(wrapper, 'PACIFIC'), 'Edit hours')!.trigger('click')

    const tuesday = rowsOf(wrapper, 'PACIFIC', 2)[0]!
    await tuesday.get('input[name="closes"]').setValue('06:30')
    const thursday = rowsOf(wrapper, 'PACIFIC', 4)[0]!
    await thursday.get('input[name="opens"]').setValue('7am')
    await deskCard(wrapper, 'PACIFIC').get('form.hours-form').trigger('submit')
    await settle()

    expect(sent('SetDeskHours')).toHaveLength(0)
    expect(describedError(tuesday.get('input[name="closes"]'))).toBe('Closing time must be after the opening time (07:00).')
    expect(describedError(tuesday.get('input[name="opens"]'))).toBeNull()
    expect(describedError(thursday.get('input[name="opens"]'))).toBe('Enter the opening time as HH:MM, for example 08:00.')
    expect(describedError(rowsOf(wrapper, 'PACIFIC', 1)[0]!.get('input[name="closes"]'))).toBeNull()
    expect(document.activeElement).toBe(tuesday.get('input[name="closes"]').element)
  })

  it("shows the API's field errors beside the rows they name", async () => {
    const { client, sent } = mockClient({
      AdminViewer: admin,
      ...calendarReplies([pacific(), uk()]),
      SetDeskHours: {
        data: {
          setDeskHours: {
            __typename: 'ValidationError',
            code: 'VALIDATION',
            message: 'Some fields need fixing.',
            fieldErrors: [
              {
                __typename: 'FieldError',
                field: 'hours.3',
                message: 'Wednesday 12:00–14:00 overlaps 07:00–18:00 (hours.2); make it one window or separate them.',
              },
              { __typename: 'FieldError', field: 'hours.5.closes', message: 'PACIFIC: closing time "25:00" is not HH:MM (00:01-24:00)' },
            ],
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/calendar')
    await buttonNamed(deskCard(wrapper, 'PACIFIC'), 'Edit hours')!.trigger('click')

    // A second window on Wednesday, sent fourth (after Monday, Tuesday and Wednesday's first).
    const wednesdayAdd = deskCard(wrapper, 'PACIFIC')
      .findAll('button')
      .find((b) => b.attributes('aria-label') === 'Add another window on Wednesday')!
    await wednesdayAdd.trigger('click')
    const wednesday = rowsOf(wrapper, 'PACIFIC', 3)
    expect(wednesday).toHaveLength(2)
    expect(document.activeElement).toBe(wednesday[1]!.get('input[name="opens"]').element)
    await wednesday[1]!.get('input[name="opens"]').setValue('12:00')
    await wednesday[1]!.get('input[name="closes"]').setValue('14:00')
    await deskCard(wrapper, 'PACIFIC').get('form.hours-form').trigger('submit')
    await settle()

    expect(sent('SetDeskHours')[0]!.variables).toEqual({
      desk: 'PACIFIC',
      expectedVersion: 3,
      hours: [
        { weekday: 1, opens: '07:00', closes: '18:00' },
        { weekday: 2, opens: '07:00', closes: '18:00' },
        { weekday: 3, opens: '07:00', closes: '18:00' },
        { weekday: 3, opens: '12:00', closes: '14:00' },
        { weekday: 4, opens: '07:00', closes: '18:00' },
        { weekday: 5, opens: '07:00', closes: '18:00' },
      ],
    })
    const rows = rowsOf(wrapper, 'PACIFIC', 3)
    expect(describedError(rows[1]!.get('input[name="opens"]'))).toBe(
      'Wednesday 12:00–14:00 overlaps 07:00–18:00; make it one window or separate them.',
    )
    expect(describedError(rows[0]!.get('input[name="opens"]'))).toBeNull()
    const friday = rowsOf(wrapper, 'PACIFIC', 5)[0]!
    expect(describedError(friday.get('input[name="closes"]'))).toBe('Closing time "25:00" is not HH:MM (00:01-24:00).')
    expect(describedError(rowsOf(wrapper, 'PACIFIC', 4)[0]!.get('input[name="closes"]'))).toBeNull()
    expect(wrapper.get('[data-testid="hours-error"]').text()).toContain('Check the hours marked below.')
  })

  it('shows the saved hours at once and sends later changes with the new version', async () => {
    const desks = [pacific(), uk()]
    const { client, sent } = mockClient({
      AdminViewer: admin,
      ...calendarReplies(desks),
      SetDeskHours: (op) => {
        desks[0] = pacific({ version: desks[0]!.version + 1, hours: op.variables!.hours as never })
        return { data: { setDeskHours: { __typename: 'MutationSetDeskHoursSuccess', desk: deskData(desks[0]) } } }
      },
    })
    const { wrapper } = await mountApp(client, '/calendar')
    const card = () => deskCard(wrapper, 'PACIFIC')

    await buttonNamed(card(), 'Edit hours')!.trigger('click')
    await rowsOf(wrapper, 'PACIFIC', 5)[0]!.get('input[name="closes"]').setValue('16:00')
    await card().get('form.hours-form').trigger('submit')
    await settle()

    expect(card().find('form.hours-form').exists()).toBe(false)
    expect(card().get('[data-testid="hours-saved"]').text()).toContain('Pacific desk hours saved.')
    expect(card().findAll('[data-testid="hours-table"] tr')[4]!.text()).toBe('Friday07:00–16:00')

    await buttonNamed(card(), 'Edit hours')!.trigger('click')
    await rowsOf(wrapper, 'PACIFIC', 5)[0]!.get('input[name="closes"]').setValue('17:00')
    await card().get('form.hours-form').trigger('submit')
    await settle()
    expect(sent('SetDeskHours').map((op) => op.variables!.expectedVersion)).toEqual([3, 4])
  })

  it('says when someone else changed the desk, and reloads it on request', async () => {
    const desks = [pacific(), uk()]
    const { client, sent } = mockClient({
      AdminViewer: admin,
      ...calendarReplies(desks),
      SetDeskHours: () => {
        return {
          data: {
            setDeskHours: {
              __typename: 'ConflictError',
              code: 'CONFLICT',
              message: 'The Pacific desk’s calendar changed since you loaded it (it is at version 4, you sent 3).',
            },
          },
        }
      },
    })
    const { wrapper } = await mountApp(client, '/calendar')
    const card = () => deskCard(wrapper, 'PACIFIC')
    await buttonNamed(card(), 'Edit hours')!.trigger('click')
    await rowsOf(wrapper, 'PACIFIC', 1)[0]!.get('input[name="opens"]').setValue('06:00')

    // Meanwhile another admin opened the desk on Saturdays.
    desks[0] = pacific({ version: 4, hours: [...pacific().hours, { weekday: 6, opens: '09:00', closes: '13:00' }] })
    await card().get('form.hours-form').trigger('submit')
    await settle()

    const conflict = card().get('[data-testid="hours-conflict"]')
    expect(conflict.text()).toContain('Someone else changed the Pacific desk while you were working on it.')
    expect(document.activeElement).toBe(conflict.element)
    const loadsBefore = sent('CalendarDesks').length

    await buttonNamed(conflict, 'Reload the desk')!.trigger('click')
    await settle()

    expect(sent('CalendarDesks').length).toBe(loadsBefore + 1)
    expect(card().find('[data-testid="hours-conflict"]').exists()).toBe(false)
    expect(card().text()).toContain('These are the Pacific desk’s hours as they are now.')
    const saturday = rowsOf(wrapper, 'PACIFIC', 6)
    expect(saturday).toHaveLength(1)
    expect((saturday[0]!.get('input[name="opens"]').element as HTMLInputElement).value).toBe('09:00')
    expect((rowsOf(wrapper, 'PACIFIC', 1)[0]!.get('input[name="opens"]').element as HTMLInputElement).value).toBe('07:00')
  })
})

describe('holidays', () => {
  it('adds a holiday, which appears in the list at once', async () => {
    const desks = [pacific(), uk()]
    const { client, sent } = mockClient({
      AdminViewer: admin,
      ...calendarReplies(desks),
      AddDeskHoliday: (op) => {
        const { date, name, year } = op.variables as { date: string; name: string; year: number }
        desks[1] = uk({ version: desks[1]!.version + 1, holidays: [...desks[1]!.holidays, { date, name }] })
        return {
          data: {
            addDeskHoliday: {
              __typename: 'MutationAddDeskHolidaySuccess',
              desk: { ...deskData(desks[1]), holidays: holidaysOf(desks[1], year) },
            },
          },
        }
      },
    })
    const { wrapper } = await mountApp(client, '/calendar')
    const card = deskCard(wrapper, 'UK')
    expect(card.findAll('[data-testid="holiday"]')).toHaveLength(2)

    await card.get('input[name="holidayDate"]').setValue('2026-12-24')
    await card.get('input[name="holidayName"]').setValue('  Christmas Eve ')
    await card.get('form.holiday-add').trigger('submit')
    await settle()

    expect(sent('AddDeskHoliday')[0]!.variables).toEqual({ desk: 'UK', date: '2026-12-24', name: 'Christmas Eve', year: 2026 })
    const items = card.findAll('[data-testid="holiday"]')
    expect(items.map((li) => li.find('.holiday-list__name').text())).toEqual([
      'Christmas Eve',
      'Christmas Day',
      'Boxing Day (substitute day)',
    ])
    expect(items[0]!.classes()).toContain('is-new')
    expect(card.get('[data-testid="holiday-message"]').text()).toContain('Added Christmas Eve on Thu 24 Dec 2026.')
    expect((card.get('input[name="holidayName"]').element as HTMLInputElement).value).toBe('')
    // The Pacific desk is untouched.
    expect(deskCard(wrapper, 'PACIFIC').findAll('[data-testid="holiday"]')).toHaveLength(2)
  })

  it('switches to the year of a holiday added for another year', async () => {
    const desks = [pacific(), uk()]
    const { client } = mockClient({
      AdminViewer: admin,
      ...calendarReplies(desks),
      AddDeskHoliday: (op) => {
        const { date, name, year } = op.variables as { date: string; name: string; year: number }
        desks[1] = uk({ version: 6, holidays: [...desks[1]!.holidays, { date, name }] })
        return {
          data: {
            addDeskHoliday: {
              __typename: 'MutationAddDeskHolidaySuccess',
              desk: { ...deskData(desks[1]), holidays: holidaysOf(desks[1], year) },
            },
          },
        }
      },
    })
    const { wrapper } = await mountApp(client, '/calendar')
    const card = deskCard(wrapper, 'UK')
    await card.get('input[name="holidayDate"]').setValue('2028-01-03')
    await card.get('input[name="holidayName"]').setValue('New Year’s Day (substitute day)')
    await card.get('form.holiday-add').trigger('submit')
    await settle()

    expect((card.get('select[name="holidayYear"]').element as HTMLSelectElement).value).toBe('2028')
    expect(card.findAll('[data-testid="holiday"]').map((li) => li.find('.holiday-list__name').text())).toEqual([
      'New Year’s Day (substitute day)',
    ])
  })

  it('checks the date and name, and shows the API’s message beside the date', async () => {
    const { client, sent } = mockClient({
      AdminViewer: admin,
      ...calendarReplies([pacific(), uk()]),
      AddDeskHoliday: {
        data: {
          addDeskHoliday: {
            __typename: 'ValidationError',
            code: 'VALIDATION',
            message: 'Some fields need fixing.',
            fieldErrors: [
              { __typename: 'FieldError', field: 'date', message: 'The UK desk already has a holiday on 2026-12-25 (Christmas Day).' },
            ],
          },
        },
      },
    })
    const { wrapper } = await mountApp(client, '/calendar')
    const card = deskCard(wrapper, 'UK')

    await card.get('form.holiday-add').trigger('submit')
    await settle()
    expect(sent('AddDeskHoliday')).toHaveLength(0)
    expect(describedError(card.get('input[name="holidayDate"]'))).toBe('Choose the date the desk is closed.')
    expect(describedError(card.get('input[name="holidayName"]'))).toBe('Name the holiday, for example “Boxing Day”.')

    await card.get('input[name="holidayDate"]').setValue('2026-12-25')
    await card.get('input[name="holidayName"]').setValue('Christmas')
    await card.get('form.holiday-add').trigger('submit')
    await settle()
    expect(describedError(card.get('input[name="holidayDate"]'))).toBe(
      'The UK desk already has a holiday on 2026-12-25 (Christmas Day).',
    )
    expect(document.activeElement).toBe(card.get('input[name="holidayDate"]').element)
  })

  it('sends the version a holiday change returned when saving hours next', async () => {
    const desks = [pacific(), uk()]
    const { client, sent } = mockClient({
      AdminViewer: admin,
      ...calendarReplies(desks),
      AddDeskHoliday: (op) => {
        const { date, name, year } = op.variables as { date: string; name: string; year: number }
        desks[0] = pacific({ version: 4, holidays: [...desks[0]!.holidays, { date, name }] })
        return {
          data: {
            addDeskHoliday: {
              __typename: 'MutationAddDeskHolidaySuccess',
              desk: { ...deskData(desks[0]), holidays: holidaysOf(desks[0], year) },
            },
          },
        }
      },
      SetDeskHours: (op) => {
        desks[0] = pacific({ ...desks[0]!, version: 5, hours: op.variables!.hours as never })
        return { data: { setDeskHours: { __typename: 'MutationSetDeskHoursSuccess', desk: deskData(desks[0]) } } }
      },
    })
    const { wrapper } = await mountApp(client, '/calendar')
    const card = deskCard(wrapper, 'PACIFIC')

    // Editing starts at version 3; adding a holiday meanwhile moves the desk to version 4.
    await buttonNamed(card, 'Edit hours')!.trigger('click')
    await card.get('input[name="holidayDate"]').setValue('2026-12-24')
    await card.get('input[name="holidayName"]').setValue('Christmas Eve')
    await card.get('form.holiday-add').trigger('submit')
    await settle()
    await rowsOf(wrapper, 'PACIFIC', 5)[0]!.get('input[name="closes"]').setValue('15:00')
    await card.get('form.hours-form').trigger('submit')
    await settle()

    expect(sent('SetDeskHours')[0]!.variables!.expectedVersion).toBe(4)
    expect(card.find('[data-testid="hours-saved"]').exists()).toBe(true)
  })

  it('asks before removing a holiday, and removes it from the list', async () => {
    const desks = [pacific(), uk()]
    const { client, sent } = mockClient({
      AdminViewer: admin,
      ...calendarReplies(desks),
      RemoveDeskHoliday: (op) => {
        const { date, year } = op.variables as { date: string; year: number }
        desks[0] = pacific({ version: 4, holidays: desks[0]!.holidays.filter((h) => h.date !== date) })
        return {
          data: {
            removeDeskHoliday: {
              __typename: 'MutationRemoveDeskHolidaySuccess',
              desk: { ...deskData(desks[0]), holidays: holidaysOf(desks[0], year) },
            },
          },
        }
      },
    })
    const { wrapper } = await mountApp(client, '/calendar')
    const card = deskCard(wrapper, 'PACIFIC')
    const removeChristmas = () =>
      card.findAll('button').find((b) => b.attributes('aria-label') === 'Remove Christmas Day, Fri 25 Dec 2026')!

    await removeChristmas().trigger('click')
    expect(card.text()).toContain('Remove this holiday? The desk will be open that day.')
    expect(document.activeElement?.textContent?.trim()).toBe('Keep')
    await buttonNamed(card, 'Keep')!.trigger('click')
    expect(sent('RemoveDeskHoliday')).toHaveLength(0)
    expect(document.activeElement).toBe(removeChristmas().element)

    await removeChristmas().trigger('click')
    await buttonNamed(card, 'Yes, remove')!.trigger('click')
    await settle()

    expect(sent('RemoveDeskHoliday')[0]!.variables).toEqual({ desk: 'PACIFIC', date: '2026-12-25', year: 2026 })
    expect(card.findAll('[data-testid="holiday"]').map((li) => li.find('.holiday-list__name').text())).toEqual(['Thanksgiving Day'])
    expect(card.get('[data-testid="holiday-message"]').text()).toContain('Removed Christmas Day (Fri 25 Dec 2026).')
  })
})

describe('week of open stretches', () => {
  const week = (op: Operation): Record<string, unknown[]> =>
    op.variables?.from === '2026-11-23T00:00:00.000Z'
      ? {
          PACIFIC: [
            stretch('2026-11-23T15:00:00.000Z', '2026-11-24T02:00:00.000Z', {
              PACIFIC: ['2026-11-23T07:00:00-08:00', '2026-11-23T18:00:00-08:00'],
              UK: ['2026-11-23T15:00:00+00:00', '2026-11-24T02:00:00+00:00'],
            }),
          ],
          UK: [
            stretch('2026-11-23T08:00:00.000Z', '2026-11-23T17:00:00.000Z', {
              PACIFIC: ['2026-11-23T00:00:00-08:00', '2026-11-23T09:00:00-08:00'],
              UK: ['2026-11-23T08:00:00+00:00', '2026-11-23T17:00:00+00:00'],
            }),
            stretch('2026-11-26T08:00:00.000Z', '2026-11-26T17:00:00.000Z', {
              PACIFIC: ['2026-11-26T00:00:00-08:00', '2026-11-26T09:00:00-08:00'],
              UK: ['2026-11-26T08:00:00+00:00', '2026-11-26T17:00:00+00:00'],
            }),
          ],
        }
      : {}

  it('shows each stretch in both local times and UTC, and where both desks together are open', async () => {
    const { client, sent } = mockClient({ AdminViewer: engineer, ...calendarReplies([pacific(), uk()], week) })
    const { wrapper } = await mountApp(client, '/calendar')
    const view = wrapper.get('[data-testid="week-view"]')

    expect(sent('DeskWeek')[0]!.variables).toEqual({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' })
    expect(view.get('[data-testid="week-label"]').text()).toContain('23–29 Nov 2026')

    const pacificRows = view.get('[data-testid="week-PACIFIC"]').findAll('[data-testid="stretch"]')
    expect(pacificRows).toHaveLength(1)
    const cells = pacificRows[0]!.findAll('td').map((td) => td.text())
    expect(cells[0]).toBe('Mon 23 Nov07:00 – 18:00PST (UTC−8)')
    expect(cells[1]).toBe('Mon 23 Nov15:00 – Tue 02:00GMT')
    expect(cells[2]).toBe('Mon 23 Nov15:00 – Tue 02:00')
    expect(cells[3]).toBe('11 h')
    // Thanksgiving: the Pacific desk is closed, and says why.
    expect(view.get('[data-testid="week-PACIFIC"]').text()).toContain('Closed Thu 26 Nov: Thanksgiving Day')

    const both = view.get('[data-testid="week-BOTH"]')
    expect(both.text()).toContain('2 stretches, 27 hours')
    const merged = both.findAll('[data-testid="stretch"]').map((tr) => tr.findAll('td').map((td) => td.text()))
    expect(merged[0]).toEqual(['Mon 23 Nov00:00 – 18:00PST (UTC−8)', 'Mon 23 Nov08:00 – Tue 02:00GMT', 'Mon 23 Nov08:00 – Tue 02:00', '18 h'])
    expect(merged[1]).toEqual(['Thu 26 Nov00:00 – 09:00PST (UTC−8)', 'Thu 26 Nov08:00 – 17:00GMT', 'Thu 26 Nov08:00 – 17:00', '9 h'])
  })

  it('moves to the next and previous week', async () => {
    const { client, sent } = mockClient({ AdminViewer: engineer, ...calendarReplies([pacific(), uk()], week) })
    const { wrapper } = await mountApp(client, '/calendar')
    const view = wrapper.get('[data-testid="week-view"]')

    await view.get('button[aria-label="Next week"]').trigger('click')
    await settle()
    expect(sent('DeskWeek').at(-1)!.variables).toEqual({ from: '2026-11-30T00:00:00.000Z', to: '2026-12-07T00:00:00.000Z' })
    expect(view.get('[data-testid="week-label"]').text()).toContain('30 Nov – 6 Dec 2026')
    expect(view.get('[data-testid="week-BOTH"]').text()).toContain('Closed all week.')

    await view.get('button[aria-label="Previous week"]').trigger('click')
    await view.get('button[aria-label="Previous week"]').trigger('click')
    await settle()
    expect(view.get('[data-testid="week-label"]').text()).toContain('16–22 Nov 2026')
    await buttonNamed(view, 'Back to this week')!.trigger('click')
    await settle()
    expect(view.get('[data-testid="week-label"]').text()).toContain('23–29 Nov 2026')
    expect(view.get('[data-testid="week-BOTH"]').findAll('[data-testid="stretch"]')).toHaveLength(2)
  })
})
