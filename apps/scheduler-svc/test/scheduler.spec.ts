import { expect } from 'chai';
import { PlacementDecided, type PlacementDecidedData } from '@karmada-ts/contracts';
import type { Placement, ResourceBinding } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { startTestService, waitFor, type TestService } from '@karmada-ts/testing';
import { schedulerDurables } from '../src/durables.js';
import { schedulerEvents } from '../src/events.js';
import { SchedulerReadModel } from '../src/read-models/scheduler-read-model.js';
import { schedulerService } from '../src/service.js';
import { bindingFor, bindingHealth, cluster, clusterStatus, deployment, nginxSample, policy, upsertBinding, writeCluster } from './builders.js';

const durables = Object.values(schedulerDurables);
const notReady = 'cluster.karmada.io/not-ready';

describe('scheduler-svc: placement decisions', function () {
  this.timeout(60_000);
  let svc: TestService;
  const nginx = nginxSample('default');
  const nginxBinding = bindingFor(nginx.deployment, nginx.policy);
  const duplicated = bindingFor(deployment('default', 'everywhere', 3), policy('default', 'everywhere', { clusterAffinity: { clusterNames: ['member1', 'member2'] } }));
  const tolerant = bindingFor(
    deployment('default', 'tolerant', 2),
    policy('default', 'tolerant', {
      ...nginx.policy.spec.placement,
      clusterTolerations: [{ key: notReady, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }],
    }),
  );

  before(async () => {
    svc = await startTestService('scheduler', schedulerService, schedulerEvents);
    for (const name of ['member1', 'member2']) {
      await writeCluster(svc.store, svc.subjects, cluster(name, { labels: { env: 'prod' } }));
      await clusterStatus(svc.store, svc.subjects, name);
    }
    await writeCluster(svc.store, svc.subjects, cluster('member3', { labels: { env: 'dev' } }));
    await clusterStatus(svc.store, svc.subjects, 'member3');
    await writeCluster(svc.store, svc.subjects, cluster('member4', { labels: { env: 'prod' }, taints: [{ key: 'maintenance', effect: 'NoSchedule' }] }));
    await clusterStatus(svc.store, svc.subjects, 'member4');
    await svc.settled(durables);
  });

  after(async () => {
    await svc?.destroy();
  });

  const placements = (binding: ResourceBinding) => svc.events(svc.subjects.placement(binding.metadata.namespace, binding.metadata.name ?? ''));
  const lastPlacement = async (binding: ResourceBinding): Promise<StoredEvent<PlacementDecidedData> | undefined> => {
    const last = await svc.store.readLast(svc.subjects.placement(binding.metadata.namespace, binding.metadata.name ?? ''));
    return last && PlacementDecided.is(last) ? (last as StoredEvent<PlacementDecidedData>) : undefined;
  };
  const placedAs = (binding: ResourceBinding, clusters: { name: string; replicas?: number }[]) =>
    waitFor(`${binding.metadata.name} on ${JSON.stringify(clusters)}`, async () => {
      const last = await lastPlacement(binding);
      return last && JSON.stringify(last.data.clusters) === JSON.stringify(clusters) ? last : undefined;
    });
  const withReplicas = (binding: ResourceBinding, replicas: number): ResourceBinding => ({ ...binding, spec: { ...binding.spec, replicas } });

  it("divides Karmada's nginx sample 1 + 1 over member1 and member2, and explains it", async () => {
    const seq = await upsertBinding(svc.store, svc.subjects, nginxBinding);
    const decided = await placedAs(nginxBinding, [{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }]);
    const bindingEvent = (await svc.events(svc.subjects.binding('default', 'nginx-deployment')))[0]!;
    expect(decided.data.binding).to.deep.equal({ kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid: 'rb-default-nginx' });
    expect(decided.data.observedBindingSeq).to.equal(seq);
    expect(decided.data.scheduledCondition).to.deep.include({ type: 'Scheduled', status: 'True', reason: 'Success', message: 'Binding has been scheduled successfully.' });
    expect(decided.data.lastScheduledTime).to.equal(bindingEvent.time);
    expect(decided.time).to.equal(bindingEvent.time);
    expect(JSON.parse(decided.data.appliedPlacement!)).to.deep.equal(nginx.policy.spec.placement);
    expect(decided.data.gracefulEvictionTasks).to.deep.equal([]);
    const explained = Object.fromEntries(decided.data.explanation.map((e) => [e.cluster, e]));
    expect(explained['member1']).to.deep.include({ assignedReplicas: 1 });
    expect(explained['member2']).to.deep.include({ assignedReplicas: 1 });
    // Rejected clusters are grouped by plugin and reasons, not listed one by one.
    expect(Object.keys(explained)).to.have.members(['member1', 'member2']);
    expect(decided.data.rejected).to.deep.equal([
      { plugin: 'ClusterAffinity', reasons: ['cluster(s) did not match the placement cluster affinity constraint'], clusters: ['member3', 'member4'] },
    ]);
    expect(await placements(nginxBinding)).to.have.length(1);
  });

  it('duplicates a binding without replica division onto every cluster', async () => {
    await upsertBinding(svc.store, svc.subjects, duplicated);
    await placedAs(duplicated, [{ name: 'member1', replicas: 3 }, { name: 'member2', replicas: 3 }]);
  });

  it('filters clusters by affinity and by untolerated taints', async () => {
    const prod = bindingFor(deployment('default', 'prod-only', 1), policy('default', 'prod-only', { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } } }));
    await upsertBinding(svc.store, svc.subjects, prod);
    const decided = await placedAs(prod, [{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }]);
    expect(decided.data.rejected).to.deep.equal([
      { plugin: 'ClusterAffinity', reasons: ['cluster(s) did not match the placement cluster affinity constraint'], clusters: ['member3'] },
      { plugin: 'TaintToleration', reasons: ['cluster(s) had untolerated taint {maintenance:NoSchedule}'], clusters: ['member4'] },
    ]);

    const tolerating: Placement = { clusterAffinity: { clusterNames: ['member4'] }, clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }] };
    const onMember4 = bindingFor(deployment('default', 'tolerating', 1), policy('default', 'tolerating', tolerating));
    await upsertBinding(svc.store, svc.subjects, onMember4);
    await placedAs(onMember4, [{ name: 'member4', replicas: 1 }]);
  });

  it('divides the replicas again when the binding is scaled', async () => {
    await upsertBinding(svc.store, svc.subjects, withReplicas(nginxBinding, 4));
    await placedAs(nginxBinding, [{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 2 }]);
  });

  it('evicts bindings from a cluster with an untolerated NoExecute taint and reschedules them onto the rest', async () => {
    await upsertBinding(svc.store, svc.subjects, tolerant);
    await placedAs(tolerant, [{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }]);
    await svc.settled(durables);

    const timeAdded = new Date().toISOString();
    await clusterStatus(svc.store, svc.subjects, 'member1', [
      { key: notReady, effect: 'NoSchedule', timeAdded },
      { key: notReady, effect: 'NoExecute', timeAdded },
    ]);
    const evicted = await placedAs(nginxBinding, [{ name: 'member2', replicas: 4 }]);
    expect(evicted.data.gracefulEvictionTasks).to.deep.equal([
      { fromCluster: 'member1', purgeMode: 'Gracefully', reason: 'TaintUntolerated', producer: 'TaintManager', replicas: 2, creationTimestamp: evicted.time },
    ]);
    expect(evicted.data.rejected?.find((r) => r.clusters.includes('member1'))?.plugin).to.be.oneOf(['TaintToleration', 'ClusterEviction']);
    await placedAs(duplicated, [{ name: 'member2', replicas: 3 }]);

    // The binding tolerating the taint for 2 s stays until then, then goes too, at the deadline.
    expect((await lastPlacement(tolerant))?.data.clusters).to.deep.equal([{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }]);
    const late = await placedAs(tolerant, [{ name: 'member2', replicas: 2 }]);
    expect(Date.parse(late.time)).to.equal(Date.parse(timeAdded) + 2000);
  });

  it('ends the graceful eviction once the workload is healthy on its new clusters', async () => {
    await bindingHealth(svc.store, svc.subjects, nginxBinding, { member1: 'Healthy', member2: 'Healthy' });
    await waitFor('the eviction task to go', async () => (await lastPlacement(nginxBinding))?.data.gracefulEvictionTasks.length === 0);
    expect((await lastPlacement(nginxBinding))?.data.clusters).to.deep.equal([{ name: 'member2', replicas: 4 }]);
  });

  it('decides nothing for a binding being deleted', async () => {
    const before = await placements(duplicated);
    await upsertBinding(svc.store, svc.subjects, withReplicas(duplicated, 5), true);
    await svc.settled(durables);
    expect(await placements(duplicated)).to.deep.equal(before);
  });

  it('reads only the bindings that found no room when a cluster change concerns only them', async () => {
    const nowhere = bindingFor(deployment('default', 'nowhere', 1), policy('default', 'nowhere', { clusterAffinity: { clusterNames: ['member9'] } }));
    await upsertBinding(svc.store, svc.subjects, nowhere);
    await waitFor('nowhere found no room', async () => (await lastPlacement(nowhere))?.data.scheduledCondition?.status === 'False' || undefined);
    await svc.settled(durables);
    const readModel = svc.running.app.get(SchedulerReadModel);
    const names = (candidates: { key: { name: string } }[]) => candidates.map((c) => c.key.name).sort();
    const all = names(await readModel.requeueCandidates());
    expect(all).to.include.members(['nginx-deployment', 'nowhere-deployment']);
    expect(names(await readModel.requeueCandidates({ unschedulableOnly: true }))).to.deep.equal(['nowhere-deployment']);
  });

  it('appends nothing new when every input is delivered again, or after a restart', async () => {
    await svc.settled(durables);
    const everything = async () => (await svc.events(svc.subjects.aggregateFilter('placement'))).map((e) => `${e.seq}:${e.subject}`);
    const before = await everything();
    await svc.redeliverEverything(durables);
    await svc.settled(durables);
    expect(await everything()).to.deep.equal(before);
    await svc.restart();
    await svc.settled(durables);
    expect(await everything()).to.deep.equal(before);
  });
});
