import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Support contracts (maintenance, premium), their yearly terms and their named key contacts. */
export class Contracts1764200000000 implements MigrationInterface {
  name = 'Contracts1764200000000'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        license_id uuid NOT NULL REFERENCES licenses(id),
        kind text NOT NULL CHECK (kind IN ('MAINTENANCE', 'PREMIUM_SUPPORT')),
        key_contact_cap integer NOT NULL DEFAULT 3 CHECK (key_contact_cap >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`)
    await q.query(`CREATE INDEX contracts_customer_idx ON contracts (customer_id)`)
    await q.query(`CREATE INDEX contracts_license_kind_idx ON contracts (license_id, kind)`)

    await q.query(`
      CREATE TABLE contract_terms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        start_date date NOT NULL,
        end_date date NOT NULL,
        fee_minor bigint NOT NULL CHECK (fee_minor >= 0),
        currency text NOT NULL CHECK (currency IN ('USD', 'GBP')),
        cancelled_on date,
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date >= start_date)
      )`)
    await q.query(`CREATE INDEX contract_terms_contract_idx ON contract_terms (contract_id, start_date)`)
    // Serves "renewals due in the next N days" and the expiring filter.
    await q.query(`CREATE INDEX contract_terms_end_idx ON contract_terms (end_date) WHERE cancelled_on IS NULL`)

    await q.query(`
      CREATE TABLE contract_key_contacts (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contract_id, contact_id)
      )`)
    await q.query(`CREATE INDEX contract_key_contacts_contact_idx ON contract_key_contacts (contact_id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract_key_contacts`)
    await q.query(`DROP TABLE contract_terms`)
    await q.query(`DROP TABLE contracts`)
  }
}
