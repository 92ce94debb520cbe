import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readModelTables } from '../read-models/read-models.js';

/**
 * The dependencies distributor looks, for every binding it reconciles, for the bindings labelled as depended on by
 * it, and on a change of a ConfigMap or Secret for the bindings that propagate their dependencies. Without indexes
 * each look is a scan of the namespace's bindings, which made distributing dependencies quadratic in their number.
 */
export class IndexBindingDependencies1766700000000 implements MigrationInterface {
  readonly name = 'IndexBindingDependencies1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX bindings_by_label ON ${readModelTables.bindings} USING gin ((${bindingLabels}))`);
    await queryRunner.query(`CREATE INDEX bindings_propagating_deps ON ${readModelTables.bindings} (kind, namespace) WHERE ${propagatesDeps}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX bindings_propagating_deps');
    await queryRunner.query('DROP INDEX bindings_by_label');
  }
}

/** The binding's labels as jsonb (its key-exists operator `?` is what the GIN index serves); queries use the same. */
export const bindingLabels = `(state->'binding'->'metadata'->'labels')::jsonb`;
/** The predicate of the partial index, as the query writes it. */
export const propagatesDeps = `(state->'binding'->'spec'->>'propagateDeps') = 'true'`;
