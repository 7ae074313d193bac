import { graphql } from '../../../gql'

export const CalendarDeskFragment = graphql(`
  fragment CalendarDesk on SupportDesk {
    code
    name
    timeZone
    version
    updatedAt
    holidayYears
    hours {
      weekday
      weekdayName
      opens
      closes
    }
  }
`)

export const CalendarDesksQuery = graphql(`
  query CalendarDesks {
    desks {
      ...CalendarDesk
    }
  }
`)

/** One year of holidays for every desk (each desk card picks its own). */
export const DeskHolidaysQuery = graphql(`
  query DeskHolidays($year: Int!) {
    desks {
      code
      version
      holidays(year: $year) {
        date
        name
      }
    }
  }
`)

/** Every desk's open stretches in [from, to), in UTC and in each desk's local time. */
export const DeskWeekQuery = graphql(`
  query DeskWeek($from: DateTime!, $to: DateTime!) {
    desks {
      code
      name
      timeZone
      version
      openStretches(from: $from, to: $to) {
        __typename
        ... on SupportDeskOpenStretchesSuccess {
          stretches {
            start
            end
            local {
              desk
              timeZone
              start
              end
            }
          }
        }
        ... on ValidationError {
          message
        }
      }
    }
  }
`)

export const SetDeskHoursMutation = graphql(`
  mutation SetDeskHours($desk: Desk!, $expectedVersion: Int!, $hours: [DeskHoursInput!]!) {
    setDeskHours(desk: $desk, expectedVersion: $expectedVersion, hours: $hours) {
      __typename
      ... on MutationSetDeskHoursSuccess {
        desk {
          ...CalendarDesk
        }
      }
      ...TypedError
    }
  }
`)

export const AddDeskHolidayMutation = graphql(`
  mutation AddDeskHoliday($desk: Desk!, $date: String!, $name: String!, $year: Int!) {
    addDeskHoliday(desk: $desk, date: $date, name: $name) {
      __typename
      ... on MutationAddDeskHolidaySuccess {
        desk {
          ...CalendarDesk
          holidays(year: $year) {
            date
            name
          }
        }
      }
      ...TypedError
    }
  }
`)

export const RemoveDeskHolidayMutation = graphql(`
  mutation RemoveDeskHoliday($desk: Desk!, $date: String!, $year: Int!) {
    removeDeskHoliday(desk: $desk, date: $date) {
      __typename
      ... on MutationRemoveDeskHolidaySuccess {
        desk {
          ...CalendarDesk
          holidays(year: $year) {
            date
            name
          }
        }
      }
      ...TypedError
    }
  }
`)
