import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readModelTables } from '../read-models/read-models.js';

/**
 * The placements whose last decision found no room (Scheduled=False): a capacity change of any member reads just
 * these. Without the index each such change parsed the JSON of every binding and placement (19 ms at 2,000 bindings,
 * once a second while members report).
 */
export class IndexUnschedulablePlacements1767000000000 implements MigrationInterface {
  readonly name = 'IndexUnschedulablePlacements1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX placements_unschedulable ON ${readModelTables.placements} (kind, namespace, name) WHERE ${placementUnschedulable('state')}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX placements_unschedulable');
  }
}

/** The index's predicate on a placement's `state` column, as a query must write it for the planner to use the index. */
export function placementUnschedulable(state: string): string {
  return `(${state}->'scheduledCondition'->>'status') = 'False'`;
}
