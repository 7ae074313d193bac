import { describe, expect, it } from 'vitest'
import { calendarFor, computeDueTimes, type DeskCode, type SupportPlanForClock } from '../index.js'

// Offsets used in the reasoning (never in the code): Los Angeles PST = UTC-8, PDT = UTC-7 (2026: PDT from
// Mar 8 to Nov 1; 2027: Mar 14 to Nov 7). London GMT = UTC+0, BST = UTC+1 (2026: Mar 29 to Oct 25; 2027: Mar 28
// to Oct 31). So PACIFIC 07:00-18:00 is 15:00Z-02:00Z(+1) in PST and 14:00Z-01:00Z(+1) in PDT; UK 08:00-17:00
// is 08:00Z-17:00Z in GMT and 07:00Z-16:00Z in BST. PREMIUM merges both: 08:00Z-02:00Z (18 h) in winter,
// 07:00Z-01:00Z (18 h) in summer, 08:00Z-01:00Z (17 h) in the weeks when only the US has changed.

interface Case {
  plan: SupportPlanForClock
  desk: DeskCode
  received: string
  firstResponse: string
  resolution: string
}

const cases: [string, Case][] = [
  // ---- STANDARD, PACIFIC ----------------------------------------------------------------------------------
  // Mon 07:00 PST, opening instant is open. FR: Mon 18:00 PST. RES 24 h: Mon 11 + Tue 11 + Wed 2 -> Wed 09:00 PST.
  ['PACIFIC receipt exactly at opening', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-05T15:00:00Z', firstResponse: '2026-01-06T02:00:00Z', resolution: '2026-01-07T17:00:00Z' }],
  // Mon 06:59:59 PST is closed; the next support day is the same date: same due times as at opening.
  ['PACIFIC one second before opening', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-05T14:59:59Z', firstResponse: '2026-01-06T02:00:00Z', resolution: '2026-01-07T17:00:00Z' }],
  // Mon 18:00:00 PST is closed. FR: Tue 18:00 PST. RES: Tue 11 + Wed 11 + Thu 2 -> Thu 09:00 PST.
  ['PACIFIC receipt exactly at closing', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-06T02:00:00Z', firstResponse: '2026-01-07T02:00:00Z', resolution: '2026-01-08T17:00:00Z' }],
  // Mon 17:00 PST leaves exactly 60 min: not fewer, so same day. RES: 1 + 11 + 11 + Thu 1 -> Thu 08:00 PST.
  ['PACIFIC exactly 60 min left', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-06T01:00:00Z', firstResponse: '2026-01-06T02:00:00Z', resolution: '2026-01-08T16:00:00Z' }],
  // Mon 17:00:01 PST leaves 59:59 < 60 min: Tue 18:00 PST. RES: 0:59:59 + 11 + 11 + 1:00:01 -> Thu 08:00:01 PST.
  ['PACIFIC 59:59 left rolls to next day', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-06T01:00:01Z', firstResponse: '2026-01-07T02:00:00Z', resolution: '2026-01-08T16:00:01Z' }],
  // Mon 16:00 PST: 2 h left. RES: 2 + Tue 11 + Wed 11 = 24 exactly at Wed 18:00 PST, the end (not Thu 07:00).
  ['PACIFIC resolution runs out at a closing', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-06T00:00:00Z', firstResponse: '2026-01-06T02:00:00Z', resolution: '2026-01-08T02:00:00Z' }],
  // Tue 03:00 PST, night. FR: Tue 18:00 PST. RES: Tue 11 + Wed 11 + Thu 2 -> Thu 09:00 PST.
  ['PACIFIC night receipt', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-06T11:00:00Z', firstResponse: '2026-01-07T02:00:00Z', resolution: '2026-01-08T17:00:00Z' }],
  // Fri 17:30 PST, 30 min left: FR Mon 18:00 PST. RES: 0.5 + Mon 11 + Tue 11 + Wed 1.5 -> Wed 08:30 PST.
  ['PACIFIC Friday late rolls over the weekend', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-10T01:30:00Z', firstResponse: '2026-01-13T02:00:00Z', resolution: '2026-01-14T16:30:00Z' }],
  // Sat 12:00 PST: FR Mon 18:00 PST. RES: Mon 11 + Tue 11 + Wed 2 -> Wed 09:00 PST.
  ['PACIFIC Saturday receipt', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-10T20:00:00Z', firstResponse: '2026-01-13T02:00:00Z', resolution: '2026-01-14T17:00:00Z' }],
  // Sun 23:59 PST: same as Saturday.
  ['PACIFIC Sunday night receipt', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-01-12T07:59:00Z', firstResponse: '2026-01-13T02:00:00Z', resolution: '2026-01-14T17:00:00Z' }],
  // Thanksgiving Thu 2026-11-26 10:00 PST, PACIFIC holiday. FR Fri 18:00 PST. RES: Fri 11 + Mon 11 + Tue 2 -> Tue 09:00.
  ['PACIFIC on its own holiday (Thanksgiving)', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-11-26T18:00:00Z', firstResponse: '2026-11-28T02:00:00Z', resolution: '2026-12-01T17:00:00Z' }],
  // Thu 2026-07-02 17:30 PDT, 30 min left; Fri 07-03 observed holiday + weekend: FR Mon 07-06 18:00 PDT.
  // RES: 0.5 + Mon 11 + Tue 11 + Wed 1.5 -> Wed 08:30 PDT.
  ['PACIFIC holiday weekend (July 3 observed)', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-07-03T00:30:00Z', firstResponse: '2026-07-07T01:00:00Z', resolution: '2026-07-08T15:30:00Z' }],
  // Thu 2026-12-31 08:00 PST: FR 18:00 PST = 2027-01-01T02:00Z. RES: 10 + (Jan 1 holiday, weekend) Mon 11 + Tue 3 -> Tue 10:00.
  ['PACIFIC year end', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-12-31T16:00:00Z', firstResponse: '2027-01-01T02:00:00Z', resolution: '2027-01-05T18:00:00Z' }],
  // Thu 2027-12-23 17:30 PST, 30 min left; Fri 12-24 holiday + weekend: FR Mon 12-27 18:00 PST.
  // RES: 0.5 + Mon 11 + Tue 11 + Wed 1.5 -> Wed 08:30 PST.
  ['PACIFIC Christmas Eve 2027 holiday', { plan: 'STANDARD', desk: 'PACIFIC', received: '2027-12-24T01:30:00Z', firstResponse: '2027-12-28T02:00:00Z', resolution: '2027-12-29T16:30:00Z' }],
  // US DST starts Sun 2026-03-08. Fri 12:00 PST: FR Fri 18:00 PST. RES: Fri 6 + Mon(PDT) 11 + Tue 7 -> Tue 14:00 PDT.
  ['PACIFIC across US spring-forward', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-03-06T20:00:00Z', firstResponse: '2026-03-07T02:00:00Z', resolution: '2026-03-10T21:00:00Z' }],
  // Sat 2026-03-07: FR Mon 03-09 18:00 PDT = 01:00Z. RES: Mon 11 + Tue 11 + Wed 2 -> Wed 09:00 PDT.
  ['PACIFIC weekend of US spring-forward', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-03-07T18:00:00Z', firstResponse: '2026-03-10T01:00:00Z', resolution: '2026-03-11T16:00:00Z' }],
  // Mon 2026-03-09 14:00Z is 07:00 PDT, the opening (it would be 06:00 under PST).
  ['PACIFIC opening right after spring-forward', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-03-09T14:00:00Z', firstResponse: '2026-03-10T01:00:00Z', resolution: '2026-03-11T16:00:00Z' }],
  // US DST ends Sun 2026-11-01. Fri 10-30 17:30 PDT, 30 min left: FR Mon 11-02 18:00 PST.
  // RES: 0.5 + Mon 11 + Tue 11 + Wed 1.5 -> Wed 08:30 PST.
  ['PACIFIC across US fall-back', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-10-31T00:30:00Z', firstResponse: '2026-11-03T02:00:00Z', resolution: '2026-11-04T16:30:00Z' }],
  // Mon 2026-11-02 14:30Z is 06:30 PST, closed (it would be 07:30 under PDT). RES: Mon 11 + Tue 11 + Wed 2 -> 09:00 PST.
  ['PACIFIC before opening right after fall-back', { plan: 'STANDARD', desk: 'PACIFIC', received: '2026-11-02T14:30:00Z', firstResponse: '2026-11-03T02:00:00Z', resolution: '2026-11-04T17:00:00Z' }],
  // 2027 (US DST starts Mar 14): Fri 03-12 17:00 PST, exactly 60 min: same day. RES: 1 + Mon(PDT) 11 + Tue 11 + Wed 1 -> 08:00 PDT.
  ['PACIFIC 2027 spring-forward', { plan: 'STANDARD', desk: 'PACIFIC', received: '2027-03-13T01:00:00Z', firstResponse: '2027-03-13T02:00:00Z', resolution: '2027-03-17T15:00:00Z' }],

  // ---- STANDARD, UK ----------------------------------------------------------------------------------------
  // Mon 08:00 GMT opening: FR 17:00. RES: Mon 9 + Tue 9 + Wed 6 -> Wed 14:00.
  ['UK receipt exactly at opening', { plan: 'STANDARD', desk: 'UK', received: '2026-01-05T08:00:00Z', firstResponse: '2026-01-05T17:00:00Z', resolution: '2026-01-07T14:00:00Z' }],
  // Mon 17:00:00 GMT is closed: FR Tue 17:00. RES: Tue 9 + Wed 9 + Thu 6 -> Thu 14:00.
  ['UK receipt exactly at closing', { plan: 'STANDARD', desk: 'UK', received: '2026-01-05T17:00:00Z', firstResponse: '2026-01-06T17:00:00Z', resolution: '2026-01-08T14:00:00Z' }],
  // Mon 16:00 GMT, exactly 60 min: same day. RES: 1 + 9 + 9 + Thu 5 -> Thu 13:00.
  ['UK exactly 60 min left', { plan: 'STANDARD', desk: 'UK', received: '2026-01-05T16:00:00Z', firstResponse: '2026-01-05T17:00:00Z', resolution: '2026-01-08T13:00:00Z' }],
  // Mon 16:30 GMT, 30 min: FR Tue 17:00. RES: 0.5 + 9 + 9 + Thu 5.5 -> Thu 13:30.
  ['UK 30 min left rolls to next day', { plan: 'STANDARD', desk: 'UK', received: '2026-01-05T16:30:00Z', firstResponse: '2026-01-06T17:00:00Z', resolution: '2026-01-08T13:30:00Z' }],
  // Thanksgiving is not a UK holiday. Thu 10:00 GMT: FR 17:00. RES: Thu 7 + Fri 9 + Mon 8 -> Mon 11-30 16:00.
  ['UK open on a PACIFIC-only holiday', { plan: 'STANDARD', desk: 'UK', received: '2026-11-26T10:00:00Z', firstResponse: '2026-11-26T17:00:00Z', resolution: '2026-11-30T16:00:00Z' }],
  // Thu 12-24 16:30, 30 min left; Fri 25 holiday, weekend, Mon 28 UK-only holiday: FR Tue 12-29 17:00.
  // RES: 0.5 + Tue 9 + Wed 9 + Thu 31 5.5 -> Thu 13:30.
  ['UK Christmas and a UK-only holiday', { plan: 'STANDARD', desk: 'UK', received: '2026-12-24T16:30:00Z', firstResponse: '2026-12-29T17:00:00Z', resolution: '2026-12-31T13:30:00Z' }],
  // Wed 12-30 10:00: FR 17:00. RES: Wed 7 + Thu 9 + (Jan 1 holiday, weekend) Mon 2027-01-04 8 -> 16:00.
  ['UK year end', { plan: 'STANDARD', desk: 'UK', received: '2026-12-30T10:00:00Z', firstResponse: '2026-12-30T17:00:00Z', resolution: '2027-01-04T16:00:00Z' }],
  // Easter 2026: Thu 04-02 15:00 BST, 2 h left: FR 16:00Z. RES: 2 + (Good Fri, weekend, Easter Mon) Tue 9 + Wed 9 + Thu 4 -> 11:00Z.
  ['UK Easter holiday weekend', { plan: 'STANDARD', desk: 'UK', received: '2026-04-02T14:00:00Z', firstResponse: '2026-04-02T16:00:00Z', resolution: '2026-04-09T11:00:00Z' }],
  // UK DST starts Sun 2026-03-29. Fri 16:00 GMT, exactly 60 min: FR 17:00Z. RES: 1 + Mon(BST 07-16Z) 9 + Tue 9 + Wed 5 -> 12:00Z.
  ['UK across UK spring-forward', { plan: 'STANDARD', desk: 'UK', received: '2026-03-27T16:00:00Z', firstResponse: '2026-03-27T17:00:00Z', resolution: '2026-04-01T12:00:00Z' }],
  // Mon 03-30 07:30Z is 08:30 BST, open (closed under GMT). FR 16:00Z. RES: 8.5 + 9 + Wed 6.5 -> 13:30Z.
  ['UK open right after spring-forward', { plan: 'STANDARD', desk: 'UK', received: '2026-03-30T07:30:00Z', firstResponse: '2026-03-30T16:00:00Z', resolution: '2026-04-01T13:30:00Z' }],
  // UK DST ends Sun 2026-10-25. Fri 10-23 16:00 BST = 15:00Z, exactly 60 min: FR 16:00Z.
  // RES: 1 + Mon(GMT 08-17Z) 9 + Tue 9 + Wed 5 -> 13:00Z.
  ['UK across UK fall-back', { plan: 'STANDARD', desk: 'UK', received: '2026-10-23T15:00:00Z', firstResponse: '2026-10-23T16:00:00Z', resolution: '2026-10-28T13:00:00Z' }],
  // Sat 10-24: FR Mon 10-26 17:00 GMT. RES: Mon 9 + Tue 9 + Wed 6 -> 14:00.
  ['UK weekend of fall-back', { plan: 'STANDARD', desk: 'UK', received: '2026-10-24T12:00:00Z', firstResponse: '2026-10-26T17:00:00Z', resolution: '2026-10-28T14:00:00Z' }],
  // 2027: Thu 03-25 16:30 GMT, 30 min; Good Fri 03-26, weekend (DST starts 03-28), Easter Mon 03-29: FR Tue 03-30 16:00Z.
  // RES: 0.5 + Tue 9 + Wed 9 + Thu 04-01 5.5 (from 07:00Z) -> 12:30Z.
  ['UK 2027 Easter with spring-forward', { plan: 'STANDARD', desk: 'UK', received: '2027-03-25T16:30:00Z', firstResponse: '2027-03-30T16:00:00Z', resolution: '2027-04-01T12:30:00Z' }],
]

// PREMIUM runs on both desks whatever the home desk, so each case is checked for both home desks.
const premiumCases: [string, Omit<Case, 'plan' | 'desk'>][] = [
  // Mon 16:00Z, both desks open. FR +4 -> 20:00Z. RES: 10 to 02:00Z + Tue 14 (from 08:00Z) -> 22:00Z.
  ['both desks open', { received: '2026-01-05T16:00:00Z', firstResponse: '2026-01-05T20:00:00Z', resolution: '2026-01-06T22:00:00Z' }],
  // Mon 08:00Z, UK opening. FR 12:00Z. RES: Mon 18 + Tue 6 -> 14:00Z.
  ['receipt at UK opening', { received: '2026-01-05T08:00:00Z', firstResponse: '2026-01-05T12:00:00Z', resolution: '2026-01-06T14:00:00Z' }],
  // Mon 13:00Z: UK until 17:00Z, PACIFIC from 15:00Z, one stretch. FR 17:00Z. RES: 13 + Tue 11 -> 19:00Z.
  ['follow the sun from UK to PACIFIC', { received: '2026-01-05T13:00:00Z', firstResponse: '2026-01-05T17:00:00Z', resolution: '2026-01-06T19:00:00Z' }],
  // Mon 22:00Z: 4 h left in the stretch, FR exactly at its end 02:00Z (not Tue 08:00Z). RES: 4 + Tue 18 + Wed 2 -> 10:00Z.
  ['guarantee runs out at the closing', { received: '2026-01-05T22:00:00Z', firstResponse: '2026-01-06T02:00:00Z', resolution: '2026-01-07T10:00:00Z' }],
  // Tue 02:00Z = Mon 18:00 PST, closed. FR Tue 12:00Z. RES: Tue 18 + Wed 6 -> 14:00Z.
  ['receipt at PACIFIC closing', { received: '2026-01-06T02:00:00Z', firstResponse: '2026-01-06T12:00:00Z', resolution: '2026-01-07T14:00:00Z' }],
  // Fri 23:00Z (15:00 PST): 3 h to 02:00Z Sat, then UK Mon 08:00Z + 1 -> 09:00Z. RES: 3 + Mon 18 + Tue 3 -> 11:00Z.
  ['follow the sun over a weekend', { received: '2026-01-09T23:00:00Z', firstResponse: '2026-01-12T09:00:00Z', resolution: '2026-01-13T11:00:00Z' }],
  // Sat 10:00Z: Mon 08:00Z + 4 -> 12:00Z. RES: Mon 18 + Tue 6 -> 14:00Z.
  ['Saturday receipt', { received: '2026-01-10T10:00:00Z', firstResponse: '2026-01-12T12:00:00Z', resolution: '2026-01-13T14:00:00Z' }],
  // Thanksgiving 15:00Z: only UK open, until 17:00Z (2 h). FR: 2 + Fri 08:00Z + 2 -> 10:00Z.
  // RES: 2 + Fri 18 (08Z-02Z) + Mon 4 -> 12:00Z.
  ['PACIFIC-only holiday, UK still open', { received: '2026-11-26T15:00:00Z', firstResponse: '2026-11-27T10:00:00Z', resolution: '2026-11-30T12:00:00Z' }],
  // Thanksgiving 18:00Z: UK closed, PACIFIC on holiday. FR Fri 12:00Z. RES: Fri 18 + Mon 6 -> 14:00Z.
  ['PACIFIC-only holiday after UK closes', { received: '2026-11-26T18:00:00Z', firstResponse: '2026-11-27T12:00:00Z', resolution: '2026-11-30T14:00:00Z' }],
  // Mon 2026-12-28 09:00Z: UK-only holiday; PACIFIC opens 15:00Z. FR 19:00Z. RES: Mon 11 (15Z-02Z) + Tue 13 -> 21:00Z.
  ['UK-only holiday, PACIFIC still open', { received: '2026-12-28T09:00:00Z', firstResponse: '2026-12-28T19:00:00Z', resolution: '2026-12-29T21:00:00Z' }],
  // Fri 05-22 17:00 PDT: 1 h to 01:00Z; Mon 05-25 is a holiday on both desks. FR: 1 + Tue 07:00Z + 3 -> 10:00Z.
  // RES: 1 + Tue 18 + Wed 5 -> 12:00Z.
  ['holiday weekend on both desks', { received: '2026-05-23T00:00:00Z', firstResponse: '2026-05-26T10:00:00Z', resolution: '2026-05-27T12:00:00Z' }],
  // Before US DST (both on standard time), Tue 03-03 23:00Z: 3 h to 02:00Z. FR: Wed 08:00Z + 1 -> 09:00Z. RES: 3 + 18 + Thu 3 -> 11:00Z.
  ['winter week, 8 h apart', { received: '2026-03-03T23:00:00Z', firstResponse: '2026-03-04T09:00:00Z', resolution: '2026-03-05T11:00:00Z' }],
  // US on PDT, UK still GMT (7 h apart): stretch 08:00Z-01:00Z. Tue 03-10 23:00Z: 2 h left. FR Wed 10:00Z.
  // RES: 2 + Wed 17 + Thu 5 -> 13:00Z.
  ['spring weeks, 7 h apart', { received: '2026-03-10T23:00:00Z', firstResponse: '2026-03-11T10:00:00Z', resolution: '2026-03-12T13:00:00Z' }],
  // UK back on GMT, US still PDT: Fri 10-30 stretch 08:00Z-01:00Z; 22:00Z leaves 3 h. Mon 11-02 both standard: 08:00Z-02:00Z.
  // FR: 3 + 1 -> Mon 09:00Z. RES: 3 + Mon 18 + Tue 3 -> 11:00Z.
  ['autumn week, 7 h apart, into fall-back', { received: '2026-10-30T22:00:00Z', firstResponse: '2026-11-02T09:00:00Z', resolution: '2026-11-03T11:00:00Z' }],
  // Summer (both on daylight time), Wed 06-17 06:30Z: UK opens 07:00Z. FR 11:00Z. RES: Wed 18 + Thu 6 -> 13:00Z.
  ['summer week before UK opens', { received: '2026-06-17T06:30:00Z', firstResponse: '2026-06-17T11:00:00Z', resolution: '2026-06-18T13:00:00Z' }],
  // Thu 2027-12-23 16:00Z: FR 20:00Z. RES: 10 to 02:00Z + Fri 12-24 (PACIFIC holiday) UK 9 + Mon 12-27 (UK holiday)
  // PACIFIC from 15:00Z 5 -> 20:00Z.
  ['year-end 2027, one desk off each day', { received: '2027-12-23T16:00:00Z', firstResponse: '2027-12-23T20:00:00Z', resolution: '2027-12-27T20:00:00Z' }],
]

const allCases: [string, Case][] = [
  ...cases,
  ...premiumCases.flatMap(([name, c]) =>
    (['PACIFIC', 'UK'] as const).map((desk): [string, Case] => [`PREMIUM (${desk} home) ${name}`, { ...c, plan: 'PREMIUM', desk }]),
  ),
]

describe('due times worked out by hand', () => {
  it.each(allCases)('%s', (_name, c) => {
    const calendar = calendarFor(c.plan, c.desk)
    const due = computeDueTimes({ plan: c.plan, calendar, receivedAt: Date.parse(c.received) })
    expect({
      firstResponse: new Date(due.firstResponseDueAt).toISOString(),
      resolution: new Date(due.resolutionDueAt).toISOString(),
      kind: due.firstResponseKind,
    }).toEqual({
      firstResponse: new Date(c.firstResponse).toISOString(),
      resolution: new Date(c.resolution).toISOString(),
      kind: c.plan === 'PREMIUM' ? 'GUARANTEE' : 'GOAL',
    })
  })
})
