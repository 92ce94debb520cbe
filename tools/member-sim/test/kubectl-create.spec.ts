import { expect } from 'chai';
import { startTestSim, type TestSim } from './support.js';

/**
 * `kubectl create <kind>` against a simulated cluster: kubectl 1.32 (the version member-sim reports) sends these
 * bodies as application/vnd.kubernetes.protobuf, which libs/kube decodes into the object the JSON would be.
 */
describe('member-sim: kubectl create with protobuf bodies', function () {
  this.timeout(90_000);
  let t: TestSim;

  before(async () => {
    t = await startTestSim({ clusters: [{ name: 'member1', podReadySeconds: 0.2 }] });
  });
  after(async () => t?.stop());

  async function created(args: string[]): Promise<string> {
    const result = await t.kubectl('member1', ['create', ...args]);
    expect(result.code, result.stderr).to.equal(0);
    return result.stdout.trim();
  }

  async function getJson(args: string[]): Promise<any> {
    const result = await t.kubectl('member1', ['get', ...args, '-o', 'json']);
    expect(result.code, result.stderr).to.equal(0);
    return JSON.parse(result.stdout);
  }

  it('creates a generic Secret whose value round-trips', async () => {
    expect(await created(['secret', 'generic', 's1', '--from-literal=password=p@ss'])).to.equal('secret/s1 created');
    const secret = await getJson(['secret', 's1']);
    expect(secret.type).to.equal('Opaque');
    expect(Buffer.from(secret.data.password, 'base64').toString()).to.equal('p@ss');
  });

  it('creates a ConfigMap', async () => {
    expect(await created(['configmap', 'c1', '--from-literal=a=b'])).to.equal('configmap/c1 created');
    expect((await getJson(['configmap', 'c1'])).data).to.deep.equal({ a: 'b' });
  });

  it('creates a Namespace', async () => {
    expect(await created(['namespace', 'n1'])).to.equal('namespace/n1 created');
    expect((await getJson(['namespace', 'n1'])).status.phase).to.equal('Active');
  });

  it('creates a ServiceAccount', async () => {
    expect(await created(['serviceaccount', 'sa1'])).to.equal('serviceaccount/sa1 created');
    expect((await getJson(['serviceaccount', 'sa1'])).metadata).to.include({ name: 'sa1', namespace: 'default' });
  });

  it('creates a Deployment with its image and replicas', async () => {
    expect(await created(['deployment', 'd1', '--image=nginx', '--replicas=2'])).to.equal('deployment.apps/d1 created');
    const deployment = await getJson(['deployment', 'd1']);
    expect(deployment.spec.replicas).to.equal(2);
    expect(deployment.spec.selector).to.deep.equal({ matchLabels: { app: 'd1' } });
    expect(deployment.spec.template.metadata.labels).to.deep.equal({ app: 'd1' });
    expect(deployment.spec.template.spec.containers.map((c: { name: string; image: string }) => [c.name, c.image])).to.deep.equal([['nginx', 'nginx']]);
  });

  it('stores the Deployment just as the same command sent as JSON would', async () => {
    const json = await t.kubectl('member1', ['create', 'deployment', 'd1', '--image=nginx', '--replicas=2', '--dry-run=client', '-o', 'json']);
    expect((await t.kubectl('member1', ['create', '-n', 'n1', '-f', '-'], json.stdout)).stdout).to.contain('deployment.apps/d1 created');
    const [viaProtobuf, viaJson] = [await getJson(['deployment', 'd1']), await getJson(['-n', 'n1', 'deployment', 'd1'])];
    expect(viaProtobuf.spec).to.deep.equal(viaJson.spec);
    expect(viaProtobuf.metadata.labels).to.deep.equal(viaJson.metadata.labels);
  });

  it('refuses a kind it does not decode, saying what to do instead, and creates nothing', async () => {
    const result = await t.kubectl('member1', ['create', 'job', 'j1', '--image=busybox']);
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.contain('protobuf bodies of batch/v1 Job are not decoded by this server');
    expect(result.stderr).to.contain('--dry-run=client -o yaml | kubectl apply -f -');
    expect((await t.kubectl('member1', ['get', 'job', 'j1'])).stderr).to.contain('NotFound');
    const viaJson = await t.kubectl('member1', ['create', 'job', 'j1', '--image=busybox', '--dry-run=client', '-o', 'yaml']);
    expect((await t.kubectl('member1', ['apply', '-f', '-'], viaJson.stdout)).stdout).to.contain('job.batch/j1 created');
  });
});
