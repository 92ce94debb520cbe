import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SealedSecretData } from '@karmada-ts/contracts';
import { kubectl, lastSeq, startTestGateway, type TestGateway } from './support.js';

// `kubectl create <kind>` against the gateway: the 1.32 client its /version selects sends these bodies as
// application/vnd.kubernetes.protobuf, which libs/kube decodes into the object the JSON would be. From there the
// request takes the JSON path unchanged: a Secret's values are still sealed out of the event stream.
describe('api-gateway: kubectl create with protobuf bodies', function () {
  this.timeout(90_000);
  let gw: TestGateway;
  let home: string;
  const run = (...args: string[]) => kubectl(gw, home, args);
  const created = async (...args: string[]) => {
    const result = await run('create', ...args);
    expect(result.code, `kubectl create ${args.join(' ')}: ${result.stderr}`).to.equal(0);
    return result.stdout.trim();
  };
  const getJson = async (...args: string[]) => {
    const result = await run('get', ...args, '-o', 'json');
    expect(result.code, result.stderr).to.equal(0);
    return JSON.parse(result.stdout);
  };

  before(async () => {
    gw = await startTestGateway('gwcreate');
    home = mkdtempSync(join(tmpdir(), 'gwcreate-home-'));
  });
  after(async () => {
    await gw?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('creates a generic Secret whose value round-trips and stays sealed at rest', async () => {
    expect(await created('secret', 'generic', 's1', '--from-literal=password=p@ss')).to.equal('secret/s1 created');
    const secret = await getJson('secret', 's1');
    expect(secret.type).to.equal('Opaque');
    expect(Buffer.from(secret.data.password, 'base64').toString()).to.equal('p@ss');
    const event = await gw.events.readLast(gw.subjects.template({ group: '', resource: 'secrets' }, 'default', 's1'));
    const data = event!.data as { object: Record<string, unknown>; sealedData: SealedSecretData };
    expect(data.object).to.not.have.property('data');
    expect(data.sealedData.keys).to.deep.equal(['password']);
    expect(JSON.stringify(event)).to.not.contain('p@ss').and.not.contain(secret.data.password);
  });

  it('creates a ConfigMap', async () => {
    expect(await created('configmap', 'c1', '--from-literal=a=b')).to.equal('configmap/c1 created');
    expect((await getJson('configmap', 'c1')).data).to.deep.equal({ a: 'b' });
  });

  it('creates a Namespace', async () => {
    expect(await created('namespace', 'n1')).to.equal('namespace/n1 created');
    expect((await getJson('namespace', 'n1')).metadata.name).to.equal('n1');
  });

  it('creates a ServiceAccount', async () => {
    expect(await created('serviceaccount', 'sa1')).to.equal('serviceaccount/sa1 created');
    expect((await getJson('serviceaccount', 'sa1')).metadata).to.include({ name: 'sa1', namespace: 'default' });
  });

  it('creates a Deployment with its image and replicas', async () => {
    expect(await created('deployment', 'd1', '--image=nginx', '--replicas=2')).to.equal('deployment.apps/d1 created');
    const deployment = await getJson('deployment', 'd1');
    expect(deployment.spec.replicas).to.equal(2);
    expect(deployment.spec.selector).to.deep.equal({ matchLabels: { app: 'd1' } });
    expect(deployment.spec.template.spec.containers.map((c: { name: string; image: string }) => [c.name, c.image])).to.deep.equal([['nginx', 'nginx']]);
  });

  it('refuses a kind it does not decode with 415, saying what to do instead, and appends nothing', async () => {
    const before = await lastSeq(gw);
    const result = await run('create', 'job', 'j1', '--image=busybox');
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.contain('protobuf bodies of batch/v1 Job are not decoded by this server');
    expect(result.stderr).to.contain('--dry-run=client -o yaml | kubectl apply -f -');
    expect(await lastSeq(gw)).to.equal(before);
  });
});
