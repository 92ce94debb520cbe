import { expect } from 'chai';
import { FinalizerReleased, type FinalizerReleasedData, type KubeObjectJson } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { ProjectionRunners } from '@karmada-ts/service-runtime';
import { waitFor } from '@karmada-ts/testing';
import { defineClusterService } from '../src/service.js';
import {
  clusterCreated,
  clusterUpdated,
  deleting,
  joinedCluster,
  testWork,
  workCleanedUp,
  workDeletionRequested,
  workRendered,
} from './builders.js';
import { simCredentials, startClusterSvc, type TestClusterSvc } from './support.js';

const clusterResource = { group: 'cluster.karmada.io', resource: 'clusters' };

describe('cluster-svc: unjoin releases the cluster finalizer once the execution namespace is clean', function () {
  this.timeout(60_000);
  let sim: MemberSim;
  let svc: TestClusterSvc;

  before(async () => {
    sim = await startMemberSim({ clusters: [{ name: 'solo' }, { name: 'busy' }, { name: 'other' }], maxWatchSeconds: 5 });
    svc = await startClusterSvc('cldel', defineClusterService(simCredentials(sim)));
  });
  after(async () => {
    await svc?.destroy();
    await sim?.stop();
  });

  const finalizerSubject = (name: string) => svc.subjects.finalizer('cluster-svc', clusterResource, undefined, name);
  const releases = (name: string) => svc.events(finalizerSubject(name)) as Promise<StoredEvent<FinalizerReleasedData>[]>;

  async function joinAndWaitForStatus(name: string): Promise<KubeObjectJson> {
    const cluster = joinedCluster(name, `${sim.url}/clusters/${name}`);
    await svc.append(clusterCreated(svc.subjects, cluster));
    await waitFor(`${name} status`, () => svc.store.readLast(svc.subjects.clusterStatus(name)));
    return cluster;
  }

  /** Waits until every consumer has projected what its subjects held (and so its reconciler has been handed it). */
  async function projected(): Promise<void> {
    const runners = svc.running.app.get(ProjectionRunners);
    await waitFor('projections at the stream head', async () => {
      for (const { runner, consumer } of runners.all()) {
        if ((await runner.checkpoint()) < (await svc.store.lastSequence(consumer.consumer.filterSubject))) return false;
      }
      return true;
    });
  }

  it('a deleting cluster without Works is released at once, and no longer probed', async () => {
    const cluster = await joinAndWaitForStatus('solo');
    const statusBefore = await svc.events(svc.subjects.clusterStatus('solo'));
    await svc.append(clusterUpdated(svc.subjects, deleting(cluster)));
    const [release] = await waitFor('the release', async () => {
      const found = await releases('solo');
      return found.length > 0 && found;
    });
    expect(FinalizerReleased.is(release!)).to.equal(true);
    expect(release!.data).to.deep.equal({ resource: clusterResource, name: 'solo', uid: cluster.metadata.uid, finalizer: 'karmada.io/cluster-controller' });
    expect(release!.actor).to.equal('cluster-svc');
    // Not probed any more: a failure that would be published after 1 s goes unnoticed.
    sim.setHealth('solo', 'unhealthy');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await svc.events(svc.subjects.clusterStatus('solo'))).to.have.length(statusBefore.length);
  });

  it('a deleting cluster waits until every Work in its execution namespace is cleaned up', async () => {
    const cluster = await joinAndWaitForStatus('busy');
    const [web, db] = [testWork('busy', 'web'), testWork('busy', 'db')];
    const elsewhere = testWork('other', 'web');
    for (const work of [web, db, elsewhere]) await svc.append(workRendered(svc.subjects, work));
    const marked = deleting(cluster);
    await svc.append(clusterUpdated(svc.subjects, marked));
    await projected();

    for (const work of [web, db]) await svc.append(workDeletionRequested(svc.subjects, work));
    await svc.append(workCleanedUp(svc.subjects, web));
    await projected();
    // Two resync rounds with one Work left: still held.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await releases('busy')).to.deep.equal([]);

    await svc.append(workCleanedUp(svc.subjects, db));
    await waitFor('the release', async () => (await releases('busy')).length === 1);

    // Published once: more events about the deleting cluster and a restart add nothing.
    await svc.append(clusterUpdated(svc.subjects, { ...marked, metadata: { ...marked.metadata, labels: { gone: 'soon' } } }));
    await projected();
    await svc.restart();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await releases('busy')).to.have.length(1);
    expect(await releases('other')).to.deep.equal([]);
  });
});
