import pg from 'pg';
import type { SecretCipher } from './secret-cipher.js';

/**
 * Encrypted Secret values in Postgres, outside every projection (a rebuild must never drop them): the table
 * `secret_values` in the schema `<instance>_secrets`. The api-gateway writes a row before it appends the Secret's
 * event, which names the row by its `ref` (SealedSecretData in @karmada-ts/contracts); any service holding the
 * secret key reads the values back with the Secret's namespace, name and that ref.
 */

/** Identifies one stored version of a Secret's values. */
export interface SecretValueKey {
  readonly namespace: string;
  readonly name: string;
  readonly ref: string;
}

/** A Secret's `data`: entry name → base64 value, exactly as the API serves it. */
export type SecretValues = Readonly<Record<string, string>>;

/**
 * What of a Secret never goes into an event: its data, and annotations that repeat it (kubectl's
 * `last-applied-configuration` holds the applied manifest, values included).
 */
export interface SecretContent {
  readonly data: SecretValues;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface SecretValueStoreOptions {
  /** DATABASE_URL of the instance (the database must exist: the gateway's startup creates it). */
  readonly databaseUrl: string;
  /** KARMADA_INSTANCE: the schema is `<instance>_secrets`. */
  readonly instance: string;
  /** The cipher over the secret key (loadSecretKey). */
  readonly cipher: SecretCipher;
  /** Connection pool size; default 4. */
  readonly poolSize?: number;
}

/** The schema of an instance's secret values: `<instance>_secrets` with `-` turned into `_`. */
export function secretSchemaName(instance: string): string {
  const schema = `${instance}_secrets`.replace(/-/g, '_');
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`"${schema}" is not a usable schema name`);
  return schema;
}

/** A keyed digest of values that does not depend on the order of their entries. */
export function secretValuesDigest(cipher: SecretCipher, values: SecretValues): string {
  const entries = Object.keys(values)
    .sort()
    .map((key) => [key, values[key]]);
  return cipher.digest(JSON.stringify(entries));
}

/** Reads and decrypts Secret values (cluster-svc and the executor read member credentials this way). */
export class SecretValueReader {
  protected readonly table: string;

  constructor(
    protected readonly pool: pg.Pool,
    protected readonly schema: string,
    protected readonly cipher: SecretCipher,
  ) {
    this.table = `"${schema}".secret_values`;
  }

  static open(options: SecretValueStoreOptions): SecretValueReader {
    return new SecretValueReader(poolOf(options), secretSchemaName(options.instance), options.cipher);
  }

  /** The content of one stored version, or undefined when there is no such row. */
  async read(key: SecretValueKey): Promise<SecretContent | undefined> {
    return (await this.readMany([key])).get(secretValueId(key));
  }

  /** Several versions at once, by {@link secretValueId}; missing rows are absent from the map. */
  async readMany(keys: readonly SecretValueKey[]): Promise<Map<string, SecretContent>> {
    const out = new Map<string, SecretContent>();
    if (keys.length === 0) return out;
    const { rows } = await this.pool.query<{ namespace: string; name: string; ref: string; sealed: string }>(
      `SELECT v.namespace, v.name, v.ref, v.sealed FROM ${this.table} v
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(namespace, name, ref)
         ON v.namespace = k.namespace AND v.name = k.name AND v.ref = k.ref`,
      [keys.map((k) => k.namespace), keys.map((k) => k.name), keys.map((k) => k.ref)],
    );
    for (const row of rows) {
      const plain = this.cipher.decrypt(row.sealed, associatedData(row)).toString('utf8');
      out.set(secretValueId(row), JSON.parse(plain) as SecretContent);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Writes encrypted Secret values (the api-gateway alone). */
export class SecretValueWriter extends SecretValueReader {
  static override open(options: SecretValueStoreOptions): SecretValueWriter {
    return new SecretValueWriter(poolOf(options), secretSchemaName(options.instance), options.cipher);
  }

  /** Creates the schema and the table when missing (replicas starting together take turns). */
  async ensureSchema(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`karmada-ts secrets ${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          namespace text NOT NULL,
          name text NOT NULL,
          ref text NOT NULL,
          sealed text NOT NULL,
          digest text NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (namespace, name, ref)
        )`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /** Encrypts and stores one version of a Secret's content; returns the digest of its data. */
  async write(key: SecretValueKey, content: SecretContent): Promise<string> {
    const digest = secretValuesDigest(this.cipher, content.data);
    const sealed = this.cipher.encrypt(JSON.stringify(content), associatedData(key));
    await this.pool.query(
      `INSERT INTO ${this.table} (namespace, name, ref, sealed, digest) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (namespace, name, ref) DO UPDATE SET sealed = EXCLUDED.sealed, digest = EXCLUDED.digest`,
      [key.namespace, key.name, key.ref, sealed, digest],
    );
    return digest;
  }

  /** Removes one stored version (superseded, or written for an append that did not happen). */
  async delete(key: SecretValueKey): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE namespace = $1 AND name = $2 AND ref = $3`, [
      key.namespace,
      key.name,
      key.ref,
    ]);
  }
}

/** `namespace/name/ref`: the map key of readMany. */
export function secretValueId(key: SecretValueKey): string {
  return `${key.namespace}/${key.name}/${key.ref}`;
}

/** Binds a ciphertext to its row: a value copied onto another Secret or version does not decrypt. */
function associatedData(key: SecretValueKey): string {
  return secretValueId(key);
}

function poolOf(options: SecretValueStoreOptions): pg.Pool {
  return new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 4 });
}
