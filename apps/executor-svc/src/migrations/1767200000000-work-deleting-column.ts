import type { MigrationInterface, QueryRunner } from 'typeorm';
import { worksTable } from '../projections/works.projection.js';

/**
 * Whether a Work waits for its member objects to be removed, as a column Postgres computes once per write. The resync
 * of a cluster's pending Works (WorkStore.pendingOf) read it from each Work's JSON, after the rendered Work: 171 ms a
 * call at 10,000 Works per cluster, 5 % of all statement time of `propagate 10,000 × 10`.
 */
export class WorkDeletingColumn1767200000000 implements MigrationInterface {
  readonly name = 'WorkDeletingColumn1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE ${worksTable} ADD COLUMN ${workDeleting} boolean NOT NULL
         GENERATED ALWAYS AS (coalesce((state->>'deleting')::boolean, false)) STORED`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${worksTable} DROP COLUMN ${workDeleting}`);
  }
}

/** The column. */
export const workDeleting = 'deleting';
