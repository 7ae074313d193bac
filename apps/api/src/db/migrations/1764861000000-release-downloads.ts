import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Where a release is downloaded from (issue 7): an optional https address, shown only to those who may
 * download the release. The check is a second fence behind the service's validation.
 */
export class ReleaseDownloads1764861000000 implements MigrationInterface {
  name = 'ReleaseDownloads1764861000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE releases
        ADD COLUMN download_url text CHECK (download_url IS NULL OR (download_url ~ '^https://[^[:space:]]+$' AND length(download_url) <= 2000))`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE releases DROP COLUMN download_url`)
  }
}
