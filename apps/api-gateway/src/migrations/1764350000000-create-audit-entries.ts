import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's audit read model: one row per accepted change, keyed by its stream sequence. `/audit` pages newest
 * first by sequence; each filter column has an index ending in `seq`, so a filtered page is an index range scan in
 * that order, and `time` has one for time-range queries.
 */
export class CreateAuditEntries1764350000000 implements MigrationInterface {
  readonly name = 'CreateAuditEntries1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entries (
        seq bigint PRIMARY KEY,
        time timestamptz NOT NULL,
        username text NOT NULL,
        request_id text NOT NULL,
        event_id text NOT NULL,
        verb text NOT NULL,
        subresource text,
        api_group text NOT NULL,
        api_version text NOT NULL,
        resource text NOT NULL,
        kind text NOT NULL,
        namespace text NOT NULL,
        name text NOT NULL,
        uid text
      )`);
    await queryRunner.query('CREATE INDEX audit_entries_username ON audit_entries (username, seq)');
    await queryRunner.query('CREATE INDEX audit_entries_kind ON audit_entries (kind, seq)');
    await queryRunner.query('CREATE INDEX audit_entries_resource ON audit_entries (resource, seq)');
    await queryRunner.query('CREATE INDEX audit_entries_namespace_name ON audit_entries (namespace, name, seq)');
    await queryRunner.query('CREATE INDEX audit_entries_name ON audit_entries (name, seq)');
    await queryRunner.query('CREATE INDEX audit_entries_time ON audit_entries (time)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_entries');
  }
}
