import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLatestStateTable, dropLatestStateTable } from '@karmada-ts/projections';
import { readModelTables } from '../read-models/read-models.js';

/**
 * policy-svc's latest-state read models: templates and policies, its claims and bindings, the scheduler's placements
 * and binding-svc's cleanups. Templates are also found by Kind (a policy's selectors) and by namespace and name (a
 * binding's resource), claims by their policy.
 */
export class CreateDetectorReadModels1764400000000 implements MigrationInterface {
  readonly name = 'CreateDetectorReadModels1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(readModelTables)) await createLatestStateTable(queryRunner, table);
    await queryRunner.query(`CREATE INDEX templates_by_kind ON ${readModelTables.templates} ((state->>'kind'), namespace)`);
    await queryRunner.query(`CREATE INDEX templates_by_name ON ${readModelTables.templates} (namespace, name)`);
    await queryRunner.query(`CREATE INDEX claims_by_policy ON ${readModelTables.claims} ((state->'policy'->>'name'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(readModelTables)) await dropLatestStateTable(queryRunner, table);
  }
}
