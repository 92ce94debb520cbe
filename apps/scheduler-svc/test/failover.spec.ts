import { expect } from 'chai';
import { PlacementDecided, type PlacementDecidedData } from '@karmada-ts/contracts';
import type { Placement, ResourceBinding } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { startTestService, waitFor, type TestService } from '@karmada-ts/testing';
import { schedulerDurables } from '../src/durables.js';
import { schedulerEvents } from '../src/events.js';
import { schedulerService } from '../src/service.js';
import { bindingFor, bindingHealth, cluster, clusterStatus, deployment, policy, upsertBinding, writeCluster } from './builders.js';

const durables = Object.values(schedulerDurables);
const unreachable = 'cluster.karmada.io/unreachable';

/** Static weights 1:1 over two clusters, as Karmada's nginx sample. */
function halves(a: string, b: string): Placement {
  return {
    clusterAffinity: { clusterNames: [a, b] },
    replicaScheduling: {
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: { staticWeightList: [a, b].map((name) => ({ targetCluster: { clusterNames: [name] }, weight: 1 })) },
    },
  };
}

describe('scheduler-svc: application failover and failback', function () {
  this.timeout(60_000);
  let svc: TestService;

  const flakyPolicy = policy('default', 'flaky', halves('member1', 'member2'));
  const flaky = bindingFor(deployment('default', 'flaky', 2), {
    ...flakyPolicy,
    spec: { ...flakyPolicy.spec, failover: { application: { decisionConditions: { tolerationSeconds: 1 }, purgeMode: 'Gracefully', gracePeriodSeconds: 30 } } },
  });
  const returningPolicy = policy('default', 'returning', halves('member3', 'member4'));
  const returning = bindingFor(deployment('default', 'returning', 4), { ...returningPolicy, spec: { ...returningPolicy.spec, failback: { enabled: true } } });

  before(async () => {
    svc = await startTestService('scheduler_failover', schedulerService, schedulerEvents);
    for (const name of ['member1', 'member2', 'member3', 'member4']) {
      await writeCluster(svc.store, svc.subjects, cluster(name));
      await clusterStatus(svc.store, svc.subjects, name);
    }
    await svc.settled(durables);
  });

  after(async () => {
    await svc?.destroy();
  });

  const lastPlacement = async (binding: ResourceBinding): Promise<StoredEvent<PlacementDecidedData> | undefined> => {
    const last = await svc.store.readLast(svc.subjects.placement(binding.metadata.namespace, binding.metadata.name ?? ''));
    return last && PlacementDecided.is(last) ? (last as StoredEvent<PlacementDecidedData>) : undefined;
  };
  const placedWhen = (binding: ResourceBinding, what: string, test: (data: PlacementDecidedData) => boolean) =>
    waitFor(`${binding.metadata.name}: ${what}`, async () => {
      const last = await lastPlacement(binding);
      return last && test(last.data) ? last : undefined;
    });
  const on = (clusters: { name: string; replicas?: number }[]) => (data: PlacementDecidedData) => JSON.stringify(data.clusters) === JSON.stringify(clusters);

  it('moves a workload that stays Unhealthy in a cluster longer than tolerationSeconds, at the deadline', async () => {
    await upsertBinding(svc.store, svc.subjects, flaky);
    await placedWhen(flaky, 'placed 1 + 1', on([{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }]));

    await bindingHealth(svc.store, svc.subjects, flaky, { member1: 'Unhealthy', member2: 'Healthy' });
    const watching = await placedWhen(flaky, 'watching member1', (data) => data.unhealthySince?.['member1'] !== undefined);
    expect(watching.data.clusters).to.have.length(2);
    const since = watching.data.unhealthySince!['member1']!;

    const moved = await placedWhen(flaky, 'moved to member2', on([{ name: 'member2', replicas: 2 }]));
    expect(Date.parse(moved.time)).to.equal(Date.parse(since) + 1000);
    expect(moved.data.gracefulEvictionTasks).to.deep.equal([
      {
        fromCluster: 'member1',
        purgeMode: 'Gracefully',
        reason: 'ApplicationFailure',
        producer: 'resource-binding-application-failover-controller',
        replicas: 1,
        gracePeriodSeconds: 30,
        creationTimestamp: moved.time,
      },
    ]);
    expect(moved.data).to.not.have.property('unhealthySince');

    await bindingHealth(svc.store, svc.subjects, flaky, { member1: 'Unhealthy', member2: 'Healthy' });
    await placedWhen(flaky, 'eviction task done', (data) => data.gracefulEvictionTasks.length === 0);
  });

  it('brings replicas back when the evicted cluster recovers, removing the replacements only once the original clusters are healthy', async () => {
    await upsertBinding(svc.store, svc.subjects, returning);
    const original = [{ name: 'member3', replicas: 2 }, { name: 'member4', replicas: 2 }];
    await placedWhen(returning, 'placed 2 + 2', on(original));
    await svc.settled(durables);

    const timeAdded = new Date().toISOString();
    await clusterStatus(svc.store, svc.subjects, 'member4', [
      { key: unreachable, effect: 'NoSchedule', timeAdded },
      { key: unreachable, effect: 'NoExecute', timeAdded },
    ]);
    const evicted = await placedWhen(returning, 'evicted from member4', on([{ name: 'member3', replicas: 4 }]));
    expect(evicted.data.failback).to.deep.equal({ clusters: original, evictedClusters: ['member4'], replicas: 4, appliedPlacement: evicted.data.appliedPlacement });

    await bindingHealth(svc.store, svc.subjects, returning, { member3: 'Healthy' });
    await placedWhen(returning, 'eviction task done', (data) => data.gracefulEvictionTasks.length === 0);

    await clusterStatus(svc.store, svc.subjects, 'member4');
    const started = await placedWhen(returning, 'returning', (data) => data.failback?.returningSince !== undefined);
    expect(started.data.clusters).to.deep.equal([{ name: 'member3', replicas: 4 }, { name: 'member4', replicas: 2 }]);

    await bindingHealth(svc.store, svc.subjects, returning, { member3: 'Healthy', member4: 'Unknown' });
    await svc.settled(durables);
    expect((await lastPlacement(returning))?.seq).to.equal(started.seq);

    await bindingHealth(svc.store, svc.subjects, returning, { member3: 'Healthy', member4: 'Healthy' });
    const back = await placedWhen(returning, 'back on the original clusters', on(original));
    expect(back.data).to.not.have.property('failback');
    expect(back.data.gracefulEvictionTasks).to.deep.equal([]);
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
