import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The rate card is edited by admins: training modules get a version (a stale edit is refused as a conflict) and
 * the time of their last change, as the hourly rates already have; each hourly rate gets an id for the audit log.
 */
export class RateCard1764700000000 implements MigrationInterface {
  name = 'RateCard1764700000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE training_modules ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`)
    await q.query(`ALTER TABLE rate_card ADD COLUMN id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid()`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE training_modules DROP COLUMN version, DROP COLUMN updated_at`)
    await q.query(`ALTER TABLE rate_card DROP COLUMN id`)
  }
}
