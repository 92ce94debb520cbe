import { ResourceDeleted, ResourceUpserted } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { Projection, ProjectionContext, TableSpec } from '@karmada-ts/projections';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The example projection the tests use: the current templates, plus an insert-only history of changes. */
export class CreateTemplates1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE templates (
        resource text NOT NULL,
        namespace text NOT NULL,
        name text NOT NULL,
        replicas integer,
        object jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (resource, namespace, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE template_history (
        seq bigint PRIMARY KEY,
        event_id text NOT NULL,
        type text NOT NULL,
        name text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE template_history');
    await queryRunner.query('DROP TABLE templates');
  }
}

const templates: TableSpec = { table: 'templates', key: ['resource', 'namespace', 'name'] };

export class TemplatesProjection implements Projection {
  readonly name = 'templates';
  readonly tables = ['templates', 'template_history'];
  readonly eventTypes = [ResourceUpserted.type, ResourceDeleted.type];

  /** Runs before the writes of each batch; tests use it to crash in the middle of one. */
  constructor(
    private readonly beforeEvent: (event: StoredEvent, context: ProjectionContext) => Promise<void> | void = () =>
      undefined,
  ) {}

  async apply(events: readonly StoredEvent[], context: ProjectionContext): Promise<void> {
    for (const event of events) {
      await this.beforeEvent(event, context);
      if (ResourceUpserted.is(event)) {
        const { resource, object } = event.data;
        const spec = object.spec as { replicas?: number } | undefined;
        context.writer.upsert(
          templates,
          {
            resource: `${resource.resource}.${resource.group}`,
            namespace: object.metadata.namespace ?? '',
            name: object.metadata.name ?? '',
            replicas: spec?.replicas ?? null,
            object,
            updated_at: new Date(event.time),
          },
          event.seq,
        );
      } else if (ResourceDeleted.is(event)) {
        const { resource, object } = event.data;
        context.writer.delete(
          templates,
          {
            resource: `${resource.resource}.${resource.group}`,
            namespace: object.metadata.namespace ?? '',
            name: object.metadata.name ?? '',
          },
          event.seq,
        );
      }
      context.writer.append('template_history', { event_id: event.id, type: event.type, name: event.subject }, event.seq);
    }
  }
}
