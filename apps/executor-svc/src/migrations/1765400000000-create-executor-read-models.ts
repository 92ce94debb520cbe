import { createLatestStateTable, dropLatestStateTable } from '@karmada-ts/projections';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { clusterSecretsTable } from '../projections/cluster-secrets.projection.js';
import { clusterStatusesTable } from '../projections/cluster-statuses.projection.js';
import { clustersTable } from '../projections/clusters.projection.js';
import { workReportsTable } from '../projections/work-reports.projection.js';
import { worksTable } from '../projections/works.projection.js';

const tables = [worksTable, workReportsTable, clustersTable, clusterStatusesTable, clusterSecretsTable];

/** executor-svc's read models: Works, its own reports, and the Clusters, statuses and Secrets it reaches members with. */
export class CreateExecutorReadModels1765400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables) await createLatestStateTable(queryRunner, table);
    // WorkStore.pendingOf selects a cluster's Works.
    await queryRunner.query(`CREATE INDEX works_cluster ON ${worksTable} ((state->>'cluster'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...tables].reverse()) await dropLatestStateTable(queryRunner, table);
  }
}
