import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tables } from '../read-models/read-model-tables.js';
import { workStatusState } from '../read-models/works.projection.js';

/**
 * A Work row's state as status aggregation reads it: each manifest cut down to what names it. Status reconciles read
 * every Work of a binding at each report of a member, and the rendered manifests were most of what they read and
 * parsed. Rows written before this column have it NULL; readers fall back to the whole state.
 */
export class WorkStatusState1767300000000 implements MigrationInterface {
  readonly name = 'WorkStatusState1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${tables.works} ADD COLUMN ${workStatusState} json`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${tables.works} DROP COLUMN ${workStatusState}`);
  }
}
