import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { Taint } from '../api/meta.js';
import type { FailoverBehavior, Placement } from '../api/policy.js';
import type { AggregatedStatusItem, ResourceBinding } from '../api/work.js';
import { buildClusterSnapshot } from './cluster-snapshot.js';
import { clusterFailoverEnabled, decidePlacement, samePlacement, takesBinding, type PlacementDecision, type PlacementInput, type PlacementRecord } from './decide-placement.js';
import { bindingSpec, cluster } from './fixtures.spec.js';

const t0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000).toISOString();
const noExecute: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute', timeAdded: t0 };
const clusterNames = ['member1', 'member2'];
/** Karmada's samples/nginx propagationpolicy: static weights 1:1 over member1 and member2. */
const nginxPlacement: Placement = {
  clusterAffinity: { clusterNames },
  replicaScheduling: {
    replicaSchedulingType: 'Divided',
    replicaDivisionPreference: 'Weighted',
    weightPreference: { staticWeightList: clusterNames.map((name) => ({ targetCluster: { clusterNames: [name] }, weight: 1 })) },
  },
};
const duplicated: Placement = { clusterAffinity: { clusterNames } };

function binding(placement: Placement, replicas = 2, more: { failover?: FailoverBehavior; claimed?: boolean; deleting?: boolean } = {}): ResourceBinding {
  return {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: {
      name: 'nginx-deployment',
      namespace: 'default',
      ...(more.claimed === false ? {} : { labels: { 'propagationpolicy.karmada.io/permanent-id': 'pp-1' } }),
      ...(more.deleting ? { deletionTimestamp: t0 } : {}),
    },
    spec: bindingSpec({ replicas, placement, ...(more.failover ? { failover: more.failover } : {}) }),
  };
}

const healthyClusters = [cluster('member1'), cluster('member2')];

function decide(input: Partial<PlacementInput> & Pick<PlacementInput, 'binding'>, clusters: Cluster[] = healthyClusters): PlacementDecision | undefined {
  return decidePlacement({ previous: undefined, clusters: buildClusterSnapshot(clusters), health: [], now: t0, failover: { enabled: true }, ...input });
}

/** The decision the nginx sample gets first: one replica on each member. */
function firstNginxDecision(): PlacementRecord {
  return decide({ binding: binding(nginxPlacement) })!.placement;
}

describe('decidePlacement', () => {
  describe('scheduling', () => {
    it("divides Karmada's nginx sample 1 + 1 and records the decision", () => {
      const decision = decide({ binding: binding(nginxPlacement) })!;
      expect(decision.changed).to.equal(true);
      expect(decision.trigger).to.equal('PlacementChanged');
      expect(decision.placement.clusters).to.deep.equal([{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }]);
      expect(decision.placement.scheduledCondition).to.deep.include({ type: 'Scheduled', status: 'True', reason: 'Success', lastTransitionTime: t0 });
      expect(decision.placement.lastScheduledTime).to.equal(t0);
      expect(JSON.parse(decision.placement.appliedPlacement!)).to.deep.equal(nginxPlacement);
      expect(decision.explanation?.map((e) => [e.cluster, e.verdict, e.assignedReplicas])).to.deep.equal([
        ['member1', 'Selected', 1],
        ['member2', 'Selected', 1],
      ]);
    });

    it('changes nothing when a Divided binding is already placed as wanted', () => {
      const decision = decide({ binding: binding(nginxPlacement), previous: firstNginxDecision(), now: at(5) })!;
      expect(decision.changed).to.equal(false);
      expect(decision).to.not.have.property('trigger');
      expect(decision.placement.lastScheduledTime).to.equal(t0);
    });

    it('re-divides when the binding is scaled', () => {
      const decision = decide({ binding: binding(nginxPlacement, 5), previous: firstNginxDecision(), now: at(5) })!;
      expect(decision.trigger).to.equal('ReplicasChanged');
      expect(decision.changed).to.equal(true);
      expect(decision.placement.clusters.map((c) => c.replicas).reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).to.equal(5);
      expect(decision.placement.scheduledCondition?.lastTransitionTime).to.equal(t0);
      expect(decision.placement.lastScheduledTime).to.equal(at(5));
    });

    it('reschedules Duplicated bindings on every look, recording only a different result', () => {
      const first = decide({ binding: binding(duplicated) })!;
      expect(first.placement.clusters).to.deep.equal([{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 2 }]);
      const again = decide({ binding: binding(duplicated), previous: first.placement, now: at(1) })!;
      expect(again.trigger).to.equal('AlwaysRescheduled');
      expect(again.changed).to.equal(false);
    });

    it('clears the clusters on a FitError', () => {
      const decision = decide({ binding: binding(duplicated), previous: firstNginxDecision() }, [cluster('member3')])!;
      expect(decision.placement.clusters).to.deep.equal([]);
      expect(decision.placement.scheduledCondition).to.deep.include({ status: 'False', reason: 'NoClusterFit' });
    });

    it('keeps the clusters when the replicas do not fit (Unschedulable)', () => {
      const aggregated: Placement = { clusterAffinity: { clusterNames }, replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } };
      const previous = firstNginxDecision();
      const decision = decide({ binding: binding(aggregated, 500), previous }, [cluster('member1', { pods: 10 }), cluster('member2', { pods: 10 })])!;
      expect(decision.placement.scheduledCondition).to.deep.include({ status: 'False', reason: 'Unschedulable' });
      expect(decision.placement.clusters).to.deep.equal(previous.clusters);
      expect(decision.placement.appliedPlacement).to.equal(previous.appliedPlacement);
    });

    it('does not schedule a binding no policy claims, nor one being deleted', () => {
      expect(decide({ binding: binding(nginxPlacement, 2, { claimed: false }) })).to.equal(undefined);
      expect(decide({ binding: binding(nginxPlacement, 2, { deleting: true }), previous: firstNginxDecision() })).to.equal(undefined);
      const kept = decide({ binding: binding(nginxPlacement, 4, { claimed: false }), previous: firstNginxDecision() })!;
      expect(kept.changed).to.equal(false);
    });
  });

  describe('NoExecute taints', () => {
    const taintedMember1 = [cluster('member1', { taints: [noExecute] }), cluster('member2')];

    it('evicts the binding from an untolerated cluster and reschedules it onto the rest', () => {
      const decision = decide({ binding: binding(nginxPlacement), previous: firstNginxDecision(), now: at(10) }, taintedMember1)!;
      expect(decision.evicted).to.deep.equal(['member1']);
      expect(decision.trigger).to.equal('ReplicasChanged');
      expect(decision.placement.clusters).to.deep.equal([{ name: 'member2', replicas: 2 }]);
      expect(decision.placement.gracefulEvictionTasks).to.deep.equal([
        { fromCluster: 'member1', purgeMode: 'Gracefully', reason: 'TaintUntolerated', producer: 'TaintManager', replicas: 1, creationTimestamp: at(10) },
      ]);
      expect(decision.wakeAt).to.equal(at(610));
      const member1 = decision.explanation?.find((e) => e.cluster === 'member1');
      expect(member1?.rejectedBy?.plugin).to.be.oneOf(['TaintToleration', 'ClusterEviction']);
    });

    it('waits for tolerationSeconds before evicting', () => {
      const tolerating: Placement = { ...nginxPlacement, clusterTolerations: [{ key: noExecute.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] };
      const previous = decide({ binding: binding(tolerating) })!.placement;
      const early = decide({ binding: binding(tolerating), previous, now: at(10) }, taintedMember1)!;
      expect(early.evicted).to.deep.equal([]);
      expect(early.changed).to.equal(false);
      expect(Date.parse(early.wakeAt!)).to.equal(Date.parse(at(30)));
      const due = decide({ binding: binding(tolerating), previous, now: at(30) }, taintedMember1)!;
      expect(due.evicted).to.deep.equal(['member1']);
    });

    it('evicts nothing with failover switched off, globally or by the policy', () => {
      const previous = firstNginxDecision();
      const off = decidePlacement({ binding: binding(nginxPlacement), previous, clusters: buildClusterSnapshot(taintedMember1), health: [], now: at(10), failover: { enabled: false } })!;
      expect(off.evicted).to.deep.equal([]);
      const applicationOnly = decide({ binding: binding(nginxPlacement, 2, { failover: { application: { decisionConditions: { tolerationSeconds: 60 } } } }), previous, now: at(10) }, taintedMember1)!;
      expect(applicationOnly.evicted).to.deep.equal([]);
      const withCluster = decide({ binding: binding(nginxPlacement, 2, { failover: { cluster: { purgeMode: 'Directly' } } }), previous, now: at(10) }, taintedMember1)!;
      expect(withCluster.placement.gracefulEvictionTasks[0]?.purgeMode).to.equal('Directly');
    });

    it('drops the eviction task once the new clusters are healthy', () => {
      const evicted = decide({ binding: binding(nginxPlacement), previous: firstNginxDecision(), now: at(10) }, taintedMember1)!.placement;
      const health: AggregatedStatusItem[] = [{ clusterName: 'member2', health: 'Healthy' }];
      const decision = decide({ binding: binding(nginxPlacement), previous: evicted, now: at(20), health }, taintedMember1)!;
      expect(decision.changed).to.equal(true);
      expect(decision.placement.gracefulEvictionTasks).to.deep.equal([]);
      expect(decision.placement.clusters).to.deep.equal([{ name: 'member2', replicas: 2 }]);
    });

    it('drops the eviction task after the grace period', () => {
      const evicted = decide({ binding: binding(nginxPlacement), previous: firstNginxDecision(), now: at(10) }, taintedMember1)!.placement;
      expect(decide({ binding: binding(nginxPlacement), previous: evicted, now: at(609) }, taintedMember1)!.changed).to.equal(false);
      expect(decide({ binding: binding(nginxPlacement), previous: evicted, now: at(610) }, taintedMember1)!.placement.gracefulEvictionTasks).to.deep.equal([]);
    });
  });

  describe('application failover', () => {
    const withApplicationFailover = binding(nginxPlacement, 2, {
      failover: { application: { decisionConditions: { tolerationSeconds: 30 }, purgeMode: 'Gracefully', gracePeriodSeconds: 60 } },
    });
    const member1Unhealthy: AggregatedStatusItem[] = [
      { clusterName: 'member1', health: 'Unhealthy' },
      { clusterName: 'member2', health: 'Healthy' },
    ];

    it('records since when the workload is Unhealthy and wakes up when the tolerance ends', () => {
      const decision = decide({ binding: withApplicationFailover, previous: firstNginxDecision(), health: member1Unhealthy, now: at(10) })!;
      expect(decision.changed).to.equal(true);
      expect(decision.placement.unhealthySince).to.deep.equal({ member1: at(10) });
      expect(decision.wakeAt).to.equal(at(40));
      expect(decision.failedApplications).to.deep.equal([]);
    });

    it('evicts the cluster after tolerationSeconds and reschedules onto the rest', () => {
      const watching = decide({ binding: withApplicationFailover, previous: firstNginxDecision(), health: member1Unhealthy, now: at(10) })!.placement;
      const decision = decide({ binding: withApplicationFailover, previous: watching, health: member1Unhealthy, now: at(40) })!;
      expect(decision.failedApplications).to.deep.equal(['member1']);
      expect(decision.trigger).to.equal('ReplicasChanged');
      expect(decision.placement.clusters).to.deep.equal([{ name: 'member2', replicas: 2 }]);
      expect(decision.placement.gracefulEvictionTasks).to.deep.equal([
        {
          fromCluster: 'member1',
          purgeMode: 'Gracefully',
          reason: 'ApplicationFailure',
          producer: 'resource-binding-application-failover-controller',
          replicas: 1,
          gracePeriodSeconds: 60,
          creationTimestamp: at(40),
        },
      ]);
      expect(decision.placement).to.not.have.property('unhealthySince');
      expect(decision.wakeAt).to.equal(at(100));
    });

    it('forgets the watch when the workload recovers in time', () => {
      const watching = decide({ binding: withApplicationFailover, previous: firstNginxDecision(), health: member1Unhealthy, now: at(10) })!.placement;
      const healthy: AggregatedStatusItem[] = [{ clusterName: 'member1', health: 'Healthy' }, { clusterName: 'member2', health: 'Healthy' }];
      const decision = decide({ binding: withApplicationFailover, previous: watching, health: healthy, now: at(20) })!;
      expect(decision.changed).to.equal(true);
      expect(decision.placement).to.deep.equal(firstNginxDecision());
    });

    it('does nothing with failover switched off globally', () => {
      const off = decidePlacement({
        binding: withApplicationFailover,
        previous: { ...firstNginxDecision(), unhealthySince: { member1: t0 } },
        clusters: buildClusterSnapshot(healthyClusters),
        health: member1Unhealthy,
        now: at(100),
        failover: { enabled: false },
      })!;
      expect(off.failedApplications).to.deep.equal([]);
      expect(off.placement.clusters).to.deep.equal(firstNginxDecision().clusters);
      expect(off.placement).to.not.have.property('unhealthySince');
    });
  });

  describe('failback', () => {
    const withFailback = (replicas = 4) => {
      const b = binding(nginxPlacement, replicas);
      return { ...b, spec: { ...b.spec, failback: { enabled: true } } };
    };
    const readyCluster = (name: string, taints?: Taint[]): Cluster => {
      const c = cluster(name, taints ? { taints } : {});
      return { ...c, status: { ...c.status, conditions: [...(c.status?.conditions ?? []), { type: 'Ready', status: 'True', reason: 'ClusterReady', message: '', lastTransitionTime: t0 }] } };
    };
    const member2Down = [readyCluster('member1'), readyCluster('member2', [noExecute])];
    const bothUp = [readyCluster('member1'), readyCluster('member2')];
    const original = [{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 2 }];
    const healthy = (...names: string[]): AggregatedStatusItem[] => names.map((clusterName) => ({ clusterName, health: 'Healthy' }));

    /** Placed 2 + 2, member2 evicted (member1 runs all 4), its eviction task done. */
    function failedOver(): PlacementRecord {
      const first = decide({ binding: withFailback() }, bothUp)!.placement;
      const evicted = decide({ binding: withFailback(), previous: first, now: at(10) }, member2Down)!;
      expect(evicted.placement.clusters).to.deep.equal([{ name: 'member1', replicas: 4 }]);
      expect(evicted.placement.failback).to.deep.equal({ clusters: original, evictedClusters: ['member2'], replicas: 4, appliedPlacement: first.appliedPlacement });
      const done = decide({ binding: withFailback(), previous: evicted.placement, health: healthy('member1'), now: at(20) }, member2Down)!;
      expect(done.placement.gracefulEvictionTasks).to.deep.equal([]);
      expect(done.failback).to.equal('Waiting');
      return done.placement;
    }

    it('brings the replicas back once the cluster recovers, the replacements staying until the original clusters are healthy', () => {
      const started = decide({ binding: withFailback(), previous: failedOver(), health: healthy('member1'), now: at(30) }, bothUp)!;
      expect(started.failback).to.equal('Started');
      expect(started).to.not.have.property('trigger');
      expect(started.placement.clusters).to.deep.equal([{ name: 'member1', replicas: 4 }, { name: 'member2', replicas: 2 }]);
      expect(started.placement.failback?.returningSince).to.equal(at(30));
      expect(started.wakeAt).to.equal(at(630));

      const returning = decide({ binding: withFailback(), previous: started.placement, health: healthy('member1'), now: at(40) }, bothUp)!;
      expect(returning.failback).to.equal('Returning');
      expect(returning.changed).to.equal(false);

      const completed = decide({ binding: withFailback(), previous: started.placement, health: healthy('member1', 'member2'), now: at(50) }, bothUp)!;
      expect(completed.failback).to.equal('Completed');
      expect(completed.placement.clusters).to.deep.equal(original);
      expect(completed.placement).to.not.have.property('failback');
      expect(completed.placement.gracefulEvictionTasks).to.deep.equal([]);
    });

    it('leaves the replicas where they are without failback.enabled (Karmada)', () => {
      const first = decide({ binding: binding(nginxPlacement, 4) }, bothUp)!.placement;
      const evicted = decide({ binding: binding(nginxPlacement, 4), previous: first, now: at(10) }, member2Down)!.placement;
      expect(evicted).to.not.have.property('failback');
      const later = decide({ binding: binding(nginxPlacement, 4), previous: evicted, health: healthy('member1'), now: at(700) }, bothUp)!;
      expect(later.placement.clusters).to.deep.equal([{ name: 'member1', replicas: 4 }]);
    });

    it('hands a returning binding that is scaled back to the scheduler', () => {
      const started = decide({ binding: withFailback(), previous: failedOver(), health: healthy('member1'), now: at(30) }, bothUp)!.placement;
      const scaled = decide({ binding: withFailback(5), previous: started, health: healthy('member1'), now: at(40) }, bothUp)!;
      expect(scaled.failback).to.equal('Abandoned');
      expect(scaled.trigger).to.equal('ReplicasChanged');
      expect(scaled.placement).to.not.have.property('failback');
      expect(scaled.placement.clusters.reduce((sum, c) => sum + (c.replicas ?? 0), 0)).to.equal(5);
    });

    it('hands a returning binding rescheduled by a user (WorkloadRebalancer) back to the scheduler', () => {
      const started = decide({ binding: withFailback(), previous: failedOver(), health: healthy('member1'), now: at(30) }, bothUp)!.placement;
      const fresh = withFailback();
      const rescheduled = decide({ binding: { ...fresh, spec: { ...fresh.spec, rescheduleTriggeredAt: at(35) } }, previous: started, now: at(40) }, bothUp)!;
      expect(rescheduled.trigger).to.equal('RescheduleTriggered');
      expect(rescheduled.failback).to.equal('Abandoned');
      expect(rescheduled.placement).to.not.have.property('failback');
      expect(rescheduled.placement.clusters.reduce((sum, c) => sum + (c.replicas ?? 0), 0)).to.equal(4);
    });

    it('forgets the original placement when its workload failed there', () => {
      const failover = { application: { decisionConditions: { tolerationSeconds: 0 }, purgeMode: 'Directly' as const }, cluster: {} };
      const b = withFailback();
      const both = { ...b, spec: { ...b.spec, failover } };
      const first = decide({ binding: both }, bothUp)!.placement;
      const evicted = decide({ binding: both, previous: first, now: at(10) }, member2Down)!.placement;
      expect(evicted.failback?.clusters).to.deep.equal(original);
      const failed = decide({ binding: both, previous: evicted, health: [{ clusterName: 'member1', health: 'Unhealthy' }], now: at(20) }, member2Down)!;
      expect(failed.failedApplications).to.deep.equal(['member1']);
      expect(failed.placement).to.not.have.property('failback');
    });
  });
});

describe('clusterFailoverEnabled', () => {
  const cases: { name: string; failover: FailoverBehavior | undefined; global: boolean; want: boolean }[] = [
    { name: 'on by default', failover: undefined, global: true, want: true },
    { name: 'off globally', failover: undefined, global: false, want: false },
    { name: 'a policy with cluster failover', failover: { cluster: {} }, global: true, want: true },
    { name: 'a policy with application failover only', failover: { application: {} }, global: true, want: false },
    { name: 'the global switch wins', failover: { cluster: {} }, global: false, want: false },
  ];
  for (const c of cases) it(c.name, () => expect(clusterFailoverEnabled(c.failover, c.global)).to.equal(c.want));
});

describe('takesBinding', () => {
  it('takes bindings claimed by a policy for the default scheduler only', () => {
    expect(takesBinding(binding(nginxPlacement))).to.equal(true);
    expect(takesBinding(binding(nginxPlacement, 2, { claimed: false }))).to.equal(false);
    const other = binding(nginxPlacement);
    expect(takesBinding({ ...other, spec: { ...other.spec, schedulerName: 'my-scheduler' } })).to.equal(false);
  });
});

describe('samePlacement', () => {
  it('ignores when the decision was taken, not what it is', () => {
    const record = firstNginxDecision();
    const later: PlacementRecord = { ...record, lastScheduledTime: at(99), scheduledCondition: { ...record.scheduledCondition!, lastTransitionTime: at(99) } };
    expect(samePlacement(record, later)).to.equal(true);
    expect(samePlacement(record, { ...record, clusters: [{ name: 'member1', replicas: 2 }] })).to.equal(false);
  });
});
