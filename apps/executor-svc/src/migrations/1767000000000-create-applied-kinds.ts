import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appliedKindsTable } from '../projections/applied-kinds.projection.js';
import { worksTable } from '../projections/works.projection.js';

/**
 * The kinds each cluster has been dispatched (MemberWatches' rounds read them instead of every Work's JSON), filled
 * from the Works already projected so that an upgraded executor keeps watching what it watched.
 */
export class CreateAppliedKinds1767000000000 implements MigrationInterface {
  readonly name = 'CreateAppliedKinds1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = appliedKindsTable.table;
    await queryRunner.query(`
      CREATE TABLE ${table} (
        cluster text NOT NULL,
        api_version text NOT NULL,
        kind text NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (cluster, api_version, kind)
      )`);
    await queryRunner.query(`
      INSERT INTO ${table} (cluster, api_version, kind, seq)
      SELECT w.state->>'cluster', m->>'apiVersion', m->>'kind', max(w.seq)
        FROM ${worksTable} w, json_array_elements(w.state->'work'->'spec'->'workload'->'manifests') m
       WHERE w.kind = 'work' AND NOT (w.state->>'deleting')::boolean
         AND coalesce((w.state->'work'->'spec'->>'suspendDispatching')::boolean, false) = false
       GROUP BY 1, 2, 3`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${appliedKindsTable.table}`);
  }
}
