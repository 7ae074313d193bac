import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The support team and portal access: staff availability (away), deactivation and last sign-in; contacts'
 * revoked portal access and last sign-in; and one-time links to set a password (invitations and resets),
 * stored as SHA-256 hashes like sessions and API tokens.
 */
export class Team1764820000000 implements MigrationInterface {
  name = 'Team1764820000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE staff_users
        ADD COLUMN away boolean NOT NULL DEFAULT false,
        ADD COLUMN away_since timestamptz,
        ADD COLUMN last_sign_in_at timestamptz,
        ADD COLUMN deactivated_at timestamptz`)
    await q.query(`
      ALTER TABLE contacts
        ADD COLUMN portal_revoked_at timestamptz,
        ADD COLUMN last_sign_in_at timestamptz`)
    await q.query(`
      CREATE TABLE password_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        purpose text NOT NULL CHECK (purpose IN ('INVITE', 'RESET')),
        staff_user_id uuid REFERENCES staff_users(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contacts(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        cancelled_at timestamptz,
        CHECK ((staff_user_id IS NULL) <> (contact_id IS NULL)),
        CHECK (expires_at > created_at)
      )`)
    await q.query(`CREATE INDEX password_links_staff_open ON password_links (staff_user_id) WHERE used_at IS NULL AND cancelled_at IS NULL`)
    await q.query(`CREATE INDEX password_links_contact_open ON password_links (contact_id) WHERE used_at IS NULL AND cancelled_at IS NULL`)
    await q.query(`CREATE INDEX sessions_staff_user_idx ON sessions (staff_user_id) WHERE staff_user_id IS NOT NULL`)
    await q.query(`CREATE INDEX sessions_contact_idx ON sessions (contact_id) WHERE contact_id IS NOT NULL`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS sessions_contact_idx')
    await q.query('DROP INDEX IF EXISTS sessions_staff_user_idx')
    await q.query('DROP TABLE password_links')
    await q.query('ALTER TABLE contacts DROP COLUMN portal_revoked_at, DROP COLUMN last_sign_in_at')
    await q.query(`
      ALTER TABLE staff_users
        DROP COLUMN away, DROP COLUMN away_since, DROP COLUMN last_sign_in_at, DROP COLUMN deactivated_at`)
  }
}
