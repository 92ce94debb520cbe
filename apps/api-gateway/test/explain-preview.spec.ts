import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { BindingUpserted, ClusterStatusCollected, PlacementDecided, type BindingRefJson, type KubeObjectJson } from '@karmada-ts/contracts';
import { appendAs } from '@karmada-ts/testing';
import { apiRequest, lastSeq, startTestGateway, type TestGateway } from './support.js';

const karmadactlBin = fileURLToPath(new URL('../../../tools/karmadactl/bin/karmadactl.mjs', import.meta.url));
const viewerToken = 'viewer-token-explain-preview';
const gpuTaint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
const taintReason = 'cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}';

/** Runs karmadactl against the test gateway, as a user would. */
function karmadactl(gw: TestGateway, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [karmadactlBin, ...args, '--kubeconfig', gw.kubeconfig], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

// The scheduler is played by appending PlacementDecided; Clusters are created through the API and given a status
// by ClusterStatusCollected, as cluster-svc would.
describe('api-gateway: explain and preview', function () {
  this.timeout(120_000);
  let gw: TestGateway;
  let tokenDir: string;

  before(async () => {
    tokenDir = mkdtempSync(join(tmpdir(), 'gwexplain-tokens-'));
    const tokenFile = join(tokenDir, 'tokens.csv');
    writeFileSync(tokenFile, `admin-token-explain-preview,admin,admin\n${viewerToken},viewer,view\n`);
    gw = await startTestGateway('gwexplain', { GATEWAY_TOKEN_FILE: tokenFile });
    for (const name of ['shop', 'store']) {
      expect((await apiRequest(gw, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } })).status).to.equal(201);
    }
    for (const [name, taints] of [['member1', []], ['member2', [gpuTaint]]] as const) {
      const created = await apiRequest(gw, 'POST', '/apis/cluster.karmada.io/v1alpha1/clusters', {
        body: { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name }, spec: { syncMode: 'Push', taints } },
      });
      expect(created.status).to.equal(201);
      const status = {
        kubernetesVersion: 'v1.32.0',
        apiEnablements: [
          { groupVersion: 'apps/v1', resources: [{ name: 'deployments', kind: 'Deployment' }] },
          { groupVersion: 'v1', resources: [{ name: 'configmaps', kind: 'ConfigMap' }] },
        ],
        conditions: [
          { type: 'Ready', status: 'True', reason: 'ClusterReady', message: 'cluster is healthy and ready to accept workloads', lastTransitionTime: '2026-03-01T12:00:00Z' },
          { type: 'CompleteAPIEnablements', status: 'True', reason: 'CompleteAPIEnablements', message: '', lastTransitionTime: '2026-03-01T12:00:00Z' },
        ],
        resourceSummary: { allocatable: { pods: '110', cpu: '8', memory: '32Gi' } },
      };
      await appendAs(gw.events, gw.subjects.clusterStatus(name), ClusterStatusCollected, { name, uid: created.json.metadata.uid, status }, 'system:cluster-svc');
    }
  });
  after(async () => {
    await gw?.stop();
    rmSync(tokenDir, { recursive: true, force: true });
  });

  describe('explain', () => {
    const bindingId = 'b7c1d2e3-0000-4000-8000-000000000001';
    const binding: KubeObjectJson = {
      apiVersion: 'work.karmada.io/v1alpha2',
      kind: 'ResourceBinding',
      metadata: { name: 'web-deployment', namespace: 'shop', labels: { 'resourcebinding.karmada.io/permanent-id': bindingId } },
      spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }, replicas: 2, placement: {} },
    };
    const ref: BindingRefJson = { kind: 'ResourceBinding', namespace: 'shop', name: 'web-deployment', uid: bindingId };
    const scheduled = { type: 'Scheduled', status: 'True', reason: 'Success', message: 'Binding has been scheduled successfully.', lastTransitionTime: '2026-03-01T12:00:01Z' };
    const path = '/explain/namespaces/shop/resourcebindings/web-deployment';

    before(async () => {
      const bindingSeq = await appendAs(gw.events, gw.subjects.binding('shop', 'web-deployment'), BindingUpserted, { binding }, 'system:policy-svc');
      await appendAs(gw.events, gw.subjects.placement('shop', 'web-deployment'), PlacementDecided, {
        binding: ref,
        observedBindingSeq: bindingSeq,
        clusters: [{ name: 'member1', replicas: 2 }],
        gracefulEvictionTasks: [],
        scheduledCondition: scheduled,
        lastScheduledTime: '2026-03-01T12:00:01Z',
        explanation: [{ cluster: 'member1', score: 0, availableReplicas: 110, assignedReplicas: 2 }],
        rejected: [{ plugin: 'TaintToleration', reasons: [taintReason], clusters: ['member3', 'member2'] }],
      }, 'system:scheduler-svc');
    });

    it('shows each rejected cluster with its filter plugin and reason, every cluster in name order, for any role', async () => {
      const decided = await gw.events.readLast(gw.subjects.placement('shop', 'web-deployment'));
      for (const token of [undefined, viewerToken]) {
        const got = await apiRequest(gw, 'GET', path, token ? { token } : {});
        expect(got.status).to.equal(200);
        expect(got.json).to.deep.equal({
          kind: 'PlacementExplanation',
          binding: { kind: 'ResourceBinding', namespace: 'shop', name: 'web-deployment' },
          scheduledCondition: scheduled,
          decidedAt: decided!.time,
          observedBindingSeq: (decided!.data as { observedBindingSeq: number }).observedBindingSeq,
          clusters: [
            { cluster: 'member1', result: 'Selected', score: 0, availableReplicas: 110, assignedReplicas: 2 },
            { cluster: 'member2', result: 'Rejected', rejectedBy: { plugin: 'TaintToleration', reasons: [taintReason] } },
            { cluster: 'member3', result: 'Rejected', rejectedBy: { plugin: 'TaintToleration', reasons: [taintReason] } },
          ],
          summary: 'Binding has been scheduled successfully.',
        });
      }
    });

    it('answers Status errors: 404 for an unknown binding or one never scheduled, 401, 405', async () => {
      const unknown = await apiRequest(gw, 'GET', '/explain/namespaces/shop/resourcebindings/nope');
      expect(unknown.json).to.include({ kind: 'Status', code: 404, reason: 'NotFound', message: 'resourcebindings.work.karmada.io "nope" not found' });
      await appendAs(gw.events, gw.subjects.binding('shop', 'fresh-deployment'), BindingUpserted, {
        binding: { ...binding, metadata: { ...binding.metadata, name: 'fresh-deployment' } },
      }, 'system:policy-svc');
      const fresh = await apiRequest(gw, 'GET', '/explain/namespaces/shop/resourcebindings/fresh-deployment');
      expect(fresh.json).to.include({ code: 404, reason: 'NotFound', message: 'resourcebindings.work.karmada.io "fresh-deployment" has no scheduling decision yet' });
      expect((await apiRequest(gw, 'GET', '/explain/clusterresourcebindings/nope')).json).to.include({ code: 404, message: 'clusterresourcebindings.work.karmada.io "nope" not found' });
      expect((await apiRequest(gw, 'GET', '/explain/namespaces/shop/works/x')).json).to.include({ code: 404, message: 'the server could not find the requested resource' });
      expect((await apiRequest(gw, 'GET', path, { token: null })).json).to.include({ code: 401, reason: 'Unauthorized' });
      expect((await apiRequest(gw, 'POST', path, { body: {} })).json).to.include({ code: 405, reason: 'MethodNotAllowed' });
    });

    it('karmadactl explain prints the table and the summary; a wrong name fails with the Status message', async () => {
      const table = await karmadactl(gw, ['explain', 'web-deployment', '-n', 'shop']);
      expect(table.stderr).to.equal('');
      expect(table.code).to.equal(0);
      expect(table.stdout.split('\n')).to.include.members([
        'CLUSTER   RESULT     PLUGIN            REASON                                                        SCORE    AVAILABLE   ASSIGNED',
        `member2   Rejected   TaintToleration   ${taintReason}   <none>   <none>      <none>`,
        'Summary: Binding has been scheduled successfully.',
      ]);
      const json = await karmadactl(gw, ['explain', 'web-deployment', '-n', 'shop', '-o', 'json']);
      expect(JSON.parse(json.stdout)).to.deep.equal((await apiRequest(gw, 'GET', path)).json);
      const missing = await karmadactl(gw, ['explain', 'web-deployment']);
      expect(missing.code).to.equal(1);
      expect(missing.stderr).to.equal('error: resourcebindings.work.karmada.io "web-deployment" not found (NotFound)\n');
    });
  });

  describe('preview', () => {
    const policy = (spec: object, name = 'web-policy') => ({
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'PropagationPolicy',
      metadata: { name, namespace: 'store' },
      spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings' }], ...spec },
    });
    const both = { clusterAffinity: { clusterNames: ['member1', 'member2'] }, replicaScheduling: { replicaSchedulingType: 'Duplicated' } };
    const deployment = (name: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'store', labels: { app: name } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } },
      },
    });
    const rejectedMember2 = { cluster: 'member2', result: 'Rejected', rejectedBy: { plugin: 'TaintToleration', reasons: [taintReason] } };

    before(async () => {
      expect((await apiRequest(gw, 'POST', '/apis/apps/v1/namespaces/store/deployments', { body: deployment('web') })).status).to.equal(201);
    });

    it('places the existing templates the policy would claim, and changes nothing', async () => {
      const before = await lastSeq(gw);
      const got = await apiRequest(gw, 'POST', '/preview', { body: { policy: policy({ placement: both }) }, token: viewerToken });
      expect(got.status).to.equal(200);
      expect(got.json).to.deep.equal({
        kind: 'PropagationPreview',
        items: [
          {
            template: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'store', name: 'web' },
            claimed: true,
            reason: 'the policy matches it and no other policy takes precedence',
            binding: { kind: 'ResourceBinding', name: 'web-deployment' },
            placement: {
              scheduled: true,
              rescheduled: true,
              clusters: [{ name: 'member1', replicas: 2 }],
              message: 'Binding has been scheduled successfully.',
              explanation: [{ cluster: 'member1', result: 'Selected', score: 0, availableReplicas: 80, assignedReplicas: 2 }, rejectedMember2],
            },
          },
        ],
      });
      expect(await lastSeq(gw)).to.equal(before);
      expect((await apiRequest(gw, 'GET', '/apis/policy.karmada.io/v1alpha1/namespaces/store/propagationpolicies/web-policy')).status).to.equal(404);
      expect((await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha2/namespaces/store/resourcebindings/web-deployment')).status).to.equal(404);
    });

    it('weighs submitted templates (YAML) against the existing policies, and changes nothing', async () => {
      const important = policy({ priority: 5, resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }], placement: both }, 'important');
      expect((await apiRequest(gw, 'POST', '/apis/policy.karmada.io/v1alpha1/namespaces/store/propagationpolicies', { body: important })).status).to.equal(201);
      const settings = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast' } };
      const before = await lastSeq(gw);
      const body = stringify({ policy: policy({ placement: both }), templates: [deployment('api'), settings] });
      const got = await apiRequest(gw, 'POST', '/preview', { body, contentType: 'application/yaml' });
      expect(got.status).to.equal(200);
      const [api, configMap] = got.json.items;
      expect(api).to.deep.equal({
        template: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'store', name: 'api' },
        claimed: false,
        reason: 'PropagationPolicy store/important matches it with a higher priority (5 > 0)',
      });
      expect(configMap.template).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'store', name: 'settings' });
      expect(configMap.placement).to.deep.include({ scheduled: true, clusters: [{ name: 'member1' }] });
      expect(configMap.placement.explanation).to.deep.equal([{ cluster: 'member1', result: 'Selected', score: 0 }, rejectedMember2]);
      expect(await lastSeq(gw)).to.equal(before);
      expect((await apiRequest(gw, 'GET', '/apis/apps/v1/namespaces/store/deployments/api')).status).to.equal(404);
    });

    it("reports an unschedulable placement with Karmada's message", async () => {
      const got = await apiRequest(gw, 'POST', '/preview', { body: { policy: policy({ placement: { clusterAffinity: { clusterNames: ['member2'] } } }) } });
      expect(got.json.items[0].placement).to.deep.include({
        scheduled: false,
        clusters: [],
        message: '0/2 clusters are available: 1 cluster(s) did not match the placement cluster affinity constraint, 1 cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}.',
      });
    });

    it('refuses bad input with a Status and changes nothing', async () => {
      const before = await lastSeq(gw);
      const invalid = await apiRequest(gw, 'POST', '/preview', { body: { policy: policy({ placement: { replicaScheduling: { replicaSchedulingType: 'Sideways' } } }) } });
      expect(invalid.json).to.include({ kind: 'Status', code: 422, reason: 'Invalid' });
      expect(invalid.json.details.causes.map((c: { field: string }) => c.field)).to.include('spec.placement.replicaScheduling.replicaSchedulingType');
      const unknownKind = await apiRequest(gw, 'POST', '/preview', { body: { policy: policy({}), templates: [{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }] } });
      expect(unknownKind.json).to.include({ code: 400, message: 'invalid preview request: templates[0]: the server does not serve example.com/v1, Kind=Widget' });
      const notJson = await apiRequest(gw, 'POST', '/preview', { body: '{"policy":' });
      expect(notJson.json).to.include({ code: 400, reason: 'BadRequest' });
      expect((await apiRequest(gw, 'GET', '/preview')).json).to.include({ code: 405 });
      expect((await apiRequest(gw, 'POST', '/preview', { body: {}, token: null })).json).to.include({ code: 401 });
      expect(await lastSeq(gw)).to.equal(before);
    });

    it('karmadactl preview prints where each template would go, and changes nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gwexplain-preview-'));
      try {
        const policyFile = join(dir, 'policy.yaml');
        const { namespace: _namespace, ...metadata } = policy({}).metadata;
        writeFileSync(policyFile, stringify({ ...policy({ placement: both }), metadata }));
        const templateFile = join(dir, 'template.yaml');
        writeFileSync(templateFile, [deployment('web'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }].map((o) => stringify(o)).join('---\n'));
        const before = await lastSeq(gw);
        const ran = await karmadactl(gw, ['preview', '-f', policyFile, '-f', templateFile, '-n', 'store']);
        expect(ran.stderr).to.equal('');
        expect(ran.code).to.equal(0);
        expect(ran.stdout.split('\n')).to.deep.equal([
          'TEMPLATE                   CLAIMED   CLUSTERS    MESSAGE',
          'Deployment/store/web       true      member1=2   Binding has been scheduled successfully.',
          'ConfigMap/store/settings   true      member1     Binding has been scheduled successfully.',
          '',
        ]);
        const noPolicy = await karmadactl(gw, ['preview', '-f', templateFile]);
        expect(noPolicy.code).to.equal(2);
        expect(noPolicy.stderr).to.include('no PropagationPolicy or ClusterPropagationPolicy among the -f files');
        expect(await lastSeq(gw)).to.equal(before);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
