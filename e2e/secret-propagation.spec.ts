import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { secretSchemaName } from '@karmada-ts/secrets';
import { waitFor } from '@karmada-ts/testing';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';

// Secrets reach the members with their values, while the values stay out of the event log, the service logs and every
// projection: only the encrypted store holds them (ARCHITECTURE.md §2 rule 8).
describe('Secret propagation end to end: values in the members, nowhere else', function () {
  this.timeout(300_000);
  let stack: E2eStack;
  const token = () => `e2e-${randomBytes(9).toString('hex')}`;
  // Every value a Secret had, as written (stringData) and as served (base64 data): none may leak.
  const values: string[] = [];
  const remember = (value: string) => {
    values.push(value);
    return value;
  };
  const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');

  const dbCredentials = (password: string, user: string) => `
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  labels:
    app: db
type: Opaque
data:
  password: ${b64(password)}
stringData:
  username: ${user}
`;

  const secretPolicy = `
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: db-credentials
spec:
  resourceSelectors:
    - apiVersion: v1
      kind: Secret
      name: db-credentials
  placement:
    clusterAffinity:
      clusterNames: [member1, member2]
`;

  const appWithDependency = (apiKey: string) => `
apiVersion: v1
kind: Secret
metadata:
  name: app-key
stringData:
  key: ${apiKey}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 1
  selector:
    matchLabels: { app: app }
  template:
    metadata:
      labels: { app: app }
    spec:
      containers:
        - name: app
          image: nginx
          env:
            - name: API_KEY
              valueFrom:
                secretKeyRef: { name: app-key, key: key }
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: app
spec:
  propagateDeps: true
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: app
  placement:
    clusterAffinity:
      clusterNames: [member3]
`;

  const apply = async (yaml: string) => {
    const applied = await stack.kubectlWithInput(yaml, 'apply', '-f', '-');
    expect(applied.code, applied.stderr).to.equal(0);
  };

  const memberValue = async (member: string, secret: string, key: string) => {
    const got = await stack.memberKubectl(member, 'get', 'secret', secret, '-o', `jsonpath={.data.${key}}`);
    return got.code === 0 ? Buffer.from(got.stdout, 'base64').toString('utf8') : undefined;
  };

  const waitForMemberValue = (member: string, secret: string, key: string, want: string) =>
    waitFor(`${secret}.${key} in ${member}`, async () => (await memberValue(member, secret, key)) === want, { timeoutMs: 90_000, intervalMs: 500 });

  before(async () => {
    stack = await startE2eStack({ clusters: 3 });
  });

  after(async () => {
    await stack?.stop();
  });

  it('a Secret selected by a PropagationPolicy reaches member1 and member2 with its data', async () => {
    const password = remember(token());
    const user = remember(token());
    await apply(dbCredentials(password, user));
    await apply(secretPolicy);
    for (const member of ['member1', 'member2']) {
      await waitForMemberValue(member, 'db-credentials', 'password', password);
      expect(await memberValue(member, 'db-credentials', 'username')).to.equal(user);
    }
    const template = await stack.kubectl('get', 'secret', 'db-credentials', '-o', 'jsonpath={.data}');
    const copy = await stack.memberKubectl('member1', 'get', 'secret', 'db-credentials', '-o', 'jsonpath={.data}');
    expect(JSON.parse(copy.stdout)).to.deep.equal(JSON.parse(template.stdout));
    const lastApplied = await stack.memberKubectl('member1', 'get', 'secret', 'db-credentials', '-o', "jsonpath={.metadata.annotations['kubectl\\.kubernetes\\.io/last-applied-configuration']}");
    expect(lastApplied.stdout, 'kubectl apply records the manifest in the member too, as Karmada does').to.contain(b64(password));
    expect((await memberValue('member3', 'db-credentials', 'password'))).to.equal(undefined);
  });

  it('new values written with kubectl apply replace the member copies', async () => {
    const password = remember(token());
    const user = remember(token());
    await apply(dbCredentials(password, user));
    for (const member of ['member1', 'member2']) {
      await waitForMemberValue(member, 'db-credentials', 'password', password);
      await waitForMemberValue(member, 'db-credentials', 'username', user);
    }
  });

  it('a Secret a Deployment depends on follows it (propagateDeps) with its data', async () => {
    const apiKey = remember(token());
    await apply(appWithDependency(apiKey));
    await waitForMemberValue('member3', 'app-key', 'key', apiKey);
    await waitFor('the Deployment in member3', async () => (await stack.memberKubectl('member3', 'get', 'deploy', 'app')).code === 0, { timeoutMs: 60_000, intervalMs: 500 });
    expect(await memberValue('member1', 'app-key', 'key')).to.equal(undefined);
  });

  it('deleting the Secret removes the member copies', async () => {
    for (const member of ['member1', 'member2']) expect(await memberValue(member, 'db-credentials', 'password'), `a copy in ${member} first`).to.be.a('string');
    const deleted = await stack.kubectl('delete', 'secret', 'db-credentials', '--timeout=60s');
    expect(deleted.code, deleted.stderr).to.equal(0);
    for (const member of ['member1', 'member2']) {
      await waitFor(`db-credentials gone from ${member}`, async () => (await stack.memberKubectl(member, 'get', 'secret', 'db-credentials')).code !== 0, {
        timeoutMs: 60_000,
        intervalMs: 500,
      });
    }
  });

  it('no value is in the event stream, a service log or a projection', async () => {
    const secrets = values.flatMap((value) => [value, b64(value)]);
    const leaks = (where: string, text: string) => secrets.filter((secret) => text.includes(secret)).map((secret) => `${where}: ${secret}`);

    const found: string[] = [];
    const nc = await connect({ servers: stack.env.NATS_URL! });
    try {
      const jsm = await jetstreamManager(nc);
      const stream = `KARMADA_${stack.instance.toUpperCase()}`;
      const { state } = await jsm.streams.info(stream);
      expect(state.messages, 'the stream holds the whole history').to.be.greaterThan(50);
      for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq });
        if (!message) continue;
        const headers = message.header ? [...message.header.keys()].map((key) => `${key}: ${message.header.values(key).join(',')}`).join('\n') : '';
        found.push(...leaks(`stream message ${seq} (${message.subject})`, `${headers}\n${Buffer.from(message.data).toString('utf8')}`));
      }
    } finally {
      await nc.close();
    }

    for (const [name, service] of stack.services) {
      expect(service.lines.length, `${name} logged`).to.be.greaterThan(0);
      service.lines.forEach((line, i) => found.push(...leaks(`${name} log line ${i + 1}`, line)));
    }

    const client = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await client.connect();
    try {
      const store = secretSchemaName(stack.instance);
      const { rows: tables } = await client.query<{ schema: string; name: string }>(
        `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      expect(tables.map((t) => t.schema), 'the store of encrypted values exists').to.include(store);
      for (const table of tables) {
        const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${table.schema}"."${table.name}" t`);
        const text = rows.map((r) => r.row).join('\n');
        if (table.schema === store) expect(text, 'values are stored encrypted').to.not.contain(values[0]);
        else found.push(...leaks(`table ${table.schema}.${table.name}`, text));
      }
    } finally {
      await client.end();
    }
    expect(found).to.deep.equal([]);
  });
});
