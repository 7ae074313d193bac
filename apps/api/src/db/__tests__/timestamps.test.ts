import { expect, it } from 'vitest'
import { driverTimestamptz, formatInstant, parseTimestamptz } from '../timestamps.js'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

it('reads every usual timestamptz exactly as the driver does, and hands the unusual ones to it', () => {
  const samples = [
    '2026-11-24 17:00:00+00',
    '2026-11-24 17:00:00.5+00',
    '2026-11-24 17:00:00.123456+00',
    '2024-02-29 23:59:59.999999-08',
    '2026-03-29 01:30:00+05:30',
    '9999-12-31 00:00:00+00',
    '1970-01-01 00:00:00+00',
    'infinity',
    '-infinity',
    '0044-03-15 12:00:00+00 BC',
    '0099-01-01 00:00:00+00',
    '2026-11-24 17:00:00+05:30:15',
  ]
  // And a few thousand made up: any year from 1000, any fraction, whole and half-hour offsets either side.
  let seed = 7
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  for (let k = 0; k < 5000; k++) {
    const fraction = random(3) === 0 ? '' : `.${String(random(1_000_000)).padStart(6, '0').slice(0, 1 + random(6))}`
    const offset = random(4) === 0 ? '+00' : `${random(2) ? '+' : '-'}${pad(random(15))}${random(2) ? ':30' : ''}`
    samples.push(
      `${pad(1000 + random(9000), 4)}-${pad(1 + random(12))}-${pad(1 + random(28))} ${pad(random(24))}:${pad(random(60))}:${pad(random(60))}${fraction}${offset}`,
    )
  }
  for (const text of samples) {
    const expected = driverTimestamptz(text) as Date | number
    const actual = parseTimestamptz(text) as Date | number
    expect([text, Number(actual)]).toEqual([text, Number(expected)])
  }
})

it('writes instants exactly as toISOString does', () => {
  const samples = [
    new Date(0),
    new Date('2024-02-29T23:59:59.999Z'),
    new Date('2026-11-26T14:30:00Z'),
    new Date('2100-02-28T00:00:00.001Z'),
    new Date('2000-03-01T00:00:00Z'),
    new Date('9999-12-31T23:59:59.999Z'),
    new Date('1969-12-31T23:59:59.999Z'),
    new Date('+010000-01-01T00:00:00Z'),
    new Date('0999-06-15T12:00:00Z'),
  ]
  let seed = 11
  for (let k = 0; k < 20_000; k++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    samples.push(new Date(Math.floor((seed / 2 ** 31) * Date.UTC(10001, 0, 1))))
  }
  for (const date of samples) expect(formatInstant(date)).toBe(date.toISOString())
  expect(() => formatInstant(new Date(Number.NaN))).toThrow(RangeError)
})
