import type { MigrationInterface, QueryRunner } from 'typeorm';
import { worksTable } from '../projections/works.projection.js';

/**
 * The first migration indexed the Works by cluster as `works_cluster`; `works_by_cluster` (1766700000000) indexes the
 * same expression again. Every write of a Work parsed its JSON once more for the second index, and updated it.
 */
export class DropDuplicateClusterIndex1767100000000 implements MigrationInterface {
  readonly name = 'DropDuplicateClusterIndex1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS works_cluster');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX works_cluster ON ${worksTable} ((state->>'cluster'))`);
  }
}
