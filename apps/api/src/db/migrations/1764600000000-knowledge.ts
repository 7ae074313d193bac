import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The knowledge base (articles with revisions, full-text search), monthly newsletter issues, the articles
 * cited on tickets, and product releases.
 */
export class Knowledge1764600000000 implements MigrationInterface {
  name = 'Knowledge1764600000000'

  async up(q: QueryRunner): Promise<void> {
    // array_to_string is only STABLE in the catalogue (it may call any type's output function); for text[]
    // it is deterministic, so this wrapper may be used in a generated column.
    await q.query(`
      CREATE FUNCTION knowledge_tags_text(tags text[]) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT coalesce(array_to_string(tags, ' '), '') $$`)

    await q.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        -- Markdown as written; body_text is its plain text (rendered, tags stripped), for search and snippets.
        body text NOT NULL,
        body_text text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        visibility text NOT NULL CHECK (visibility IN ('PUBLIC', 'CUSTOMERS', 'INTERNAL')),
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
        revision integer NOT NULL DEFAULT 1,
        author_id uuid NOT NULL REFERENCES staff_users(id),
        updated_by uuid NOT NULL REFERENCES staff_users(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', body_text), 'B') ||
          setweight(to_tsvector('english', knowledge_tags_text(tags)), 'C')
        ) STORED
      )`)
    await q.query(`CREATE INDEX articles_search_idx ON articles USING gin (search)`)
    await q.query(`CREATE INDEX articles_tags_idx ON articles USING gin (tags)`)
    await q.query(`CREATE INDEX articles_recent_idx ON articles (updated_at DESC, id DESC)`)

    // Every saved version of an article, the current one included; a save never overwrites history.
    await q.query(`
      CREATE TABLE article_revisions (
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        revision integer NOT NULL CHECK (revision >= 1),
        title text NOT NULL,
        slug text NOT NULL,
        body text NOT NULL,
        tags text[] NOT NULL,
        visibility text NOT NULL,
        saved_by uuid NOT NULL REFERENCES staff_users(id),
        saved_at timestamptz NOT NULL,
        PRIMARY KEY (article_id, revision)
      )`)

    await q.query(`
      CREATE TABLE newsletter_issues (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        month text NOT NULL UNIQUE CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        intro text NOT NULL,
        intro_text text NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
        created_by uuid NOT NULL REFERENCES staff_users(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', intro_text), 'B')
        ) STORED
      )`)
    await q.query(`CREATE INDEX newsletter_issues_search_idx ON newsletter_issues USING gin (search)`)
    await q.query(`
      CREATE TABLE newsletter_issue_articles (
        issue_id uuid NOT NULL REFERENCES newsletter_issues(id) ON DELETE CASCADE,
        article_id uuid NOT NULL REFERENCES articles(id),
        position integer NOT NULL CHECK (position >= 1),
        PRIMARY KEY (issue_id, position),
        UNIQUE (issue_id, article_id)
      )`)
    await q.query(`CREATE INDEX newsletter_issue_articles_article_idx ON newsletter_issue_articles (article_id)`)

    // Articles an engineer cited while answering a ticket.
    await q.query(`
      CREATE TABLE ticket_article_citations (
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        article_id uuid NOT NULL REFERENCES articles(id),
        cited_by uuid NOT NULL REFERENCES staff_users(id),
        cited_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, article_id)
      )`)
    await q.query(`CREATE INDEX ticket_article_citations_article_idx ON ticket_article_citations (article_id)`)

    await q.query(`
      CREATE TABLE releases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        major integer NOT NULL CHECK (major >= 0),
        minor integer NOT NULL CHECK (minor >= 0),
        patch integer NOT NULL CHECK (patch >= 0),
        released_on date NOT NULL,
        notes text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES staff_users(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (major, minor, patch),
        CHECK (major + minor + patch > 0)
      )`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['releases', 'ticket_article_citations', 'newsletter_issue_articles', 'newsletter_issues', 'article_revisions', 'articles']) {
      await q.query(`DROP TABLE ${table}`)
    }
    await q.query(`DROP FUNCTION knowledge_tags_text(text[])`)
  }
}
