import { expect } from 'chai';
import { eventually, startTestSim, type TestSim } from './support.js';

/** The real kubectl against a simulated cluster (issue 3 "Tests"): apply, get, get -w, diff, SSA, delete, rollout, scale, CRDs. */
const deployment = (replicas: number, image: string, name = 'web'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: default
  labels: {app: ${name}}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: ${image}
        ports: [{containerPort: 80}]
        resources:
          requests: {cpu: 100m, memory: 64Mi}
      - name: sidecar
        image: busybox:1.36
`;

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
`;

describe('member-sim with the real kubectl', function () {
  this.timeout(60_000);
  let t: TestSim;

  before(async () => {
    t = await startTestSim({ clusters: [{ name: 'member1', podReadySeconds: 0.2 }] });
  });
  after(async () => t?.stop());

  it('apply creates, updates, then reports unchanged', async () => {
    const file = await t.writeManifest('web.yaml', deployment(2, 'nginx:1.25'));
    expect((await t.kubectl('member1', ['apply', '-f', file])).stdout).to.contain('deployment.apps/web created');
    await t.writeManifest('web.yaml', deployment(3, 'nginx:1.26'));
    expect((await t.kubectl('member1', ['apply', '-f', file])).stdout).to.contain('deployment.apps/web configured');
    expect((await t.kubectl('member1', ['apply', '-f', file])).stdout).to.contain('deployment.apps/web unchanged');
    const live = JSON.parse((await t.kubectl('member1', ['get', 'deploy', 'web', '-o', 'json'])).stdout);
    expect(live.spec.replicas).to.equal(3);
    expect(live.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).to.deep.equal(['app=nginx:1.26', 'sidecar=busybox:1.36']);
    expect(live.metadata.generation).to.equal(2);
  });

  it('rollout status waits until the deployment is available', async () => {
    const result = await t.kubectl('member1', ['rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect(result.stdout).to.contain('deployment "web" successfully rolled out');
  });

  it('get prints Table columns, -o wide and -A', async () => {
    const deploys = await t.kubectl('member1', ['get', 'deploy']);
    expect(deploys.stdout).to.match(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
    expect(deploys.stdout).to.match(/web\s+3\/3\s+3\s+3\s+\d+s/);
    const pods = await t.kubectl('member1', ['get', 'pods', '-A', '-o', 'wide']);
    expect(pods.stdout).to.match(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);
    expect(pods.stdout.match(/Running/g)).to.have.length(3);
    const nodes = await t.kubectl('member1', ['get', 'nodes']);
    expect(nodes.stdout).to.match(/member1-node-1\s+Ready\s+<none>\s+\d+s\s+v1\.32\.4/);
  });

  it('get follows the pages of a list, as Table and as JSON', async () => {
    const table = await t.kubectl('member1', ['get', 'pods', '-A', '--chunk-size=1', '-v=6']);
    expect(table.stdout.match(/Running/g)).to.have.length(3);
    // Three pages of one pod: the second and third asked for with the continue token of the one before.
    expect(table.stderr.match(/GET \S+\/api\/v1\/pods\?\S*limit=1/g)).to.have.length(3);
    expect(table.stderr.match(/GET \S+\/api\/v1\/pods\?continue=/g)).to.have.length(2);
    const list = JSON.parse((await t.kubectl('member1', ['get', 'pods', '-A', '-o', 'json', '--chunk-size=1'])).stdout);
    expect(list.items).to.have.length(3);
  });

  it('scale changes the replicas through the scale subresource', async () => {
    expect((await t.kubectl('member1', ['scale', 'deployment/web', '--replicas=1'])).stdout).to.contain('deployment.apps/web scaled');
    await eventually(async () => JSON.parse((await t.kubectl('member1', ['get', 'deploy', 'web', '-o', 'json'])).stdout).status.replicas === 1, 15_000, 'scale down');
  });

  it('diff shows the change without applying it (dryRun=All)', async () => {
    const file = await t.writeManifest('web-diff.yaml', deployment(5, 'nginx:1.26'));
    const result = await t.kubectl('member1', ['diff', '-f', file]);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.match(/-\s+replicas: 1\n\+\s+replicas: 5/);
    const live = JSON.parse((await t.kubectl('member1', ['get', 'deploy', 'web', '-o', 'json'])).stdout);
    expect(live.spec.replicas).to.equal(1);
  });

  it('get -w sees modifications and deletions made meanwhile', async () => {
    const other = await t.writeManifest('other.yaml', deployment(1, 'nginx:1.25', 'other'));
    await t.kubectl('member1', ['apply', '-f', other]);
    const watch = t.spawnKubectl('member1', ['get', 'deploy', '-w', '--output-watch-events']);
    try {
      await eventually(() => watch.output().includes('ADDED'), 15_000, 'initial events');
      await t.kubectl('member1', ['label', 'deploy', 'web', 'watched=yes']);
      await t.kubectl('member1', ['delete', '-f', other, '--wait=false']);
      await eventually(() => /MODIFIED\s+web/.test(watch.output()) && /DELETED\s+other/.test(watch.output()), 15_000, 'MODIFIED and DELETED events');
    } finally {
      watch.child.kill();
    }
  });

  it('apply --server-side creates and updates; a conflicting manager gets 409 unless it forces', async () => {
    const file = await t.writeManifest('ssa.yaml', deployment(2, 'nginx:1.25', 'ssa'));
    expect((await t.kubectl('member1', ['apply', '--server-side', '-f', file])).stdout).to.contain('deployment.apps/ssa serverside-applied');
    await t.writeManifest('ssa.yaml', deployment(2, 'nginx:1.27', 'ssa'));
    expect((await t.kubectl('member1', ['apply', '--server-side', '-f', file])).stdout).to.contain('serverside-applied');
    const rival = await t.writeManifest('ssa-rival.yaml', deployment(4, 'nginx:1.27', 'ssa'));
    const conflict = await t.kubectl('member1', ['apply', '--server-side', '--field-manager=rival', '-f', rival]);
    expect(conflict.code).to.equal(1);
    expect(conflict.stderr).to.contain('Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
    const forced = await t.kubectl('member1', ['apply', '--server-side', '--field-manager=rival', '--force-conflicts', '-f', rival]);
    expect(forced.stdout).to.contain('serverside-applied');
    const live = JSON.parse((await t.kubectl('member1', ['get', 'deploy', 'ssa', '-o', 'json', '--show-managed-fields'])).stdout);
    expect(live.spec.replicas).to.equal(4);
    expect(live.spec.template.spec.containers[0].image).to.equal('nginx:1.27');
    expect(live.metadata.managedFields.map((m: { manager: string }) => m.manager)).to.deep.equal(['kubectl', 'rival']);
  });

  it('delete removes the object; later reads are NotFound', async () => {
    expect((await t.kubectl('member1', ['delete', 'deployment', 'ssa'])).stdout).to.contain('deployment.apps "ssa" deleted');
    const missing = await t.kubectl('member1', ['get', 'deployment', 'ssa']);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.contain('Error from server (NotFound): deployments.apps "ssa" not found');
  });

  it('reports a missing namespace as Kubernetes does', async () => {
    const file = await t.writeManifest('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: nope}\ndata: {a: b}\n');
    const result = await t.kubectl('member1', ['apply', '-f', file]);
    expect(result.stderr).to.contain('namespaces "nope" not found');
  });

  it('serves a CRD and instances of its kind, then removes them with it', async () => {
    const crdFile = await t.writeManifest('crd.yaml', crd);
    expect((await t.kubectl('member1', ['apply', '-f', crdFile])).stdout).to.contain('customresourcedefinition.apiextensions.k8s.io/widgets.example.com created');
    expect((await t.kubectl('member1', ['wait', '--for=condition=established', 'crd/widgets.example.com', '--timeout=10s'])).code).to.equal(0);
    const widget = await t.writeManifest('widget.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: default}\nspec: {size: 3}\n');
    expect((await t.kubectl('member1', ['apply', '-f', widget])).stdout).to.contain('widget.example.com/w1 created');
    await t.writeManifest('widget.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: default}\nspec: {size: 4}\n');
    expect((await t.kubectl('member1', ['apply', '-f', widget])).stdout).to.contain('widget.example.com/w1 configured');
    expect((await t.kubectl('member1', ['get', 'wg'])).stdout).to.match(/^NAME\s+SIZE\nw1\s+4\n$/);
    const smp = await t.kubectl('member1', ['patch', 'wg', 'w1', '-p', '{"spec":{"size":5}}']);
    expect(smp.stderr).to.contain('application/strategic-merge-patch+json is not supported');
    expect((await t.kubectl('member1', ['delete', '-f', crdFile])).stdout).to.contain('deleted');
    const gone = await t.kubectl('member1', ['get', 'widgets.example.com']);
    expect(gone.code).to.equal(1);
  });
});
