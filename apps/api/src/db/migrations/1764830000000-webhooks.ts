import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Webhooks: endpoints that admins register, one delivery row per endpoint and domain event (written in the
 * event's transaction: the outbox), and a log of every attempt to deliver it.
 */
export class Webhooks1764830000000 implements MigrationInterface {
  name = 'Webhooks1764830000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL CHECK (url ~ '^https?://'),
        description text NOT NULL DEFAULT '',
        event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
        -- When set, only events of this customer are sent.
        customer_id uuid REFERENCES customers(id),
        active boolean NOT NULL DEFAULT true,
        -- Kept in the clear: signing needs it. It is shown once and never read back through the API.
        signing_secret text NOT NULL,
        secret_prefix text NOT NULL,
        created_by_id uuid NOT NULL REFERENCES staff_users(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`)
    await q.query('CREATE INDEX webhook_endpoints_active ON webhook_endpoints USING gin (event_types) WHERE active')
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        domain_event_id uuid NOT NULL REFERENCES domain_events(id),
        event_type text NOT NULL,
        -- The exact JSON body sent on every attempt (only the timestamp and signature headers change).
        body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        -- When it is due next; a worker that claims it moves this past its lease, so a crashed worker's
        -- claim falls due again.
        next_attempt_at timestamptz NOT NULL,
        -- Retries stop at this time (24 hours after it was queued or redelivered): then FAILED.
        give_up_at timestamptz NOT NULL,
        last_response_status integer,
        last_error text,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz,
        -- An event is delivered to an endpoint once, however often its consumer runs.
        UNIQUE (endpoint_id, domain_event_id)
      )`)
    await q.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING'`)
    await q.query('CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)')
    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        response_status integer,
        duration_ms integer NOT NULL,
        succeeded boolean NOT NULL,
        error text
      )`)
    await q.query('CREATE INDEX webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, id)')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_delivery_attempts')
    await q.query('DROP TABLE webhook_deliveries')
    await q.query('DROP TABLE webhook_endpoints')
  }
}
