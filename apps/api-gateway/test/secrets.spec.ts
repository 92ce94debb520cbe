import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { parse } from 'yaml';
import { ResourceUpdated, type SealedSecretData } from '@karmada-ts/contracts';
import { EventStore } from '@karmada-ts/eventstore';
import { loadSecretKey, SecretCipher, SecretValueReader } from '@karmada-ts/secrets';
import { startServiceProcess, waitFor, type ServiceProcess } from '@karmada-ts/testing';
import { gatewayEvents } from '../src/events.js';
import { apiRequest, cleanupEnvironment, gatewayEnvironment, natsUrl, type GatewayEnvironment } from './support.js';

const password = 's3cr3t-password-7f3a';
const token = 'plain-token-9c1e';
const rotated = 'rotated-password-55d0';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const forbiddenTexts = [password, token, rotated, b64(password), b64(token), b64(rotated)];

// The gateway runs as a process of its own here, so that its logs can be searched and the secret values are read
// back by another process (this one) through libs/secrets.
describe('api-gateway: Secrets never enter the log', function () {
  this.timeout(90_000);
  let env: GatewayEnvironment;
  let gateway: ServiceProcess;
  let api: { port: number; caPem: string; adminToken: string };
  let nc: NatsConnection;
  let events: EventStore;

  before(async () => {
    env = gatewayEnvironment('gwsecrets', { LOG_LEVEL: 'debug' });
    gateway = await startServiceProcess('api-gateway', env.env);
    const kubeconfig = parse(readFileSync(join(env.stateDir, 'kubeconfig'), 'utf8')) as {
      clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
      users: { user: { token: string } }[];
    };
    api = {
      port: Number(new URL(kubeconfig.clusters[0]!.cluster.server).port),
      caPem: Buffer.from(kubeconfig.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString(),
      adminToken: kubeconfig.users[0]!.user.token,
    };
    nc = await connect({ servers: natsUrl });
    events = await EventStore.open(nc, { stream: env.subjects.stream, registry: gatewayEvents });
  });
  after(async () => {
    await gateway?.stop();
    await nc?.drain();
    if (env) await cleanupEnvironment(env);
  });

  const secretPath = '/api/v1/namespaces/default/secrets/db-credentials';
  const secretSubject = () => env.subjects.template({ group: '', resource: 'secrets' }, 'default', 'db-credentials');

  it('stores, serves and rotates a Secret', async () => {
    const lastApplied = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', stringData: { token } });
    const created = await apiRequest(api, 'POST', '/api/v1/namespaces/default/secrets', {
      body: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db-credentials', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied, team: 'db' } },
        data: { password: b64(password) },
        stringData: { token },
      },
    });
    expect(created.status, created.text).to.equal(201);
    const got = await apiRequest(api, 'GET', secretPath);
    expect(got.json.data).to.deep.equal({ password: b64(password), token: b64(token) });
    expect(got.json.type).to.equal('Opaque');
    expect(got.json.metadata.annotations).to.deep.equal({ 'kubectl.kubernetes.io/last-applied-configuration': lastApplied, team: 'db' });

    const updated = await apiRequest(api, 'PUT', secretPath, { body: { ...got.json, data: { password: b64(rotated) } } });
    expect(updated.status, updated.text).to.equal(200);
    const listed = await apiRequest(api, 'GET', '/api/v1/namespaces/default/secrets');
    expect(listed.json.items.map((s: { data: unknown }) => s.data)).to.deep.equal([{ password: b64(rotated) }]);
    const replay = await apiRequest(api, 'GET', `/api/v1/namespaces/default/secrets?watch=1&resourceVersion=${got.json.metadata.resourceVersion}&timeoutSeconds=1`);
    const modified = JSON.parse(replay.text.trim().split('\n')[0]!) as { type: string; object: { data: unknown } };
    expect(modified).to.deep.include({ type: 'MODIFIED' });
    expect(modified.object.data).to.deep.equal({ password: b64(rotated) });
  });

  it('puts a reference and a keyed digest into the event, never a value', async () => {
    const last = await events.readLast(secretSubject());
    expect(ResourceUpdated.is(last!)).to.equal(true);
    const data = last!.data as { object: Record<string, unknown>; sealedData: SealedSecretData };
    expect(data.object).to.not.have.property('data');
    expect(data.object).to.not.have.property('stringData');
    expect(data.sealedData.keys).to.deep.equal(['password']);
    expect(data.sealedData.digest).to.match(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(data.sealedData.annotations).to.deep.equal(['kubectl.kubernetes.io/last-applied-configuration']);
  });

  it('finds the values in no stream message, no api_objects row and no log line', async () => {
    const consumer = await jetstream(nc).consumers.get(env.subjects.stream, { deliver_policy: DeliverPolicy.All });
    const messages = await consumer.consume();
    let scanned = 0;
    const total = await events.lastSequence();
    for await (const message of messages) {
      const text = `${message.subject} ${JSON.stringify(message.headers ?? {})} ${message.string()}`;
      for (const secret of forbiddenTexts) expect(text, `stream message ${message.seq}`).to.not.contain(secret);
      scanned++;
      if (message.seq >= total) break;
    }
    await messages.close();
    expect(scanned).to.equal(total);

    const client = new pg.Client({ connectionString: env.env.DATABASE_URL });
    await client.connect();
    try {
      const schema = `${env.instance.replace(/-/g, '_')}_api_gateway`;
      for (const table of ['api_objects', 'api_object_parts', 'projection_row_versions']) {
        const { rows } = await client.query(`SELECT * FROM "${schema}".${table}`);
        const text = JSON.stringify(rows);
        for (const secret of forbiddenTexts) expect(text, table).to.not.contain(secret);
      }
      const { rows } = await client.query(`SELECT * FROM "${schema}".api_objects WHERE resource = 'secrets'`);
      expect(rows).to.have.length(1);
    } finally {
      await client.end();
    }
    expect(gateway.lines.length).to.be.greaterThan(5);
    const logs = gateway.lines.join('\n');
    for (const secret of forbiddenTexts) expect(logs).to.not.contain(secret);
  });

  it('lets another process with the key read the values through libs/secrets', async () => {
    const sealed = (await events.readLast(secretSubject()))!.data as { sealedData: SealedSecretData };
    const key = loadSecretKey({ stateDir: env.stateDir, createIfMissing: false });
    const reader = SecretValueReader.open({ databaseUrl: env.env.DATABASE_URL!, instance: env.instance, cipher: new SecretCipher(key) });
    try {
      const content = await reader.read({ namespace: 'default', name: 'db-credentials', ref: sealed.sealedData.ref });
      expect(content?.data).to.deep.equal({ password: b64(rotated) });
      // The superseded version is gone; deleting the Secret removes the last one.
      const count = async () => (await reader.readMany([{ namespace: 'default', name: 'db-credentials', ref: sealed.sealedData.ref }])).size;
      expect((await apiRequest(api, 'DELETE', secretPath)).status).to.equal(200);
      await waitFor('the values removed', async () => (await count()) === 0);
    } finally {
      await reader.close();
    }
  });
});
