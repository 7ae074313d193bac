import { randomBytes } from 'node:crypto'
import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Email notifications: each recipient's choices per kind (a row only where they chose; no row means the kind's
 * default), the key that signs unsubscribe links (made once here, shared by every API process), and the
 * unsubscribe address a queued message carries in its List-Unsubscribe header.
 */
export class Notifications1764811000000 implements MigrationInterface {
  name = 'Notifications1764811000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        recipient_kind text NOT NULL CHECK (recipient_kind IN ('CONTACT', 'STAFF')),
        recipient_id uuid NOT NULL,
        kind text NOT NULL,
        enabled boolean NOT NULL,
        changed_via text NOT NULL DEFAULT 'PREFERENCES' CHECK (changed_via IN ('PREFERENCES', 'UNSUBSCRIBE_LINK')),
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (recipient_kind, recipient_id, kind)
      )`)
    await q.query(`
      CREATE TABLE app_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`)
    await q.query(`INSERT INTO app_secrets (name, value) VALUES ('email-links', $1)`, [randomBytes(32).toString('base64url')])
    await q.query(`ALTER TABLE email_messages ADD COLUMN unsubscribe_url text`)
    await q.query('CREATE INDEX email_messages_kind ON email_messages (kind, created_at DESC, id DESC)')
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX email_messages_kind')
    await q.query('ALTER TABLE email_messages DROP COLUMN unsubscribe_url')
    await q.query('DROP TABLE app_secrets')
    await q.query('DROP TABLE notification_preferences')
  }
}
