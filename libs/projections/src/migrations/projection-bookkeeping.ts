import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables every projection schema has, created before the service's own migrations (its timestamp is older
 * than any real one):
 * - `projection_checkpoints`: per consumer, the highest stream sequence it has applied (GREATEST of the batches
 *   committed): its high-water mark for lag, readiness and rebuild. Never a reason to skip an event.
 * - `projection_row_versions`: per projected row, the stream sequence of the event that last wrote (or deleted) it.
 *   Writes of events at or below it are skipped; this is what makes redelivery and out-of-order batches harmless.
 */
export class ProjectionBookkeeping1000000000000 implements MigrationInterface {
  readonly name = 'ProjectionBookkeeping1000000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        consumer text PRIMARY KEY,
        seq bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE projection_row_versions (
        table_name text NOT NULL,
        row_key text NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (table_name, row_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_row_versions');
    await queryRunner.query('DROP TABLE projection_checkpoints');
  }
}
