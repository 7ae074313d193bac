import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Domain events: one row per thing that happened (a ticket created, a reply, an SLA breach, a quote sent...),
 * written in the same transaction as the change. Notifications and webhooks derive their own outbox rows from
 * them in that transaction too, so nothing acknowledged is ever lost. Reminders remember which scheduled
 * reminders (a quote about to expire, a contract expiring in 60 or 30 days) were already raised.
 */
export class DomainEvents1764800000000 implements MigrationInterface {
  name = 'DomainEvents1764800000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE domain_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The order of events, also within one transaction (which shares one timestamp).
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('STAFF', 'CONTACT', 'TOKEN', 'SYSTEM')),
        actor_id uuid,
        customer_id uuid REFERENCES customers(id),
        ticket_id uuid REFERENCES tickets(id),
        quote_id uuid REFERENCES quotes(id),
        contract_id uuid REFERENCES contracts(id),
        data jsonb NOT NULL DEFAULT '{}'
      )`)
    await q.query('CREATE INDEX domain_events_recent ON domain_events (occurred_at DESC, seq DESC)')
    await q.query('CREATE INDEX domain_events_customer ON domain_events (customer_id, occurred_at DESC, seq DESC) WHERE customer_id IS NOT NULL')
    await q.query('CREATE INDEX domain_events_ticket ON domain_events (ticket_id, seq) WHERE ticket_id IS NOT NULL')
    await q.query(`
      CREATE TABLE reminders_raised (
        kind text NOT NULL CHECK (kind IN ('QUOTE_EXPIRING', 'CONTRACT_EXPIRING')),
        subject_id uuid NOT NULL,
        milestone text NOT NULL,
        raised_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject_id, milestone)
      )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reminders_raised')
    await q.query('DROP TABLE domain_events')
  }
}
