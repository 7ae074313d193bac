import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Citations made with a reply (issue 7): which message cited the article, and whether the customer sees the
 * citation. An article cited only in an internal note is the team's business, as the note is; citing it later in
 * a public reply makes the citation visible.
 */
export class CitedReplies1764860000000 implements MigrationInterface {
  name = 'CitedReplies1764860000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ticket_article_citations
        ADD COLUMN message_id uuid REFERENCES ticket_messages(id) ON DELETE SET NULL,
        ADD COLUMN customer_visible boolean NOT NULL DEFAULT true`)
    await q.query(`CREATE INDEX ticket_article_citations_message_idx ON ticket_article_citations (message_id) WHERE message_id IS NOT NULL`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_article_citations DROP COLUMN customer_visible, DROP COLUMN message_id`)
  }
}
