import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Tickets with their conversation, timeline, SLA clocks and scheduled SLA jobs. */
export class Tickets1764400000000 implements MigrationInterface {
  name = 'Tickets1764400000000'

  async up(q: QueryRunner): Promise<void> {
    // One sequence: numbers are unique under any concurrency (gaps after a rollback are acceptable for tickets).
    await q.query(`CREATE SEQUENCE ticket_number_seq START 1001`)
    await q.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
        subject text NOT NULL CHECK (length(btrim(subject)) > 0),
        category text NOT NULL,
        labels_requested integer,
        joined_labels integer,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        requester_id uuid NOT NULL REFERENCES contacts(id),
        opened_by_kind text NOT NULL CHECK (opened_by_kind IN ('STAFF', 'CONTACT', 'TOKEN')),
        opened_by_id uuid,
        plan text NOT NULL CHECK (plan IN ('PREMIUM', 'STANDARD', 'NOT_ENTITLED')),
        lane text NOT NULL CHECK (lane IN ('CUSTOMER', 'PROSPECT')),
        entitlement jsonb NOT NULL,
        contract_id uuid REFERENCES contracts(id) ON DELETE SET NULL,
        contract_term_id uuid REFERENCES contract_terms(id) ON DELETE SET NULL,
        scope text NOT NULL CHECK (scope IN ('IN_SCOPE', 'NEEDS_PROFESSIONAL_SERVICES', 'NEEDS_REVIEW')),
        scope_rule text NOT NULL,
        scope_explanation text NOT NULL,
        labels_counted integer NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'ESCALATED', 'RESOLVED', 'CLOSED')),
        desk text NOT NULL CHECK (desk IN ('PACIFIC', 'UK')),
        assignee_id uuid REFERENCES staff_users(id),
        received_at timestamptz NOT NULL,
        has_public_staff_reply boolean NOT NULL DEFAULT false,
        first_response_kind text CHECK (first_response_kind IN ('GOAL', 'GUARANTEE')),
        first_response_due_at timestamptz,
        first_response_warning_at timestamptz,
        first_responded_at timestamptz,
        -- Business time from receipt to the first response / to resolution, pauses excluded (for reporting).
        first_response_business_ms bigint,
        resolution_business_ms bigint,
        first_response_state text CHECK (first_response_state IN ('RUNNING', 'PAUSED', 'WARNING', 'MET', 'BREACHED')),
        resolution_due_at timestamptz,
        resolution_warning_at timestamptz,
        resolution_state text CHECK (resolution_state IN ('RUNNING', 'PAUSED', 'WARNING', 'MET', 'BREACHED')),
        paused_at timestamptz,
        -- Queue order: premium (0) before the rest (1), then the next running due time; tickets with no running
        -- clock (not entitled, paused, answered and resolved) sort last with a far-future sentinel.
        queue_priority smallint NOT NULL,
        queue_due_at timestamptz NOT NULL,
        paused_business_ms bigint NOT NULL DEFAULT 0,
        resolved_at timestamptz,
        closed_at timestamptz,
        last_message_at timestamptz NOT NULL,
        idempotency_key text,
        idempotency_fingerprint text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`)
    await q.query(`CREATE UNIQUE INDEX tickets_idempotency_idx ON tickets (opened_by_kind, opened_by_id, idempotency_key) WHERE idempotency_key IS NOT NULL`)
    // Queues: a desk's open tickets, premium first, then the earliest due; "mine" the same per assignee.
    await q.query(`CREATE INDEX tickets_desk_queue_idx ON tickets (desk, queue_priority, queue_due_at, number) WHERE status NOT IN ('RESOLVED', 'CLOSED')`)
    await q.query(`CREATE INDEX tickets_assignee_queue_idx ON tickets (assignee_id, queue_priority, queue_due_at, number) WHERE status NOT IN ('RESOLVED', 'CLOSED')`)
    await q.query(`CREATE INDEX tickets_customer_idx ON tickets (customer_id, last_message_at DESC, id)`)
    await q.query(`CREATE INDEX tickets_requester_idx ON tickets (requester_id, last_message_at DESC, id)`)
    await q.query(`CREATE INDEX tickets_term_labels_idx ON tickets (contract_term_id) WHERE category = 'BASIC_LABELS'`)
    // Reporting reads tickets by receipt time (attainment, scope mix) and open tickets by age (backlog).
    await q.query(`CREATE INDEX tickets_received_idx ON tickets (received_at, desk, plan)`)

    await q.query(`
      CREATE TABLE ticket_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Keeps messages written in the same instant in the order they were written.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        author_kind text NOT NULL CHECK (author_kind IN ('STAFF', 'CONTACT', 'TOKEN', 'SYSTEM')),
        author_id uuid,
        visibility text NOT NULL CHECK (visibility IN ('PUBLIC', 'INTERNAL')),
        body text NOT NULL CHECK (length(btrim(body)) > 0),
        created_at timestamptz NOT NULL
      )`)
    await q.query(`CREATE INDEX ticket_messages_ticket_idx ON ticket_messages (ticket_id, created_at, seq)`)

    await q.query(`
      CREATE TABLE ticket_events (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('STAFF', 'CONTACT', 'TOKEN', 'SYSTEM')),
        actor_id uuid,
        kind text NOT NULL,
        summary text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        customer_visible boolean NOT NULL DEFAULT true
      )`)
    await q.query(`CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, at, id)`)

    // Work the scheduler must do at an instant (SLA warnings and breaches, closing resolved tickets), claimed
    // with FOR UPDATE SKIP LOCKED so that several API processes share it without doing anything twice.
    await q.query(`
      CREATE TABLE scheduled_jobs (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('FIRST_RESPONSE_WARNING', 'FIRST_RESPONSE_BREACH', 'RESOLUTION_WARNING', 'RESOLUTION_BREACH', 'AUTO_CLOSE')),
        due_at timestamptz NOT NULL,
        UNIQUE (ticket_id, kind)
      )`)
    await q.query(`CREATE INDEX scheduled_jobs_due_idx ON scheduled_jobs (due_at)`)

    // The exception register: each case-by-case scope decision and each engineer override, with who and why.
    await q.query(`
      CREATE TABLE scope_decisions (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('CASE_REVIEW', 'OVERRIDE')),
        decided_by uuid NOT NULL REFERENCES staff_users(id),
        decided_at timestamptz NOT NULL,
        before_scope text NOT NULL,
        after_scope text NOT NULL,
        reason text NOT NULL
      )`)
    await q.query(`CREATE INDEX scope_decisions_decided_at_idx ON scope_decisions (decided_at DESC)`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['scope_decisions', 'scheduled_jobs', 'ticket_events', 'ticket_messages', 'tickets']) {
      await q.query(`DROP TABLE ${table}`)
    }
    await q.query(`DROP SEQUENCE ticket_number_seq`)
  }
}
