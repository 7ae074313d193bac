import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Accounts, sign-in, customers with their contacts and licenses, and the audit trail. */
export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'ENGINEER')),
        desk text CHECK (desk IN ('PACIFIC', 'UK')),
        password_hash text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`)
    await q.query(`CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email))`)

    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        home_desk text NOT NULL CHECK (home_desk IN ('PACIFIC', 'UK')),
        currency text NOT NULL CHECK (currency IN ('USD', 'GBP')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`)
    // Keyset pagination orders by (name, id); the lower(name) index serves prefix search.
    await q.query(`CREATE INDEX customers_name_id_idx ON customers (name, id)`)
    await q.query(`CREATE INDEX customers_lower_name_idx ON customers (lower(name) text_pattern_ops)`)

    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        email text NOT NULL,
        name text NOT NULL,
        is_customer_admin boolean NOT NULL DEFAULT false,
        portal_access boolean NOT NULL DEFAULT false,
        password_hash text,
        time_zone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`)
    await q.query(`CREATE UNIQUE INDEX contacts_email_key ON contacts (lower(email))`)
    await q.query(`CREATE INDEX contacts_customer_id_idx ON contacts (customer_id)`)
    await q.query(`CREATE INDEX contacts_lower_email_pattern_idx ON contacts (lower(email) text_pattern_ops)`)

    await q.query(`
      CREATE TABLE product_editions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(btrim(name)) > 0),
        rank integer NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    // Reference data every install needs; admins can add editions.
    await q.query(`INSERT INTO product_editions (name, rank) VALUES ('Standard', 1), ('Pro', 2), ('Enterprise', 3)`)

    await q.query(`
      CREATE TABLE licenses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        edition_id uuid NOT NULL REFERENCES product_editions(id),
        price_minor bigint NOT NULL CHECK (price_minor >= 0),
        currency text NOT NULL CHECK (currency IN ('USD', 'GBP')),
        purchased_on date NOT NULL,
        license_key text NOT NULL UNIQUE,
        retired_at timestamptz,
        replaced_at timestamptz,
        replaced_by_id uuid REFERENCES licenses(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`)
    await q.query(`CREATE INDEX licenses_customer_id_idx ON licenses (customer_id)`)

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        staff_user_id uuid REFERENCES staff_users(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contacts(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text,
        CHECK ((staff_user_id IS NULL) <> (contact_id IS NULL))
      )`)
    await q.query(`CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`)

    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        token_prefix text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('READ', 'READ_WRITE')),
        customer_id uuid REFERENCES customers(id) ON DELETE CASCADE,
        created_by_id uuid NOT NULL REFERENCES staff_users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`)

    await q.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz
      )`)

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL CHECK (actor_kind IN ('STAFF', 'CONTACT', 'TOKEN', 'SYSTEM')),
        actor_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        customer_id uuid REFERENCES customers(id) ON DELETE CASCADE,
        before jsonb,
        after jsonb,
        reason text
      )`)
    await q.query(`CREATE INDEX audit_log_customer_idx ON audit_log (customer_id, at DESC, id DESC)`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'login_throttle', 'api_tokens', 'sessions', 'licenses', 'product_editions', 'contacts', 'customers', 'staff_users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`)
    }
  }
}
