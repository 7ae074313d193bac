import type { MigrationInterface, QueryRunner } from 'typeorm'
import { ensureRoles } from '../row-security.js'

/**
 * Security: the application's roles (NOLOGIN, no BYPASSRLS; grants and row-level security are applied after
 * every migration run by `secureSchema`), one audit row per mutation (the mutation's name, the request, the
 * further records merged into it), and audit rows that cannot be changed or removed.
 */
export class Security1764840000000 implements MigrationInterface {
  name = 'Security1764840000000'

  async up(q: QueryRunner): Promise<void> {
    await ensureRoles((sql, params) => q.query(sql, params))
    await q.query(`ALTER TABLE audit_log ADD COLUMN operation text, ADD COLUMN request_id uuid, ADD COLUMN related jsonb`)
    // A mutation that changes no single record (a sign-in) is audited without an entity.
    await q.query(`ALTER TABLE audit_log ALTER COLUMN entity_type DROP NOT NULL, ALTER COLUMN entity_id DROP NOT NULL`)
    await q.query(`CREATE INDEX audit_log_request_idx ON audit_log (request_id) WHERE request_id IS NOT NULL`)
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit rows are append-only: % is not allowed on audit_log', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`)
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`)
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`)
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`)
    await q.query(`DROP FUNCTION audit_log_append_only()`)
    await q.query(`DROP INDEX audit_log_request_idx`)
    await q.query(`ALTER TABLE audit_log DROP COLUMN operation, DROP COLUMN request_id, DROP COLUMN related`)
  }
}
