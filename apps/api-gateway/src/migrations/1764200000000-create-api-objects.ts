import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's read model of the API: one row per served object (its `template` part) and one per status part of
 * an object (`templatestatus`, `clusterstatus`). Lists join them; resource + namespace lookups use the primary key's
 * prefix, label selectors the GIN index.
 */
export class CreateApiObjects1764200000000 implements MigrationInterface {
  readonly name = 'CreateApiObjects1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_objects (
        resource text NOT NULL,
        namespace text NOT NULL,
        name text NOT NULL,
        object jsonb NOT NULL,
        labels jsonb NOT NULL,
        sealed_data jsonb,
        seq bigint NOT NULL,
        PRIMARY KEY (resource, namespace, name)
      )`);
    await queryRunner.query('CREATE INDEX api_objects_labels ON api_objects USING gin (labels jsonb_path_ops)');
    await queryRunner.query(`
      CREATE TABLE api_object_parts (
        resource text NOT NULL,
        namespace text NOT NULL,
        name text NOT NULL,
        part text NOT NULL,
        uid text,
        data jsonb NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (resource, namespace, name, part)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_object_parts');
    await queryRunner.query('DROP TABLE api_objects');
  }
}
