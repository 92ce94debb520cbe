import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLatestStateTable, dropLatestStateTable } from '@karmada-ts/projections';
import { readModelTables } from '../read-models/read-models.js';

/** scheduler-svc's latest-state read models: Cluster specs and statuses, bindings, its placements, binding health. */
export class CreateSchedulerReadModels1764400000000 implements MigrationInterface {
  readonly name = 'CreateSchedulerReadModels1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(readModelTables)) await createLatestStateTable(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(readModelTables)) await dropLatestStateTable(queryRunner, table);
  }
}
