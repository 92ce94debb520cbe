import { ResourceDeleted, ResourceUpserted } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { Projection, ProjectionContext, TableSpec } from '@karmada-ts/projections';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The example projection the tests use: the current templates, an insert-only history of changes, and the last event
 * of every template ever seen (an upsert-only table: a deleted template keeps its row, saying ResourceDeleted).
 */
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
    await queryRunner.query(`
      CREATE TABLE template_last_events (
        resource text NOT NULL,
        namespace text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (resource, namespace, name)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE template_last_events');
    await queryRunner.query('DROP TABLE template_history');
    await queryRunner.query('DROP TABLE templates');
  }
}

const templates: TableSpec = { table: 'templates', key: ['resource', 'namespace', 'name'] };
export const templateLastEvents: TableSpec = { table: 'template_last_events', key: ['resource', 'namespace', 'name'], upsertOnly: true };

export class TemplatesProjection implements Projection {
  readonly name = 'templates';
  readonly tables = ['templates', 'template_history', 'template_last_events'];
  readonly eventTypes = [ResourceUpserted.type, ResourceDeleted.type];

  /** Runs before the writes of each batch; tests use it to crash in the middle of one. */
  constructor(
    private readonly beforeEvent: (event: StoredEvent, context: ProjectionContext) => Promise<void> | void = () =>
      undefined,
  ) {}

  async apply(events: readonly StoredEvent[], context: ProjectionContext): Promise<void> {
    for (const event of events) {
      await this.beforeEvent(event, context);
      context.writer.append('template_history', { event_id: event.id, type: event.type, name: event.subject }, event.seq);
      if (!ResourceUpserted.is(event) && !ResourceDeleted.is(event)) continue;
      const { resource, object } = event.data;
      const key = { resource: `${resource.resource}.${resource.group}`, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' };
      context.writer.upsert(templateLastEvents, { ...key, type: event.type }, event.seq);
      if (ResourceDeleted.is(event)) {
        context.writer.delete(templates, key, event.seq);
        continue;
      }
      const spec = object.spec as { replicas?: number } | undefined;
      context.writer.upsert(templates, { ...key, replicas: spec?.replicas ?? null, object, updated_at: new Date(event.time) }, event.seq);
    }
  }
}
