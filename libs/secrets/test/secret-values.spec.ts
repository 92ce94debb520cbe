import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { uniqueName } from '@karmada-ts/testing';
import { SecretCipher, SecretDecryptionError, secretSchemaName, SecretValueReader, SecretValueWriter } from '../src/index.js';

const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

describe('secret values in Postgres', function () {
  this.timeout(20_000);
  const instance = uniqueName('secrets').replace(/_/g, '-');
  const database = `${postgresUrl}/test`;
  const key = randomBytes(32);
  let writer: SecretValueWriter;
  let reader: SecretValueReader;

  before(async () => {
    writer = SecretValueWriter.open({ databaseUrl: database, instance, cipher: new SecretCipher(key) });
    await Promise.all([writer.ensureSchema(), writer.ensureSchema()]);
    reader = SecretValueReader.open({ databaseUrl: database, instance, cipher: new SecretCipher(Buffer.from(key)) });
  });
  after(async () => {
    await reader?.close();
    await writer?.close();
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${secretSchemaName(instance)}" CASCADE`);
    await client.end();
  });

  const v1 = { namespace: 'karmada-cluster', name: 'member1', ref: 'r1' };
  const v2 = { ...v1, ref: 'r2' };

  it('stores encrypted content that another reader with the key decrypts', async () => {
    const digest = await writer.write(v1, { data: { token: 'dG9rZW4=' }, annotations: { note: 'x' } });
    expect(digest).to.match(/^hmac-sha256:/);
    expect(await reader.read(v1)).to.deep.equal({ data: { token: 'dG9rZW4=' }, annotations: { note: 'x' } });
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    const { rows } = await client.query(`SELECT sealed FROM "${secretSchemaName(instance)}".secret_values`);
    await client.end();
    expect(JSON.stringify(rows)).to.not.contain('dG9rZW4=');
  });

  it('digests the data alone, independent of entry order', async () => {
    const a = await writer.write(v2, { data: { x: 'MQ==', y: 'Mg==' } });
    const b = await writer.write(v2, { data: { y: 'Mg==', x: 'MQ==' }, annotations: { other: 'z' } });
    expect(a).to.equal(b);
  });

  it('reads several versions at once and forgets deleted ones', async () => {
    const both = await reader.readMany([v1, v2, { ...v1, ref: 'missing' }]);
    expect([...both.keys()].sort()).to.deep.equal(['karmada-cluster/member1/r1', 'karmada-cluster/member1/r2']);
    await writer.delete(v1);
    expect(await reader.read(v1)).to.equal(undefined);
  });

  it('refuses to decrypt with another key', async () => {
    const stranger = SecretValueReader.open({ databaseUrl: database, instance, cipher: new SecretCipher(randomBytes(32)) });
    try {
      await stranger.read(v2).then(
        () => expect.fail('decrypted'),
        (error: unknown) => expect(error).to.be.instanceOf(SecretDecryptionError),
      );
    } finally {
      await stranger.close();
    }
  });
});
