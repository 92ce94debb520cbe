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
      SELECT DISTINCT w.state->>'cluster', m->>'apiVersion', m->>'kind'
        FROM ${worksTable} w, json_array_elements(w.state->'work'->'spec'->'workload'->'manifests') m
       WHERE w.kind = 'work' AND NOT (w.state->>'deleting')::boolean
         AND coalesce((w.state->'work'->'spec'->>'suspendDispatching')::boolean, false) = false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${appliedKindsTable}`);
  }
}
