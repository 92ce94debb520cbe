import { expect } from 'chai';
import { ClusterStatusCollected, type ClusterStatusCollectedData } from '@karmada-ts/contracts';
import type { ClusterStatus, Condition } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { waitFor } from '@karmada-ts/testing';
import { defineClusterService } from '../src/service.js';
import { clusterCreated, joinedCluster } from './builders.js';
import { simCredentials, startClusterSvc, type TestClusterSvc } from './support.js';

type StatusEvent = StoredEvent<ClusterStatusCollectedData>;

describe('cluster-svc: decisions that fall due between rounds', function () {
  this.timeout(60_000);
  let sim: MemberSim;
  let svc: TestClusterSvc;

  before(async () => {
    sim = await startMemberSim({ clusters: [{ name: 'late' }, { name: 'cut' }], maxWatchSeconds: 5 });
    // Rounds every 4 s: a NoExecute taint published on time cannot come from a regular round.
    svc = await startClusterSvc('clwake', defineClusterService(simCredentials(sim)), {
      CLUSTER_STATUS_INTERVAL_SECONDS: '4',
      CLUSTER_FAILURE_THRESHOLD_SECONDS: '0.5',
      CLUSTER_NOEXECUTE_GRACE_SECONDS: '1',
    });
  });
  after(async () => {
    await svc?.destroy();
    await sim?.stop();
  });

  const readyOf = (e: StatusEvent): Condition => (e.data.status as ClusterStatus).conditions!.find((c) => c.type === 'Ready')!;

  function waitForStatus(description: string, check: (e: StatusEvent) => boolean, name = 'late'): Promise<StatusEvent> {
    return waitFor(`${name}: ${description}`, async () => {
      const last = await svc.store.readLast(svc.subjects.clusterStatus(name));
      return last && ClusterStatusCollected.is(last) && check(last as StatusEvent) ? (last as StatusEvent) : undefined;
    }, { intervalMs: 50 });
  }

  it('wakes up when the damping window closes and when NoExecute falls due', async () => {
    await svc.append(clusterCreated(svc.subjects, joinedCluster('late', `${sim.url}/clusters/late`)));
    const ready = await waitForStatus('Ready', (e) => readyOf(e).status === 'True');
    sim.setHealth('late', 'unhealthy');
    const notReady = await waitForStatus('not ready', (e) => readyOf(e).status === 'False');
    // The next regular round (4 s after the join's) sees the failure; the window closes 0.5 s later, not a round later.
    const published = Date.parse(notReady.time) - Date.parse(ready.time);
    expect(published, 'seen by the next round, held for the threshold').to.be.at.least(4_500);
    expect(published, 'published when the window closed').to.be.below(6_500);
    const noExecute = await waitForStatus('NoExecute', (e) => (e.data.controllerTaints ?? []).some((t) => t.effect === 'NoExecute'));
    const after = Date.parse(noExecute.time) - Date.parse(readyOf(notReady).lastTransitionTime);
    expect(after, 'after the grace period').to.be.at.least(1_000);
    expect(after, 'well before the next regular round').to.be.below(2_500);
  });

  it('probes a member at once when its watches break, so that unreachable is published when the threshold has passed', async () => {
    await svc.append(clusterCreated(svc.subjects, joinedCluster('cut', `${sim.url}/clusters/cut`)));
    const ready = await waitForStatus('Ready', (e) => readyOf(e).status === 'True', 'cut');
    // The join's round has just run: the next regular one is about 4 s away. Its node and pod watches are open by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cutAt = Date.now();
    sim.setHealth('cut', 'unreachable');
    const unreachable = await waitForStatus('unreachable', (e) => readyOf(e).status === 'False', 'cut');
    expect(readyOf(unreachable)).to.include({ reason: 'ClusterNotReachable' });
    const published = Date.parse(unreachable.time) - cutAt;
    expect(published, 'held for the threshold').to.be.at.least(500);
    expect(published, 'seen when the watches broke, not on the next regular round').to.be.below(Date.parse(ready.time) + 4_000 - cutAt);
  });
});
