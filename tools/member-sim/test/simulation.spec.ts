import { expect } from 'chai';
import { request } from 'node:https';
import { quantityToMilli, podRequests, type KubeObject, type ResourceService } from '@karmada-ts/kube';
import { eventually, startTestSim, type TestSim } from './support.js';

/** Simulation semantics: scheduling by capacity, workload status, health modes, node changes, resource summary. */
function svc(t: TestSim, cluster: string): ResourceService {
  return t.sim.cluster(cluster)!.service;
}

function def(t: TestSim, cluster: string, group: string, version: string, plural: string) {
  return svc(t, cluster).resolve(group, version, plural)!;
}

const pods = (t: TestSim, c: string) => def(t, c, '', 'v1', 'pods');
const nodes = (t: TestSim, c: string) => def(t, c, '', 'v1', 'nodes');
const deployments = (t: TestSim, c: string) => def(t, c, 'apps', 'v1', 'deployments');

function deployment(name: string, replicas: number, cpu: string): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'app:1', resources: { requests: { cpu, memory: '1Gi' } } }] } },
    },
  };
}

async function podsOf(t: TestSim, cluster: string, app: string): Promise<KubeObject[]> {
  return (await svc(t, cluster).list(pods(t, cluster), 'default', { labelSelector: `app=${app}` })).items;
}

function phaseCounts(list: KubeObject[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of list) {
    const phase = String((p['status'] as { phase?: string }).phase);
    out[phase] = (out[phase] ?? 0) + 1;
  }
  return out;
}

async function admin(t: TestSim, method: string, path: string, body?: unknown): Promise<{ code: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`${t.sim.url}${path}`), { method, ca: t.sim.caPem, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function probe(t: TestSim, cluster: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`${t.sim.url}/clusters/${cluster}${path}`), { ca: t.sim.caPem, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('member-sim simulation', function () {
  this.timeout(30_000);
  let t: TestSim;

  before(async () => {
    t = await startTestSim({
      clusters: [
        { name: 'small', podReadySeconds: 0.05, nodes: [{ count: 2, allocatable: { cpu: '2', memory: '8Gi', pods: '10' }, labels: { 'topology.kubernetes.io/zone': 'z1' } }] },
        { name: 'other', podReadySeconds: 0 },
      ],
    });
  });
  after(async () => t?.stop());

  it('creates nodes with the configured allocatable and labels', async () => {
    const list = (await svc(t, 'small').list(nodes(t, 'small'), undefined)).items;
    expect(list.map((n) => n.metadata.name)).to.deep.equal(['small-node-1', 'small-node-2']);
    expect((list[0]!['status'] as { allocatable: unknown }).allocatable).to.deep.equal({ cpu: '2', memory: '8Gi', pods: '10' });
    expect(list[0]!.metadata.labels?.['topology.kubernetes.io/zone']).to.equal('z1');
    const defaults = (await svc(t, 'other').list(nodes(t, 'other'), undefined)).items;
    expect(defaults).to.have.length(3);
    expect((defaults[0]!['status'] as { allocatable: unknown }).allocatable).to.deep.equal({ cpu: '8', memory: '32Gi', pods: '110' });
  });

  it('binds pods first-fit and leaves the rest Pending with an Unschedulable condition', async () => {
    // 2 nodes × 2 cpu; 1 cpu per pod → 4 fit, 2 stay Pending.
    await svc(t, 'small').create(deployments(t, 'small'), 'default', deployment('big', 6, '1'));
    const list = await eventually(async () => {
      const l = await podsOf(t, 'small', 'big');
      const counts = phaseCounts(l);
      return l.length === 6 && counts['Running'] === 4 && counts['Pending'] === 2 ? l : undefined;
    }, 10_000, '4 running and 2 pending pods');
    const pending = list.find((p) => (p['status'] as { phase: string }).phase === 'Pending')!;
    expect((pending['status'] as { conditions: unknown[] }).conditions[0]).to.include({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: '0/2 nodes are available: 2 Insufficient cpu.',
    });
    // The Deployment's status follows its pods a moment later.
    const status = await eventually(async () => {
      const d = await svc(t, 'small').get(deployments(t, 'small'), 'default', 'big');
      const s = d['status'] as { readyReplicas?: number } | undefined;
      return s?.readyReplicas === 4 ? s : undefined;
    }, 10_000, 'the Deployment status to count 4 ready replicas');
    expect(status).to.include({ replicas: 6, readyReplicas: 4, availableReplicas: 4, updatedReplicas: 6, unavailableReplicas: 2, observedGeneration: 1 });
  });

  it('lets a client compute the resource summary from nodes and pods', async () => {
    const nodeList = (await svc(t, 'small').list(nodes(t, 'small'), undefined)).items;
    const podList = (await svc(t, 'small').list(pods(t, 'small'), undefined)).items;
    const allocatable = nodeList.reduce((sum, n) => sum + quantityToMilli(String((n['status'] as { allocatable: { cpu: string } }).allocatable.cpu)), 0n);
    const spec = (p: KubeObject) => p['spec'] as { nodeName?: string };
    const phase = (p: KubeObject) => (p['status'] as { phase?: string }).phase;
    const allocated = podList.filter((p) => spec(p).nodeName && phase(p) !== 'Succeeded' && phase(p) !== 'Failed').reduce((sum, p) => sum + (podRequests(p)['cpu'] ?? 0n), 0n);
    const allocating = podList.filter((p) => !spec(p).nodeName).reduce((sum, p) => sum + (podRequests(p)['cpu'] ?? 0n), 0n);
    expect({ allocatable, allocated, allocating }).to.deep.equal({ allocatable: 4000n, allocated: 4000n, allocating: 2000n });
  });

  it('scaling down frees capacity and the status follows; scaling up schedules again', async () => {
    const service = svc(t, 'small');
    await service.patch(deployments(t, 'small'), 'default', 'big', 'merge', { spec: { replicas: 3 } });
    await eventually(async () => {
      const d = await service.get(deployments(t, 'small'), 'default', 'big');
      const s = d['status'] as Record<string, unknown>;
      return s['replicas'] === 3 && s['availableReplicas'] === 3 && s['observedGeneration'] === 2 && s['unavailableReplicas'] === undefined;
    }, 10_000, 'scaled down to 3 available');
    expect(phaseCounts(await podsOf(t, 'small', 'big'))).to.deep.equal({ Running: 3 });
    await service.patch(deployments(t, 'small'), 'default', 'big', 'merge', { spec: { replicas: 4 } });
    await eventually(async () => phaseCounts(await podsOf(t, 'small', 'big'))['Running'] === 4, 10_000, '4 running');
  });

  it('puts back a Deployment status that someone else wrote', async () => {
    const service = svc(t, 'other');
    const available = async () => {
      const d = await service.get(deployments(t, 'other'), 'default', 'steady');
      const s = d['status'] as { replicas?: number; availableReplicas?: number } | undefined;
      return s?.replicas === 1 && s.availableReplicas === 1 ? d : undefined;
    };
    await service.create(deployments(t, 'other'), 'default', deployment('steady', 1, '100m'));
    const current = await eventually(available, 10_000, 'the Deployment to be available');
    await service.update(deployments(t, 'other'), 'default', 'steady', { ...current, status: { replicas: 7, availableReplicas: 0 } }, { subresource: 'status' });
    await eventually(available, 10_000, 'the controller to write the status back');
  });

  it('deleting a deployment garbage-collects its replica sets and pods', async () => {
    await svc(t, 'small').delete(deployments(t, 'small'), 'default', 'big');
    await eventually(async () => (await podsOf(t, 'small', 'big')).length === 0 && (await svc(t, 'small').list(def(t, 'small', 'apps', 'v1', 'replicasets'), 'default')).items.length === 0, 10_000, 'dependents gone');
  });

  it('node capacity changes are visible, and pods on removed nodes are recreated elsewhere', async () => {
    await svc(t, 'small').create(deployments(t, 'small'), 'default', deployment('mover', 2, '500m'));
    await eventually(async () => phaseCounts(await podsOf(t, 'small', 'mover'))['Running'] === 2, 10_000, 'mover running');
    const update = await admin(t, 'PUT', '/_sim/clusters/small/nodes', { nodes: [{ count: 1, allocatable: { cpu: '16', memory: '64Gi', pods: '110' }, names: ['small-node-9'] }] });
    expect(update.code).to.equal(200);
    const list = (await svc(t, 'small').list(nodes(t, 'small'), undefined)).items;
    expect(list.map((n) => [n.metadata.name, (n['status'] as { allocatable: { cpu: string } }).allocatable.cpu])).to.deep.equal([['small-node-9', '16']]);
    await eventually(async () => {
      const l = await podsOf(t, 'small', 'mover');
      return l.length === 2 && l.every((p) => (p['spec'] as { nodeName?: string }).nodeName === 'small-node-9' && (p['status'] as { phase: string }).phase === 'Running');
    }, 10_000, 'pods recreated on the new node');
  });

  it('services get a cluster IP', async () => {
    const created = await svc(t, 'other').create(def(t, 'other', '', 'v1', 'services'), 'default', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect((created['spec'] as { clusterIP: string }).clusterIP).to.match(/^10\.96\.\d+\.\d+$/);
  });

  it('jobs run their pods to completion; statefulsets and daemonsets get their pods', async () => {
    const service = svc(t, 'other');
    const template = (app: string, restartPolicy = 'Always') => ({ metadata: { labels: { app } }, spec: { restartPolicy, containers: [{ name: 'c', image: 'busybox' }] } });
    await service.create(def(t, 'other', 'batch', 'v1', 'jobs'), 'default', { metadata: { name: 'once' }, spec: { completions: 2, parallelism: 1, template: template('once', 'Never') } });
    await service.create(def(t, 'other', 'apps', 'v1', 'statefulsets'), 'default', { metadata: { name: 'db' }, spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template('db') } });
    await service.create(def(t, 'other', 'apps', 'v1', 'daemonsets'), 'default', { metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent') } });
    await eventually(async () => {
      const job = await service.get(def(t, 'other', 'batch', 'v1', 'jobs'), 'default', 'once');
      const s = job['status'] as { succeeded?: number; conditions?: { type: string }[] };
      return s.succeeded === 2 && s.conditions?.some((c) => c.type === 'Complete');
    }, 10_000, 'job complete');
    await eventually(async () => {
      const sts = await service.get(def(t, 'other', 'apps', 'v1', 'statefulsets'), 'default', 'db');
      return (sts['status'] as { readyReplicas?: number }).readyReplicas === 2;
    }, 10_000, 'statefulset ready');
    expect((await podsOf(t, 'other', 'db')).map((p) => p.metadata.name)).to.deep.equal(['db-0', 'db-1']);
    await eventually(async () => {
      const ds = await service.get(def(t, 'other', 'apps', 'v1', 'daemonsets'), 'default', 'agent');
      return (ds['status'] as { numberReady?: number }).numberReady === 3;
    }, 10_000, 'daemonset ready on 3 nodes');
  });

  it('unhealthy: /readyz and /healthz answer 500 while the API keeps working', async () => {
    expect((await admin(t, 'PUT', '/_sim/clusters/other/health', { state: 'unhealthy' })).code).to.equal(200);
    expect(await probe(t, 'other', '/readyz')).to.equal(500);
    expect(await probe(t, 'other', '/healthz')).to.equal(500);
    expect(await probe(t, 'other', '/version')).to.equal(200);
    await admin(t, 'PUT', '/_sim/clusters/other/health', { state: 'healthy' });
    expect(await probe(t, 'other', '/readyz')).to.equal(200);
  });

  it('unreachable: requests to that cluster fail without a response; other clusters still answer', async () => {
    await admin(t, 'PUT', '/_sim/clusters/other/health', { state: 'unreachable' });
    let failure: unknown;
    try {
      await probe(t, 'other', '/readyz');
    } catch (error) {
      failure = error;
    }
    expect((failure as NodeJS.ErrnoException | undefined)?.code).to.equal('ECONNRESET');
    expect(await probe(t, 'small', '/readyz')).to.equal(200);
    await admin(t, 'PUT', '/_sim/clusters/other/health', { state: 'healthy' });
    expect(await probe(t, 'other', '/readyz')).to.equal(200);
  });

  it('injects latency and errors', async () => {
    await admin(t, 'PUT', '/_sim/clusters/other/faults', { errorRate: 1, errorCode: 503 });
    expect(await probe(t, 'other', '/version')).to.equal(503);
    await admin(t, 'PUT', '/_sim/clusters/other/faults', { errorRate: 0, latencyMs: 150 });
    const started = Date.now();
    expect(await probe(t, 'other', '/version')).to.equal(200);
    expect(Date.now() - started).to.be.at.least(140);
    expect((await admin(t, 'PUT', '/_sim/clusters/other/faults', { errorRate: 2 })).code).to.equal(400);
    await admin(t, 'PUT', '/_sim/clusters/other/faults', { latencyMs: 0 });
  });

  it('adds and removes clusters at runtime through the admin API', async () => {
    const added = await admin(t, 'POST', '/_sim/clusters', { name: 'late', kubernetesVersion: 'v1.31.2' });
    expect(added.code).to.equal(201);
    expect(added.body).to.include({ name: 'late', server: `${t.sim.url}/clusters/late`, kubernetesVersion: 'v1.31.2', requests: 0 });
    expect((await admin(t, 'POST', '/_sim/clusters', { name: 'late' })).code).to.equal(409);
    const listed = (await admin(t, 'GET', '/_sim/clusters')).body as { clusters: { name: string }[] };
    expect(listed.clusters.map((c) => c.name)).to.deep.equal(['small', 'other', 'late']);
    const version = await new Promise<string>((resolve, reject) => {
      request(new URL(`${t.sim.url}/clusters/late/version`), { ca: t.sim.caPem }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body).gitVersion));
      })
        .on('error', reject)
        .end();
    });
    expect(version).to.equal('v1.31.2');
    // The API request above, not the admin API's.
    expect(((await admin(t, 'GET', '/_sim/clusters/late')).body as { requests: number }).requests).to.equal(1);
    expect((await admin(t, 'DELETE', '/_sim/clusters/late')).code).to.equal(200);
    expect(await probe(t, 'late', '/version')).to.equal(404);
  });
});
