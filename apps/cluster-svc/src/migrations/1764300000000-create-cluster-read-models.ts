import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLatestStateTable, dropLatestStateTable } from '@karmada-ts/projections';
import { readModelTables } from '../read-models/read-models.js';

/** cluster-svc's latest-state read models: Clusters, Secrets (sealed refs only), Works and Work cleanups. */
export class CreateClusterReadModels1764300000000 implements MigrationInterface {
  readonly name = 'CreateClusterReadModels1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(readModelTables)) await createLatestStateTable(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(readModelTables)) await dropLatestStateTable(queryRunner, table);
  }
}
