import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLatestStateTable, dropLatestStateTable } from '@karmada-ts/projections';
import { tables } from '../read-models/read-model-tables.js';

/** binding-svc's read models (see read-model-tables.ts). */
export class CreateBindingReadModels1764400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of [tables.templates, tables.workStatuses, tables.bindingStatuses, tables.templateStatuses]) {
      await createLatestStateTable(queryRunner, table);
    }
    await queryRunner.query(
      `CREATE TABLE resource_kinds (api_group text NOT NULL, kind text NOT NULL, resource text NOT NULL, seq bigint NOT NULL,
         PRIMARY KEY (api_group, kind))`,
    );
    await queryRunner.query(
      `CREATE TABLE bindings (namespace text NOT NULL, name text NOT NULL, required_clusters text[] NOT NULL, state json NOT NULL,
         seq bigint NOT NULL, PRIMARY KEY (namespace, name))`,
    );
    await queryRunner.query('CREATE INDEX bindings_required_clusters ON bindings USING gin (required_clusters)');
    await queryRunner.query(
      `CREATE TABLE placements (namespace text NOT NULL, name text NOT NULL, clusters text[] NOT NULL, state json NOT NULL,
         seq bigint NOT NULL, PRIMARY KEY (namespace, name))`,
    );
    await queryRunner.query('CREATE INDEX placements_clusters ON placements USING gin (clusters)');
    // The primary key's namespace prefix also finds every Work of one cluster (karmada-es-<cluster>).
    await queryRunner.query(
      `CREATE TABLE works (namespace text NOT NULL, name text NOT NULL, owner_kind text NOT NULL, owner_namespace text NOT NULL,
         owner_name text NOT NULL, state json NOT NULL, seq bigint NOT NULL, PRIMARY KEY (namespace, name))`,
    );
    await queryRunner.query('CREATE INDEX works_owner ON works (owner_kind, owner_namespace, owner_name)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [tables.works, tables.placements, tables.bindings, tables.resourceKinds]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    for (const table of [tables.templateStatuses, tables.bindingStatuses, tables.workStatuses, tables.templates]) {
      await dropLatestStateTable(queryRunner, table);
    }
  }
}
