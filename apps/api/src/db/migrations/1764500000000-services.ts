import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Professional Services: the rate card, training modules, quotes with gapless numbers, time entries, consulting requests. */
export class Services1764500000000 implements MigrationInterface {
  name = 'Services1764500000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_card (
        currency text PRIMARY KEY CHECK (currency IN ('USD', 'GBP')),
        hourly_rate_minor bigint NOT NULL CHECK (hourly_rate_minor > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`)
    await q.query(`INSERT INTO rate_card (currency, hourly_rate_minor) VALUES ('USD', 15000), ('GBP', 12000)`)

    await q.query(`
      CREATE TABLE training_modules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        description text NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
        price_usd_minor bigint NOT NULL CHECK (price_usd_minor >= 0),
        price_gbp_minor bigint NOT NULL CHECK (price_gbp_minor >= 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    await q.query(`
      INSERT INTO training_modules (name, description, duration_minutes, price_usd_minor, price_gbp_minor) VALUES
        ('Labels in depth', 'Build, combine and interpret labels for your own site, with your data.', 180, 45000, 36000),
        ('Campaign and revenue tracking', 'Set up and check campaign and revenue tracking end to end.', 240, 60000, 48000),
        ('Spotting click fraud', 'Use labels and traffic patterns to find and document click fraud.', 180, 45000, 36000),
        ('Analyst fundamentals', 'A full day on reading the reports and turning them into decisions.', 360, 90000, 72000)`)

    // One row per year; bumped in the same transaction as the quote it numbers, so a failed create leaves no gap.
    await q.query(`CREATE TABLE quote_counters (year integer PRIMARY KEY, last integer NOT NULL)`)

    await q.query(`
      CREATE TABLE consulting_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation text NOT NULL,
        contact_name text NOT NULL,
        email text NOT NULL,
        phone text,
        message text NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'QUOTED', 'CLOSED')),
        ip text,
        created_at timestamptz NOT NULL
      )`)
    await q.query(`CREATE INDEX consulting_requests_created_idx ON consulting_requests (created_at DESC, id)`)

    await q.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- A placeholder until the number is taken, as the last step of the creating transaction.
        number text NOT NULL UNIQUE DEFAULT ('pending-' || gen_random_uuid()),
        year integer,
        seq integer,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
        consulting_request_id uuid REFERENCES consulting_requests(id) ON DELETE SET NULL,
        contract_id uuid REFERENCES contracts(id) ON DELETE SET NULL,
        purpose text NOT NULL CHECK (purpose IN ('SERVICES', 'RENEWAL')),
        currency text NOT NULL CHECK (currency IN ('USD', 'GBP')),
        status text NOT NULL CHECK (status IN ('DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')),
        valid_until date NOT NULL,
        total_minor bigint NOT NULL DEFAULT 0,
        quoted_minutes integer NOT NULL DEFAULT 0,
        supersedes_id uuid REFERENCES quotes(id),
        superseded_by_id uuid REFERENCES quotes(id),
        created_by uuid NOT NULL REFERENCES staff_users(id),
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        decided_at timestamptz,
        decided_by_contact_id uuid REFERENCES contacts(id),
        decision_note text,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (year, seq)
      )`)
    await q.query(`CREATE INDEX quotes_customer_idx ON quotes (customer_id, created_at DESC)`)
    await q.query(`CREATE INDEX quotes_ticket_idx ON quotes (ticket_id) WHERE ticket_id IS NOT NULL`)
    await q.query(`CREATE INDEX quotes_status_idx ON quotes (status, valid_until)`)

    await q.query(`
      CREATE TABLE quote_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        position integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('HOURS', 'TRAINING_MODULE', 'DAILY_DEMO', 'RENEWAL', 'OTHER')),
        description text NOT NULL,
        quantity_hundredths bigint NOT NULL CHECK (quantity_hundredths > 0),
        unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
        total_minor bigint NOT NULL,
        training_module_id uuid REFERENCES training_modules(id),
        UNIQUE (quote_id, position)
      )`)

    await q.query(`
      CREATE TABLE time_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
        staff_id uuid NOT NULL REFERENCES staff_users(id),
        minutes integer NOT NULL CHECK (minutes > 0),
        note text NOT NULL,
        worked_on date NOT NULL,
        created_at timestamptz NOT NULL
      )`)
    await q.query(`CREATE INDEX time_entries_quote_idx ON time_entries (quote_id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['time_entries', 'quote_lines', 'quotes', 'consulting_requests', 'quote_counters', 'training_modules', 'rate_card']) {
      await q.query(`DROP TABLE ${table}`)
    }
  }
}
