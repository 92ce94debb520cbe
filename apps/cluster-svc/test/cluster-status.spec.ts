import { expect } from 'chai';
import { ClusterStatusCollected, type ClusterStatusCollectedData, type KubeObjectJson } from '@karmada-ts/contracts';
import type { ClusterStatus, Condition, Taint } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { waitFor } from '@karmada-ts/testing';
import { defineClusterService } from '../src/service.js';
import { clusterCreated, clusterUpdated, joinedCluster } from './builders.js';
import { simCredentials, startClusterSvc, type TestClusterSvc } from './support.js';

type StatusEvent = StoredEvent<ClusterStatusCollectedData>;

describe('cluster-svc: member health, status and controller taints', function () {
  this.timeout(60_000);
  let sim: MemberSim;
  let svc: TestClusterSvc;
  const clusters = new Map<string, KubeObjectJson>();

  before(async () => {
    sim = await startMemberSim({
      clusters: [
        { name: 'ready1', kubernetesVersion: 'v1.31.2', nodes: [{ count: 2, allocatable: { cpu: '4', memory: '16Gi', pods: '110' } }] },
        { name: 'flaky' },
        { name: 'cut' },
        { name: 'away' },
        { name: 'cap', nodes: [{ count: 1, allocatable: { cpu: '2', memory: '8Gi', pods: '110' } }] },
        { name: 'hang' },
      ],
      maxWatchSeconds: 5,
    });
    svc = await startClusterSvc('clsvc', defineClusterService(simCredentials(sim)));
  });
  after(async () => {
    await svc?.destroy();
    await sim?.stop();
  });

  async function join(name: string): Promise<void> {
    const cluster = joinedCluster(name, `${sim.url}/clusters/${name}`);
    clusters.set(name, cluster);
    await svc.append(clusterCreated(svc.subjects, cluster));
  }

  function statusEvents(name: string): Promise<StatusEvent[]> {
    return svc.events(svc.subjects.clusterStatus(name)) as Promise<StatusEvent[]>;
  }

  async function head(name: string): Promise<StatusEvent | undefined> {
    const last = await svc.store.readLast(svc.subjects.clusterStatus(name));
    return last && ClusterStatusCollected.is(last) ? (last as StatusEvent) : undefined;
  }

  const statusOf = (e: StatusEvent) => e.data.status as ClusterStatus;
  const readyOf = (e: StatusEvent): Condition | undefined => statusOf(e).conditions?.find((c) => c.type === 'Ready');
  const taintsOf = (e: StatusEvent) => (e.data.controllerTaints ?? []).map((t) => `${t.key}:${t.effect}`);

  function waitForStatus(name: string, description: string, check: (e: StatusEvent) => boolean, timeoutMs = 10_000): Promise<StatusEvent> {
    return waitFor(`${name}: ${description}`, async () => {
      const e = await head(name);
      return e && check(e) ? e : undefined;
    }, { timeoutMs, intervalMs: 50 });
  }

  it('a joined cluster becomes Ready with its version, API enablements and resource summary', async () => {
    await join('ready1');
    const event = await waitForStatus('ready1', 'Ready', (e) => readyOf(e)?.status === 'True');
    const status = statusOf(event);
    expect(event.data.uid).to.equal(clusters.get('ready1')!.metadata.uid);
    expect(event.actor).to.equal('cluster-svc');
    expect(readyOf(event)).to.include({ reason: 'ClusterReady', message: 'cluster is healthy and ready to accept workloads' });
    expect(status.kubernetesVersion).to.equal('v1.31.2');
    expect(status.conditions?.find((c) => c.type === 'CompleteAPIEnablements')).to.include({ status: 'True', reason: 'Complete' });
    expect(status.apiEnablements?.find((e) => e.groupVersion === 'apps/v1')?.resources).to.deep.include({ name: 'deployments', kind: 'Deployment' });
    expect(status.nodeSummary).to.deep.equal({ totalNum: 2, readyNum: 2 });
    expect(status.resourceSummary?.allocatable).to.deep.equal({ cpu: '8', memory: '32Gi', pods: '220' });
    expect(taintsOf(event)).to.deep.equal([]);
    // One event for the join: the first round already had everything.
    expect(await statusEvents('ready1')).to.have.length(1);
  });

  it('an unreachable cluster at join is NotReachable at once, with the unreachable taint', async () => {
    sim.setHealth('away', 'unreachable');
    await join('away');
    const event = await waitForStatus('away', 'a status', () => true);
    expect(readyOf(event)).to.include({ status: 'False', reason: 'ClusterNotReachable', message: 'cluster is not reachable' });
    expect(statusOf(event).kubernetesVersion).to.equal(undefined);
    expect(taintsOf(event)).to.deep.equal(['cluster.karmada.io/unreachable:NoSchedule']);
  });

  it('unhealthy: Ready=False and not-ready after the failure threshold, NoExecute after the grace period, recovery after the success threshold; idle rounds append nothing', async () => {
    // A member that hangs meanwhile must not hold the others back.
    await join('hang');
    await waitForStatus('hang', 'Ready', (e) => readyOf(e)?.status === 'True');
    sim.setFaults('hang', { latencyMs: 30_000 });

    await join('flaky');
    const joined = await waitForStatus('flaky', 'Ready', (e) => readyOf(e)?.status === 'True');
    // Idle: several rounds (0.5 s each) and nothing new.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await statusEvents('flaky')).map((e) => e.seq)).to.deep.equal([joined.seq]);

    const brokeAt = Date.now();
    sim.setHealth('flaky', 'unhealthy');
    const notReady = await waitForStatus('flaky', 'not ready', (e) => readyOf(e)?.status === 'False');
    expect(readyOf(notReady)).to.include({ reason: 'ClusterNotReady' });
    expect(Date.parse(notReady.time) - brokeAt, 'published only after the failure threshold').to.be.at.least(1_000);
    // Seen within a round (0.5 s) and published when the window closes; the rest is slack for a loaded machine.
    expect(Date.parse(notReady.time) - brokeAt, 'and soon after it').to.be.below(3_000);
    expect(taintsOf(notReady)).to.deep.equal(['cluster.karmada.io/not-ready:NoSchedule']);
    // Karmada keeps what was collected while the cluster is not ready.
    expect(statusOf(notReady).kubernetesVersion).to.equal('v1.32.4');

    const noExecute = await waitForStatus('flaky', 'NoExecute', (e) => taintsOf(e).includes('cluster.karmada.io/not-ready:NoExecute'));
    const sinceNotReady = Date.parse(noExecute.time) - Date.parse(readyOf(notReady)!.lastTransitionTime);
    expect(sinceNotReady, 'NoExecute after the grace period').to.be.at.least(2_000);
    expect(sinceNotReady, 'and soon after it').to.be.below(3_500);
    expect(readyOf(noExecute)!.lastTransitionTime, 'the transition time stays').to.equal(readyOf(notReady)!.lastTransitionTime);
    const noSchedule = (e: StatusEvent) => (e.data.controllerTaints as Taint[]).find((t) => t.effect === 'NoSchedule')!;
    expect(noSchedule(noExecute).timeAdded, 'the first taint keeps its time').to.equal(noSchedule(notReady).timeAdded);

    const fixedAt = Date.now();
    sim.setHealth('flaky', 'healthy');
    const recovered = await waitForStatus('flaky', 'Ready again', (e) => readyOf(e)?.status === 'True');
    expect(Date.parse(recovered.time) - fixedAt, 'published only after the success threshold').to.be.at.least(1_000);
    expect(taintsOf(recovered)).to.deep.equal([]);

    const history = (await statusEvents('flaky')).map((e) => `${readyOf(e)!.status} ${taintsOf(e).join(',')}`.trim());
    expect(history).to.deep.equal([
      'True',
      'False cluster.karmada.io/not-ready:NoSchedule',
      'False cluster.karmada.io/not-ready:NoSchedule,cluster.karmada.io/not-ready:NoExecute',
      'True',
    ]);

    const hung = await waitForStatus('hang', 'unreachable', (e) => readyOf(e)?.status === 'False');
    expect(readyOf(hung)).to.include({ reason: 'ClusterNotReachable' });
    sim.setFaults('hang', { latencyMs: 0 });
  });

  it('unreachable: NotReachable with the unreachable taint after the failure threshold', async () => {
    await join('cut');
    await waitForStatus('cut', 'Ready', (e) => readyOf(e)?.status === 'True');
    const cutAt = Date.now();
    sim.setHealth('cut', 'unreachable');
    const event = await waitForStatus('cut', 'unreachable', (e) => readyOf(e)?.status === 'False');
    expect(Date.parse(event.time) - cutAt).to.be.at.least(1_000);
    expect(readyOf(event)).to.include({ reason: 'ClusterNotReachable' });
    expect(taintsOf(event)).to.deep.equal(['cluster.karmada.io/unreachable:NoSchedule']);
  });

  it('the resource summary follows a capacity change', async () => {
    await join('cap');
    const first = await waitForStatus('cap', 'Ready', (e) => readyOf(e)?.status === 'True');
    expect(statusOf(first).resourceSummary?.allocatable).to.deep.equal({ cpu: '2', memory: '8Gi', pods: '110' });
    await sim.setNodes('cap', [{ count: 3, allocatable: { cpu: '2', memory: '8Gi', pods: '110' } }]);
    const grown = await waitForStatus('cap', 'more capacity', (e) => statusOf(e).resourceSummary?.allocatable?.['cpu'] === '6');
    expect(statusOf(grown).nodeSummary).to.deep.equal({ totalNum: 3, readyNum: 3 });
    expect(readyOf(grown)!.lastTransitionTime).to.equal(readyOf(first)!.lastTransitionTime);
  });

  it('an update that changes nothing for the member, and a restart, append nothing', async () => {
    const before = (await statusEvents('ready1')).length;
    const relabelled = { ...clusters.get('ready1')!, metadata: { ...clusters.get('ready1')!.metadata, labels: { tier: 'gold' } } };
    await svc.append(clusterUpdated(svc.subjects, relabelled));
    await svc.restart();
    // A change after the restart shows that rounds are running again; the untouched clusters stay silent.
    const capBefore = await head('cap');
    await sim.setNodes('cap', [{ count: 1, allocatable: { cpu: '2', memory: '8Gi', pods: '110' } }]);
    await waitForStatus('cap', 'less capacity', (e) => e.seq > capBefore!.seq && statusOf(e).resourceSummary?.allocatable?.['cpu'] === '2');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await statusEvents('ready1')).to.have.length(before);
  });
});
