import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'yaml';
import { waitFor } from '@karmada-ts/testing';
import { kubectl, lastSeq, startTestGateway, type TestGateway } from './support.js';

const samples = resolve(import.meta.dirname, '../../../samples/nginx');

// The real kubectl (the dispatcher runs the 1.32 client the gateway's /version asks for) against the admin
// kubeconfig the gateway wrote on its first start, with Karmada's nginx sample unchanged.
describe('api-gateway with kubectl', function () {
  this.timeout(90_000);
  let gw: TestGateway;
  let home: string;
  let work: string;
  const run = (...args: string[]) => kubectl(gw, home, args);
  const ok = async (...args: string[]) => {
    const result = await run(...args);
    expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).to.equal(0);
    return result.stdout;
  };

  before(async () => {
    gw = await startTestGateway('gwkubectl');
    home = mkdtempSync(join(tmpdir(), 'gwkubectl-home-'));
    work = mkdtempSync(join(tmpdir(), 'gwkubectl-work-'));
  });
  after(async () => {
    await gw?.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  const withReplicas = (replicas: number) => {
    const path = join(work, `deployment-${replicas}.yaml`);
    writeFileSync(path, readFileSync(join(samples, 'deployment.yaml'), 'utf8').replace('replicas: 2', `replicas: ${replicas}`));
    return path;
  };

  it('applies the nginx sample, then configures and leaves it unchanged', async () => {
    const created = await ok('apply', '-f', samples);
    expect(created).to.contain('deployment.apps/nginx created');
    expect(created).to.contain('propagationpolicy.policy.karmada.io/nginx-propagation created');
    expect(created).to.contain('overridepolicy.policy.karmada.io/nginx-override created');
    // Karmada's defaulting fills in the selectors' namespace, so kubectl still sends the policies a patch; it
    // changes nothing, and nothing is appended.
    const before = await lastSeq(gw);
    expect(await ok('apply', '-f', samples)).to.match(/deployment.apps\/nginx unchanged/);
    expect(await lastSeq(gw)).to.equal(before);
    expect(await ok('apply', '-f', withReplicas(3))).to.contain('deployment.apps/nginx configured');
    expect(await ok('apply', '-f', withReplicas(3))).to.contain('deployment.apps/nginx unchanged');
  });

  it('gets: tables, all namespaces, yaml, and describes', async () => {
    expect(await ok('get', 'deploy')).to.match(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nnginx\s+0\/3/);
    expect(await ok('get', 'pp,op', '-A')).to.match(/default\s+propagationpolicy.policy.karmada.io\/nginx-propagation[\s\S]*default\s+overridepolicy.policy.karmada.io\/nginx-override/);
    const yaml = parse(await ok('get', 'deploy', 'nginx', '-o', 'yaml')) as { spec: { replicas: number }; metadata: { resourceVersion: string; generation: number } };
    expect(yaml.spec.replicas).to.equal(3);
    expect(Number(yaml.metadata.resourceVersion)).to.be.greaterThan(0);
    expect(yaml.metadata.generation).to.equal(2);
    expect(await ok('get', 'namespaces')).to.match(/default[\s\S]*karmada-cluster[\s\S]*karmada-system/);
    expect(await ok('describe', 'deploy', 'nginx')).to.match(/Replicas:\s+3 desired/);
  });

  it('diffs against the live object and applies server-side', async () => {
    const changed = await run('diff', '-f', withReplicas(5));
    expect(changed.code).to.equal(1);
    expect(changed.stdout).to.match(/-\s+replicas: 3\n\+\s+replicas: 5/);
    expect((await run('diff', '-f', withReplicas(3))).code).to.equal(0);
    expect(await ok('apply', '--server-side', '-f', withReplicas(4))).to.contain('deployment.apps/nginx serverside-applied');
    expect(await ok('get', 'deploy', 'nginx', '-o', 'jsonpath={.spec.replicas}')).to.equal('4');
  });

  it('watches changes with get -w, then deletes', async () => {
    const child = spawn('kubectl', ['--kubeconfig', gw.kubeconfig, 'get', 'deploy', '-w', '--output-watch-events'], { env: { ...process.env, HOME: home, KUBECONFIG: '' } });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    try {
      await waitFor('the initial listing', () => lines.some((l) => /^ADDED\s+nginx/.test(l)));
      await ok('apply', '-f', withReplicas(2));
      await waitFor('MODIFIED', () => lines.some((l) => /^MODIFIED\s+nginx\s+0\/2/.test(l)));
      expect(await ok('delete', '-f', samples)).to.contain('deployment.apps "nginx" deleted');
      await waitFor('DELETED', () => lines.some((l) => /^DELETED\s+nginx/.test(l)));
    } finally {
      child.kill();
    }
    const missing = await run('get', 'deploy', 'nginx');
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.contain('Error from server (NotFound): deployments.apps "nginx" not found');
    expect(await ok('get', 'pp', '--ignore-not-found')).to.equal('');
  });

  it('serves a CRD and then its instances', async () => {
    const crd = join(work, 'crd.yaml');
    writeFileSync(
      crd,
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wdg]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
`,
    );
    const widget = join(work, 'widget.yaml');
    writeFileSync(widget, 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gear\nspec:\n  size: 3\n');
    expect(await ok('apply', '-f', crd)).to.contain('customresourcedefinition.apiextensions.k8s.io/widgets.example.com created');
    expect(await ok('apply', '-f', widget)).to.contain('widget.example.com/gear created');
    expect(await ok('get', 'wdg')).to.match(/NAME\s+SIZE\ngear\s+3/);
    expect(await ok('delete', '-f', widget)).to.contain('deleted');
  });

  it('reads a list larger than one chunk of the response (sent with chunked transfer encoding)', async () => {
    const count = 40;
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: Array.from({ length: count }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `big-${i}`, namespace: 'default' }, data: { text: `${i}:${'x'.repeat(8_000)}` } })),
    };
    const file = join(work, 'configmaps.json');
    writeFileSync(file, JSON.stringify(list));
    await ok('create', '-f', file);
    const raw = await ok('get', '--raw', '/api/v1/namespaces/default/configmaps');
    expect(raw.length, 'the list must be larger than the 256 KiB chunk').to.be.above(256 * 1024);
    const listed = JSON.parse(await ok('get', 'configmaps', '-o', 'json')) as { items: { metadata: { name: string }; data: { text: string } }[] };
    const big = listed.items.filter((item) => item.metadata.name.startsWith('big-'));
    expect(big).to.have.length(count);
    expect(big.find((item) => item.metadata.name === 'big-37')?.data.text).to.equal(`37:${'x'.repeat(8_000)}`);
    expect((await ok('get', 'configmaps', '--no-headers')).split('\n').filter((line) => line.startsWith('big-'))).to.have.length(count);
    await ok('delete', '-f', file);
  });

  it('lists Karmada clusters', async () => {
    const cluster = join(work, 'cluster.yaml');
    writeFileSync(cluster, 'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: member1\nspec:\n  syncMode: Push\n  apiEndpoint: https://127.0.0.1:6443\n');
    await ok('apply', '-f', cluster);
    expect(await ok('get', 'clusters')).to.match(/^NAME\b[\s\S]*\nmember1\s/);
  });
});
