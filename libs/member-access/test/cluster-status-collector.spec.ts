import { expect } from 'chai';
import { nodeSummary, resourceSummary, type KubeObject } from '@karmada-ts/domain';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { ClusterLimiter, ClusterStatusCollector, MemberObjects, type MemberClient } from '../src/index.js';
import { clientFor, eventually, timed } from './support.js';

const deployment = (name: string, replicas: number, requests: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests } }] } },
  },
});

describe('ClusterStatusCollector', function () {
  this.timeout(20_000);
  let sim: MemberSim;
  let collector: ClusterStatusCollector;
  const clients = new Map<string, MemberClient>();
  const errors: unknown[] = [];

  before(async () => {
    sim = await startMemberSim({
      clusters: [
        {
          name: 'm1',
          podReadySeconds: 0,
          nodes: [
            { count: 2, allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
            { count: 1, allocatable: { cpu: '1500m', memory: '8Gi', pods: '110' }, ready: false },
          ],
        },
        { name: 'away' },
        { name: 'slow' },
      ],
      maxWatchSeconds: 1,
    });
    collector = new ClusterStatusCollector({
      concurrency: 4,
      probeTimeoutMs: 400,
      cacheSyncTimeoutMs: 400,
      discovery: { timeoutMs: 400 },
      watch: { backoff: { initialMs: 50, maxMs: 200 } },
      onCacheError: (_cluster, _resource, error) => errors.push(error),
    });
    for (const name of ['m1', 'away', 'slow']) {
      clients.set(name, clientFor(sim, name));
      collector.start(name, clients.get(name)!);
    }
  });
  after(async () => {
    await collector?.close();
    for (const c of clients.values()) c.close();
    await sim?.stop();
  });

  it('collects the version, complete API enablements and the node and resource summaries', async () => {
    const status = await collector.collect('m1');
    expect(status.problems).to.deep.equal([]);
    expect(status.kubernetesVersion).to.equal('v1.32.4');
    expect(status.apiEnablementsCondition).to.include({ type: 'CompleteAPIEnablements', status: 'True', reason: 'Complete' });
    const core = status.apiEnablements.find((e) => e.groupVersion === 'v1');
    expect(core?.resources).to.deep.include({ name: 'pods', kind: 'Pod' });
    expect(core?.resources?.some((r) => r.name.includes('/'))).to.equal(false);
    expect(status.apiEnablements.find((e) => e.groupVersion === 'apps/v1')?.resources).to.deep.include({ name: 'deployments', kind: 'Deployment' });
    expect(status.nodeSummary).to.deep.equal({ totalNum: 3, readyNum: 2 });
    expect(status.resourceSummary?.allocatable).to.deep.equal({ cpu: '9500m', memory: '40Gi', pods: '330' });
  });

  it('follows pods: bound ones are allocated, unschedulable ones allocating, matching the full objects', async () => {
    const objects = new MemberObjects('m1', clients.get('m1')!, { limiter: new ClusterLimiter() });
    await objects.apply(deployment('web', 3, { cpu: '500m', memory: '1Gi' }));
    await objects.apply(deployment('huge', 1, { cpu: '64', memory: '1Gi' }));
    const status = await eventually(async () => {
      const s = await collector.collect('m1');
      return s.resourceSummary?.allocated?.['pods'] === '3' && s.resourceSummary.allocating?.['pods'] === '1' && s;
    }, 10_000, 'the pods to be summarised');
    expect(status.resourceSummary?.allocated).to.deep.equal({ cpu: '1500m', memory: '3Gi', pods: '3' });
    expect(status.resourceSummary?.allocating).to.deep.equal({ cpu: '64', memory: '1Gi', pods: '1' });

    // The cache keeps only what the summary needs, yet agrees with a summary of the full objects.
    const client = clients.get('m1')!;
    const nodes = (await client.json<{ items: object[] }>({ path: '/api/v1/nodes' })).items;
    const pods = (await client.json<{ items: object[] }>({ path: '/api/v1/pods' })).items;
    const again = await collector.collect('m1');
    expect(again.nodeSummary).to.deep.equal(nodeSummary(nodes));
    expect(again.resourceSummary).to.deep.equal(resourceSummary(nodes, pods));
  });

  it('follows a change of capacity', async () => {
    await sim.setNodes('m1', [{ count: 4, allocatable: { cpu: '8', memory: '32Gi', pods: '110' } }]);
    const status = await eventually(async () => {
      const s = await collector.collect('m1');
      return s.nodeSummary?.totalNum === 4 && s.nodeSummary.readyNum === 4 && s;
    }, 10_000, 'the new nodes');
    expect(status.resourceSummary?.allocatable).to.deep.equal({ cpu: '32', memory: '128Gi', pods: '440' });
  });

  it('keeps the cache across server-side watch ends (the simulator ends watches every second)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await sim.setNodes('m1', [{ count: 1, allocatable: { cpu: '2', memory: '4Gi', pods: '110' } }]);
    const status = await eventually(async () => {
      const s = await collector.collect('m1');
      return s.nodeSummary?.totalNum === 1 && s;
    }, 10_000, 'the shrunk cluster');
    expect(status.resourceSummary?.allocatable).to.deep.equal({ cpu: '2', memory: '4Gi', pods: '110' });
  });

  it('returns the very same fragment while nothing changed, and a new one when something did', async () => {
    const first = await collector.collect('m1');
    const again = await collector.collect('m1');
    expect(again).to.equal(first);
    await sim.setNodes('m1', [{ count: 2, allocatable: { cpu: '2', memory: '4Gi', pods: '110' } }]);
    const grown = await eventually(async () => {
      const s = await collector.collect('m1');
      return s.nodeSummary?.totalNum === 2 && s;
    }, 10_000, 'the grown cluster');
    expect(grown.revision).to.be.greaterThan(first.revision);
    expect(grown.apiEnablements, 'discovery was not read again').to.equal(first.apiEnablements);
  });

  it('reuses version and API enablements for the discovery interval, and reads them again after a probe that was not healthy', async () => {
    const before = await collector.collect('m1');
    const objects = new MemberObjects('m1', clients.get('m1')!, { limiter: new ClusterLimiter() });
    await objects.apply({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    const widgets = (s: { apiEnablements: readonly { groupVersion: string }[] }) => s.apiEnablements.some((e) => e.groupVersion === 'example.com/v1');
    // A collector that reads discovery every time sees the new kind at once; this one (60 s) still has what it read.
    const eager = new ClusterStatusCollector({ discoveryIntervalMs: 0 });
    eager.start('m1', clients.get('m1')!);
    try {
      const seen = await eventually(async () => {
        const s = await eager.collect('m1');
        return widgets(s) && s;
      }, 10_000, 'the new kind in discovery');
      expect(await eager.collect('m1'), 'read again, found nothing new').to.equal(seen);
    } finally {
      await eager.close();
    }
    expect(widgets(await collector.collect('m1'))).to.equal(false);
    expect((await collector.collect('m1')).apiEnablements).to.equal(before.apiEnablements);

    sim.setHealth('m1', 'unhealthy');
    expect(await collector.probe('m1')).to.have.property('outcome', 'unhealthy');
    sim.setHealth('m1', 'healthy');
    expect(widgets(await collector.collect('m1')), 'read again after the failed probe').to.equal(true);
  });

  it('reports what it could not collect from an unreachable member, in bounded time', async () => {
    sim.setHealth('away', 'unreachable');
    const { ms, value } = await timed(collector.collect('away'));
    expect(ms).to.be.lessThan(2_000);
    expect(value.kubernetesVersion).to.equal('');
    expect(value.apiEnablements).to.deep.equal([]);
    expect(value.apiEnablementsCondition).to.include({ status: 'False', reason: 'Empty' });
    expect(value).to.not.have.property('nodeSummary');
    expect(value.problems.join('\n')).to.match(/version: .*\n.*discovery of the API groups: .*\nnodes and pods not listed within 400 ms/);
    expect(await collector.probe('away')).to.have.property('outcome', 'unreachable');
    expect(errors.length).to.be.greaterThan(0);
  });

  it('picks the member up again when it comes back', async () => {
    sim.setHealth('away', 'healthy');
    const status = await eventually(async () => {
      const s = await collector.collect('away');
      return s.nodeSummary !== undefined && s;
    }, 10_000, 'the member to be collected again');
    expect(status.kubernetesVersion).to.equal('v1.32.4');
    expect(status.nodeSummary).to.deep.equal({ totalNum: 3, readyNum: 3 });
  });

  it('a hanging member does not delay probes of the others', async () => {
    sim.setFaults('slow', { latencyMs: 3_000 });
    const slow = timed(collector.probe('slow'));
    const fast = await timed(Promise.all([collector.probe('m1'), collector.probe('away')]));
    expect(fast.value.map((p) => p.outcome)).to.deep.equal(['healthy', 'healthy']);
    expect(fast.ms).to.be.lessThan(300);
    const { ms, value } = await slow;
    expect(value.outcome).to.equal('unreachable');
    expect(ms).to.be.within(350, 1_000);
    sim.setFaults('slow', { latencyMs: 0 });
  });

  it('stops a member: its caches end and it can no longer be collected', async () => {
    await collector.stop('away');
    expect(collector.clusters()).to.deep.equal(['m1', 'slow']);
    expect(() => collector.collect('away')).to.throw('cluster away is not started');
  });
});
