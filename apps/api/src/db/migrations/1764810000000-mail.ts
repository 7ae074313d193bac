import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The email outbox: every message is written in the transaction of the change that causes it, then sent by a
 * worker (SMTP, or kept as sent in the embedded default); each attempt is logged.
 */
export class Mail1764810000000 implements MigrationInterface {
  name = 'Mail1764810000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        to_address text NOT NULL,
        to_name text NOT NULL DEFAULT '',
        subject text NOT NULL CHECK (subject !~ '[\\r\\n]'),
        text_body text NOT NULL,
        html_body text NOT NULL,
        customer_id uuid REFERENCES customers(id) ON DELETE SET NULL,
        ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
        domain_event_id uuid REFERENCES domain_events(id),
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        CHECK (to_name !~ '[\\r\\n]'),
        -- An event mails each recipient once, however often its consumer runs.
        UNIQUE (domain_event_id, to_address)
      )`)
    await q.query(`CREATE INDEX email_messages_due ON email_messages (next_attempt_at) WHERE status = 'QUEUED'`)
    await q.query('CREATE INDEX email_messages_recent ON email_messages (created_at DESC, id DESC)')
    await q.query('CREATE INDEX email_messages_ticket ON email_messages (ticket_id) WHERE ticket_id IS NOT NULL')
    await q.query(`
      CREATE TABLE email_delivery_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email_id uuid NOT NULL REFERENCES email_messages(id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('SENT', 'FAILED')),
        detail text NOT NULL DEFAULT ''
      )`)
    await q.query('CREATE INDEX email_delivery_attempts_email ON email_delivery_attempts (email_id, attempted_at)')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE email_delivery_attempts')
    await q.query('DROP TABLE email_messages')
  }
}
