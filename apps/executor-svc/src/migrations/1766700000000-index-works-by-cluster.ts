import type { MigrationInterface, QueryRunner } from 'typeorm';
import { worksTable } from '../projections/works.projection.js';

/**
 * The Works of one cluster (WorkStore.pendingOf, when a cluster becomes Ready again and as a periodic resync): without
 * this index each look is a scan of every Work, parsing each one's JSON.
 */
export class IndexWorksByCluster1766700000000 implements MigrationInterface {
  readonly name = 'IndexWorksByCluster1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX works_by_cluster ON ${worksTable} ((${workCluster}))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX works_by_cluster');
  }
}

/** The indexed expression, as queries must write it to use the index. */
export const workCluster = `state->>'cluster'`;
