import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Objects and parts are stored as json, not jsonb: the gateway writes them whole and reads them whole, and never looks
 * inside them in SQL except for a part's labels (cast to jsonb where a label selector needs them). jsonb built a binary
 * value on every write only to print it again on every read: upserting a kilobyte of status as jsonb costs Postgres
 * twice what it costs as json (docs/performance.md). `labels` stays jsonb for its GIN index.
 */
export class ApiObjectJsonColumns1767400000000 implements MigrationInterface {
  readonly name = 'ApiObjectJsonColumns1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE api_objects ALTER COLUMN object TYPE json USING object::json');
    await queryRunner.query('ALTER TABLE api_object_parts ALTER COLUMN data TYPE json USING data::json');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE api_object_parts ALTER COLUMN data TYPE jsonb USING data::jsonb');
    await queryRunner.query('ALTER TABLE api_objects ALTER COLUMN object TYPE jsonb USING object::jsonb');
  }
}
