import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Support desks, their weekly hours and their holidays (policy.md section 5), seeded with the two desks the
 * policy ships and their 2026 and 2027 holidays: reference data every install needs, edited later by admins.
 *
 * `desks.version` goes up with every change to a desk's hours or holidays: admins send it back with new hours
 * (a stale one is a conflict), and API processes compare it to notice that their cached calendars are stale.
 * `desks.id` exists because audit_log.entity_id is a uuid; the code is the desk's key everywhere else.
 */
export class Desks1764300000000 implements MigrationInterface {
  name = 'Desks1764300000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE desks (
        code text PRIMARY KEY CHECK (code IN ('PACIFIC', 'UK')),
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        time_zone text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`)

    // One row per opening window; a weekday may have several. '24:00' closes at local midnight.
    await q.query(`
      CREATE TABLE desk_hours (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        desk text NOT NULL REFERENCES desks(code) ON DELETE CASCADE,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        opens time NOT NULL,
        closes time NOT NULL,
        CHECK (closes > opens)
      )`)
    await q.query(`CREATE INDEX desk_hours_desk_idx ON desk_hours (desk, weekday, opens)`)

    await q.query(`
      CREATE TABLE desk_holidays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        desk text NOT NULL REFERENCES desks(code) ON DELETE CASCADE,
        date date NOT NULL CHECK (date BETWEEN '2000-01-01' AND '2100-12-31'),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        CONSTRAINT desk_holidays_desk_date_key UNIQUE (desk, date)
      )`)

    await q.query(`
      INSERT INTO desks (code, name, time_zone) VALUES
        ('PACIFIC', 'Pacific', 'America/Los_Angeles'),
        ('UK', 'UK', 'Europe/London')`)
    await q.query(`
      INSERT INTO desk_hours (desk, weekday, opens, closes)
      SELECT 'PACIFIC', d, time '07:00', time '18:00' FROM generate_series(1, 5) AS d
      UNION ALL
      SELECT 'UK', d, time '08:00', time '17:00' FROM generate_series(1, 5) AS d`)

    const holidays: [desk: string, date: string, name: string][] = [
      // US federal holidays, observed.
      ['PACIFIC', '2026-01-01', 'New Year’s Day'],
      ['PACIFIC', '2026-01-19', 'Birthday of Martin Luther King, Jr.'],
      ['PACIFIC', '2026-02-16', 'Washington’s Birthday'],
      ['PACIFIC', '2026-05-25', 'Memorial Day'],
      ['PACIFIC', '2026-06-19', 'Juneteenth National Independence Day'],
      ['PACIFIC', '2026-07-03', 'Independence Day (observed)'],
      ['PACIFIC', '2026-09-07', 'Labor Day'],
      ['PACIFIC', '2026-10-12', 'Columbus Day'],
      ['PACIFIC', '2026-11-11', 'Veterans Day'],
      ['PACIFIC', '2026-11-26', 'Thanksgiving Day'],
      ['PACIFIC', '2026-12-25', 'Christmas Day'],
      ['PACIFIC', '2027-01-01', 'New Year’s Day'],
      ['PACIFIC', '2027-01-18', 'Birthday of Martin Luther King, Jr.'],
      ['PACIFIC', '2027-02-15', 'Washington’s Birthday'],
      ['PACIFIC', '2027-05-31', 'Memorial Day'],
      ['PACIFIC', '2027-06-18', 'Juneteenth National Independence Day (observed)'],
      ['PACIFIC', '2027-07-05', 'Independence Day (observed)'],
      ['PACIFIC', '2027-09-06', 'Labor Day'],
      ['PACIFIC', '2027-10-11', 'Columbus Day'],
      ['PACIFIC', '2027-11-11', 'Veterans Day'],
      ['PACIFIC', '2027-11-25', 'Thanksgiving Day'],
      ['PACIFIC', '2027-12-24', 'Christmas Day (observed)'],
      ['PACIFIC', '2027-12-31', 'New Year’s Day 2028 (observed)'],
      // England and Wales bank holidays.
      ['UK', '2026-01-01', 'New Year’s Day'],
      ['UK', '2026-04-03', 'Good Friday'],
      ['UK', '2026-04-06', 'Easter Monday'],
      ['UK', '2026-05-04', 'Early May bank holiday'],
      ['UK', '2026-05-25', 'Spring bank holiday'],
      ['UK', '2026-08-31', 'Summer bank holiday'],
      ['UK', '2026-12-25', 'Christmas Day'],
      ['UK', '2026-12-28', 'Boxing Day (substitute day)'],
      ['UK', '2027-01-01', 'New Year’s Day'],
      ['UK', '2027-03-26', 'Good Friday'],
      ['UK', '2027-03-29', 'Easter Monday'],
      ['UK', '2027-05-03', 'Early May bank holiday'],
      ['UK', '2027-05-31', 'Spring bank holiday'],
      ['UK', '2027-08-30', 'Summer bank holiday'],
      ['UK', '2027-12-27', 'Christmas Day (substitute day)'],
      ['UK', '2027-12-28', 'Boxing Day (substitute day)'],
    ]
    const values = holidays.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}::date, $${i * 3 + 3})`).join(', ')
    await q.query(`INSERT INTO desk_holidays (desk, date, name) VALUES ${values}`, holidays.flat())
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE desk_holidays`)
    await q.query(`DROP TABLE desk_hours`)
    await q.query(`DROP TABLE desks`)
  }
}
