import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { Placement } from '../api/policy.js';
import { clusterChange, requeuedByClusterChange, type ClusterChange, type RequeueFacts } from './cluster-requeue.js';
import { cluster } from './fixtures.spec.js';

const m1 = cluster('m1', { labels: { env: 'prod' } });
const relabelled = cluster('m1', { labels: { env: 'dev' } });
const tainted = cluster('m1', { labels: { env: 'prod' }, taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' }] });
const fuller = cluster('m1', { labels: { env: 'prod' }, allocated: { pods: '100' } });
const heartbeat: Cluster = { ...m1, status: { ...m1.status, nodeSummary: { totalNum: 3, readyNum: 3 } } };

describe('clusterChange', () => {
  const cases: { name: string; before: Cluster | undefined; after: Cluster | undefined; want: ClusterChange }[] = [
    { name: 'a new cluster', before: undefined, after: m1, want: 'Spec' },
    { name: 'a removed cluster', before: m1, after: undefined, want: 'Spec' },
    { name: 'labels', before: m1, after: relabelled, want: 'Spec' },
    { name: 'taints (controller taints are merged into the spec)', before: m1, after: tainted, want: 'Spec' },
    { name: 'deletion', before: m1, after: { ...m1, metadata: { ...m1.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }, want: 'Spec' },
    { name: 'capacity', before: m1, after: fuller, want: 'Status' },
    { name: 'what scheduling never reads', before: m1, after: heartbeat, want: 'None' },
  ];
  for (const c of cases) it(c.name, () => expect(clusterChange(c.before, c.after)).to.equal(c.want));
});

describe('requeuedByClusterChange', () => {
  const facts = (placement: Placement | undefined, more: Partial<RequeueFacts> = {}): RequeueFacts => ({ placement, targets: [], unschedulable: false, ...more });
  const prod: Placement = { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } } };
  const dev: Placement = { clusterAffinity: { labelSelector: { matchLabels: { env: 'dev' } } } };
  const other: Placement = { clusterAffinity: { clusterNames: ['m9'] } };
  const cases: { name: string; binding: RequeueFacts; before: Cluster | undefined; after: Cluster | undefined; want: boolean }[] = [
    { name: 'no affinity: every binding', binding: facts({}), before: m1, after: relabelled, want: true },
    { name: 'affinity matched the cluster before', binding: facts(prod), before: m1, after: relabelled, want: true },
    { name: 'affinity matches the cluster after', binding: facts(dev), before: m1, after: relabelled, want: true },
    { name: 'affinity matches neither', binding: facts(other), before: m1, after: relabelled, want: false },
    { name: 'placed on the cluster though the affinity no longer matches it', binding: facts(other, { targets: ['m1'] }), before: m1, after: tainted, want: true },
    {
      name: 'the observed clusterAffinities term decides',
      binding: facts({ clusterAffinities: [{ affinityName: 'a', clusterNames: ['m9'] }, { affinityName: 'b', clusterNames: ['m1'] }] }, { observedAffinityName: 'b' }),
      before: m1,
      after: relabelled,
      want: true,
    },
    { name: 'a capacity change leaves scheduled bindings alone', binding: facts(prod), before: m1, after: fuller, want: false },
    { name: 'a capacity change retries unschedulable bindings that may go there', binding: facts(prod, { unschedulable: true }), before: m1, after: fuller, want: true },
    { name: 'bindings without placement are never scheduled', binding: facts(undefined), before: m1, after: relabelled, want: false },
    { name: 'nothing relevant changed', binding: facts({}, { targets: ['m1'] }), before: m1, after: heartbeat, want: false },
  ];
  for (const c of cases) it(c.name, () => expect(requeuedByClusterChange(c.binding, c.before, c.after)).to.equal(c.want));
});
