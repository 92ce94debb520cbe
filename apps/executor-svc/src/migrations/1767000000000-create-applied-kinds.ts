import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appliedKindsTable } from '../projections/applied-kinds.projection.js';
import { dispatched, manifestsOf } from '../projections/work-store.js';
import { worksTable } from '../projections/works.projection.js';
import { workCluster } from './1766700000000-index-works-by-cluster.js';

/**
 * The kinds each cluster has been dispatched (MemberWatches' rounds read them instead of every Work's JSON), filled
 * from the Works already projected so that an upgraded executor keeps watching what it watched.
 */
export class CreateAppliedKinds1767000000000 implements MigrationInterface {
  readonly name = 'CreateAppliedKinds1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = appliedKindsTable;
    await queryRunner.query(`
      CREATE TABLE ${table} (
        cluster text NOT NULL,
        api_version text NOT NULL,
        kind text NOT NULL,
        PRIMARY KEY (cluster, api_version, kind)
      )`);
    await queryRunner.query(`
      INSERT INTO ${table} (cluster, api_version, kind)
      SELECT DISTINCT w.${workCluster}, m->>'apiVersion', m->>'kind'
        FROM ${worksTable} w, ${manifestsOf('w')} m
       WHERE ${dispatched('w')}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${appliedKindsTable}`);
  }
}
