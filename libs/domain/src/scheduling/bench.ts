import type { Cluster } from '../api/cluster.js';
import type { Taint } from '../api/meta.js';
import type { Placement } from '../api/policy.js';
import type { ResourceBindingSpec, TargetCluster } from '../api/work.js';
import { buildClusterSnapshot } from './cluster-snapshot.js';
import { schedule } from './schedule.js';

export interface BenchOptions {
  /** Candidate clusters in the snapshot. */
  readonly clusters: number;
  /** Decisions measured (after as many unmeasured warm-up decisions, capped at 500). */
  readonly bindings: number;
}

export interface BenchReport {
  readonly clusters: number;
  readonly decisions: number;
  readonly decisionsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Time to build the shared snapshot (parse every cluster once). */
  readonly snapshotMs: number;
  /** Condition reasons of the measured decisions, to check the mix did what it should. */
  readonly reasons: Readonly<Record<string, number>>;
  /** Mean and p99 per kind of placement in the mix. */
  readonly byPlacement: Readonly<Record<string, { readonly meanMs: number; readonly p99Ms: number }>>;
}

const REGIONS = 10;
const PROVIDERS = ['aws', 'gcp', 'azure'];
const ENVIRONMENTS = ['prod', 'staging', 'dev'];

/**
 * Scheduling throughput against one snapshot of `clusters` synthetic clusters, over a mix of placements: Duplicated
 * by label, dynamic and static weights, Aggregated with cluster spread, region spread, non-workloads everywhere,
 * clusterAffinities falling back, and large divided workloads with resource requests.
 * The workload is generated deterministically; `now` is the clock (milliseconds) the measurement reads.
 */
export function benchSchedule(options: BenchOptions, now: () => number = () => performance.now()): BenchReport {
  const clusters = Array.from({ length: options.clusters }, (_, i) => syntheticCluster(i));
  const snapshotStart = now();
  const snapshot = buildClusterSnapshot(clusters);
  const snapshotMs = now() - snapshotStart;
  const names = snapshot.clusters.map((c) => c.name);

  const warmUp = Math.min(options.bindings, 500);
  for (let i = 0; i < warmUp; i++) schedule({ spec: syntheticBinding(i, names), clusters: snapshot });

  const durations: number[] = [];
  const byKind = new Map<string, number[]>();
  const reasons: Record<string, number> = {};
  const start = now();
  for (let i = 0; i < options.bindings; i++) {
    const spec = syntheticBinding(warmUp + i, names);
    const before = now();
    const result = schedule({ spec, clusters: snapshot });
    const duration = now() - before;
    durations.push(duration);
    const kind = PLACEMENT_KINDS[(warmUp + i) % PLACEMENT_KINDS.length]!;
    const times = byKind.get(kind);
    if (times) times.push(duration);
    else byKind.set(kind, [duration]);
    reasons[result.condition.reason] = (reasons[result.condition.reason] ?? 0) + 1;
  }
  const elapsed = now() - start;
  return {
    clusters: options.clusters,
    decisions: options.bindings,
    decisionsPerSecond: elapsed > 0 ? Math.round((options.bindings * 1000) / elapsed) : Infinity,
    p50Ms: round(quantile(durations, 0.5)),
    p99Ms: round(quantile(durations, 0.99)),
    maxMs: round(quantile(durations, 1)),
    snapshotMs: round(snapshotMs),
    reasons,
    byPlacement: Object.fromEntries(
      [...byKind].map(([kind, times]) => [kind, { meanMs: round(times.reduce((a, b) => a + b, 0) / times.length), p99Ms: round(quantile(times, 0.99)) }]),
    ),
  };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function clusterName(i: number): string {
  return `member-${String(i).padStart(4, '0')}`;
}

function syntheticCluster(i: number): Cluster {
  const taints: Taint[] = i % 20 === 7 ? [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }] : [];
  const region = `region-${i % REGIONS}`;
  const pods = 500 + ((i * 37) % 2000);
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name: clusterName(i), labels: { env: ENVIRONMENTS[i % 3]!, tier: i % 4 === 0 ? 'gold' : 'silver' } },
    spec: { syncMode: i % 2 ? 'Pull' : 'Push', provider: PROVIDERS[i % 3]!, region, zones: [`${region}a`, `${region}b`], taints },
    status: {
      apiEnablements: [
        { groupVersion: 'v1', resources: [{ name: 'configmaps', kind: 'ConfigMap' }, { name: 'services', kind: 'Service' }] },
        { groupVersion: 'apps/v1', resources: [{ name: 'deployments', kind: 'Deployment' }, { name: 'statefulsets', kind: 'StatefulSet' }] },
        ...(i % 10 === 3 ? [] : [{ groupVersion: 'example.io/v1', resources: [{ name: 'widgets', kind: 'Widget' }] }]),
      ],
      conditions: [{ type: 'CompleteAPIEnablements', status: 'True', reason: 'Complete', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' }],
      resourceSummary: {
        allocatable: { pods: String(pods), cpu: `${64 + (i % 64)}`, memory: `${256 + (i % 256)}Gi` },
        allocated: { pods: String(i % 300), cpu: `${(i % 40) * 500}m`, memory: `${i % 100}Gi` },
        allocating: { pods: String(i % 7) },
      },
    },
  };
}

const dynamicWeight: Placement['replicaScheduling'] = { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } };
const aggregated: Placement['replicaScheduling'] = { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' };

const PLACEMENT_KINDS = [
  'duplicated-by-label',
  'dynamic-weight-5-clusters',
  'aggregated-2-regions-spread-by-cluster',
  'static-weight-3-clusters',
  'duplicated-spread-by-region',
  'configmap-everywhere',
  'affinity-fallback',
  'dynamic-weight-prod-100-replicas',
];

/** The i-th binding of the mix (PLACEMENT_KINDS in turn); a third of the weighted ones reschedule an earlier result. */
function syntheticBinding(i: number, names: readonly string[]): ResourceBindingSpec {
  const pick = (offset: number) => names[(i * 7919 + offset * 104729) % names.length]!;
  const resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: `ns-${i % 50}`, name: `app-${i}`, uid: `uid-${i}` };
  const requests = { resourceRequest: { cpu: `${100 + (i % 10) * 50}m`, memory: `${128 * (1 + (i % 8))}Mi` } };
  const previous = (replicas: number, count: number): TargetCluster[] =>
    i % 3 === 0 ? Array.from({ length: count }, (_, k) => ({ name: pick(k), replicas: Math.ceil(replicas / count) })) : [];
  switch (i % PLACEMENT_KINDS.length) {
    case 0:
      return { resource, replicas: 3, placement: { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod', tier: 'gold' } } } } };
    case 1:
      return { resource, replicas: 20, replicaRequirements: requests, clusters: previous(18, 4), placement: { clusterAffinity: { clusterNames: [pick(0), pick(1), pick(2), pick(3), pick(4)] }, replicaScheduling: dynamicWeight } };
    case 2:
      return {
        resource,
        replicas: 30,
        replicaRequirements: requests,
        placement: {
          clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: [`region-${i % REGIONS}`, `region-${(i + 1) % REGIONS}`] }] } },
          spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 3 }],
          replicaScheduling: aggregated,
        },
      };
    case 3:
      return {
        resource,
        replicas: 9,
        placement: {
          clusterAffinity: { clusterNames: [pick(0), pick(1), pick(2)] },
          clusterTolerations: [{ key: 'cluster.karmada.io/not-ready', operator: 'Exists' }],
          replicaScheduling: {
            replicaSchedulingType: 'Divided',
            replicaDivisionPreference: 'Weighted',
            weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: [pick(0)] }, weight: 1 }, { targetCluster: { clusterNames: [pick(1), pick(2)] }, weight: 2 }] },
          },
        },
      };
    case 4:
      return {
        resource,
        replicas: 2,
        placement: {
          clusterAffinity: { labelSelector: { matchLabels: { env: 'staging' } } },
          spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 3 }, { spreadByField: 'cluster', minGroups: 3, maxGroups: 5 }],
        },
      };
    case 5:
      return { resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: resource.namespace, name: `config-${i}`, uid: `uid-${i}` }, placement: {} };
    case 6:
      return {
        resource: { ...resource, apiVersion: 'example.io/v1', kind: 'Widget' },
        replicas: 4,
        replicaRequirements: requests,
        placement: {
          clusterAffinities: [
            { affinityName: 'pinned', clusterNames: [names[7]!] },
            { affinityName: 'region', fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: [`region-${i % REGIONS}`] }] } },
          ],
          replicaScheduling: dynamicWeight,
        },
      };
    default:
      return { resource, replicas: 100, replicaRequirements: requests, clusters: previous(90, 6), placement: { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } }, replicaScheduling: dynamicWeight } };
  }
}
