import type { Cluster } from '../api/cluster.js';
import { ClusterConditionType } from '../api/cluster.js';
import type { ResourceList, Taint } from '../api/meta.js';
import { quantityMilliValue, quantityValue, tryParseQuantity } from '../quantity/quantity.js';
import { compareNames } from './compare-names.js';
import { MAX_SAFE_BIGINT, toNumberIfSafe } from './safe-integer.js';

/**
 * What the scheduler needs to know about one cluster, worked out once per snapshot so that scheduling a binding
 * never re-parses quantities or rescans API lists.
 */
export interface ClusterView {
  readonly name: string;
  /** Position in the snapshot: comparing positions compares names, without comparing strings. */
  readonly index: number;
  readonly cluster: Cluster;
  readonly deleting: boolean;
  readonly labels: Readonly<Record<string, string>>;
  /** '' when unset, as in Go. */
  readonly provider: string;
  readonly region: string;
  /** provider and region as a key/value map (unset fields absent), for field selectors. */
  readonly fields: Readonly<Record<string, string>>;
  readonly zones: readonly string[];
  /** The taints the scheduler cares about: NoSchedule and NoExecute. */
  readonly schedulingTaints: readonly Taint[];
  /** servedKindKey(groupVersion, kind) of every listed API. */
  readonly servedKinds: ReadonlySet<string>;
  /** CompleteAPIEnablements=True: an API missing from the list is known to be disabled rather than unknown. */
  readonly completeApiEnablements: boolean;
  /** From status.resourceSummary; undefined when the cluster reports none. */
  readonly capacity: ClusterCapacity | undefined;
}

/** Free room on a cluster: allocatable − allocated − allocating, per resource. */
export interface ClusterCapacity {
  readonly allowedPods: number;
  /**
   * Free amount per allocatable resource, in the unit the estimator divides in: millicores for cpu, Quantity.Value()
   * for everything else; 0 when nothing is left. A bigint only when the amount exceeds Number.MAX_SAFE_INTEGER.
   */
  readonly available: ReadonlyMap<string, number | bigint>;
}

/** Every cluster of one moment, sorted by name, so decisions never depend on the order clusters arrived in. */
export interface ClusterSnapshot {
  readonly kind: 'ClusterSnapshot';
  readonly clusters: readonly ClusterView[];
  readonly byName: ReadonlyMap<string, ClusterView>;
}

/** Karmada's APIEnablementStatus of one API on one cluster. */
export type ApiEnablementVerdict = 'APIEnabled' | 'APIDisabled' | 'APIUnknown';

export function buildClusterSnapshot(clusters: readonly Cluster[]): ClusterSnapshot {
  const latest = new Map<string, Cluster>();
  for (const cluster of clusters) latest.set(cluster.metadata.name ?? '', cluster);
  const sorted = [...latest.keys()].sort(compareNames).map((name, index) => viewOf(latest.get(name)!, index));
  return { kind: 'ClusterSnapshot', clusters: sorted, byName: new Map(sorted.map((view) => [view.name, view])) };
}

export function isClusterSnapshot(value: readonly Cluster[] | ClusterSnapshot): value is ClusterSnapshot {
  return !Array.isArray(value) && (value as ClusterSnapshot).kind === 'ClusterSnapshot';
}

export function servedKindKey(groupVersion: string, kind: string): string {
  return `${groupVersion}\n${kind}`;
}

/**
 * Karmada's Cluster.APIEnablement for servedKindKey(apiVersion, kind): listed → enabled; unlisted → disabled only if
 * the list is known to be complete, unknown otherwise.
 */
export function apiEnablementOf(view: ClusterView, servedKind: string): ApiEnablementVerdict {
  if (view.servedKinds.has(servedKind)) return 'APIEnabled';
  return view.completeApiEnablements ? 'APIDisabled' : 'APIUnknown';
}

function viewOf(cluster: Cluster, index: number): ClusterView {
  const servedKinds = new Set<string>();
  for (const enablement of cluster.status?.apiEnablements ?? []) {
    for (const resource of enablement.resources ?? []) servedKinds.add(servedKindKey(enablement.groupVersion, resource.kind));
  }
  const summary = cluster.status?.resourceSummary;
  const fields: Record<string, string> = {};
  if (cluster.spec.provider) fields['provider'] = cluster.spec.provider;
  if (cluster.spec.region) fields['region'] = cluster.spec.region;
  return {
    name: cluster.metadata.name ?? '',
    index,
    cluster,
    deleting: Boolean(cluster.metadata.deletionTimestamp),
    labels: cluster.metadata.labels ?? {},
    provider: cluster.spec.provider ?? '',
    region: cluster.spec.region ?? '',
    fields,
    zones: cluster.spec.zones ?? [],
    schedulingTaints: (cluster.spec.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
    servedKinds,
    completeApiEnablements: (cluster.status?.conditions ?? []).some(
      (c) => c.type === ClusterConditionType.CompleteAPIEnablements && c.status === 'True',
    ),
    capacity: summary ? capacityOf(summary.allocatable ?? {}, summary.allocated ?? {}, summary.allocating ?? {}) : undefined,
  };
}

/**
 * Mirrors the general estimator's arithmetic: pods by Value() each, then subtracted; every other resource subtracted
 * exactly, then rounded away from zero (cpu to millicores). A quantity that does not parse counts as zero.
 */
function capacityOf(allocatable: ResourceList, allocated: ResourceList, allocating: ResourceList): ClusterCapacity {
  const pods = quantityValue(nanosOf(allocatable, 'pods')) - quantityValue(nanosOf(allocated, 'pods')) - quantityValue(nanosOf(allocating, 'pods'));
  const available = new Map<string, number | bigint>();
  for (const resource of Object.keys(allocatable)) {
    const free = nanosOf(allocatable, resource) - nanosOf(allocated, resource) - nanosOf(allocating, resource);
    available.set(resource, free <= 0n ? 0 : toNumberIfSafe(resource === 'cpu' ? quantityMilliValue(free) : quantityValue(free)));
  }
  return { allowedPods: pods <= 0n ? 0 : Number(pods > MAX_SAFE_BIGINT ? MAX_SAFE_BIGINT : pods), available };
}

function nanosOf(list: ResourceList, resource: string): bigint {
  const text = Object.hasOwn(list, resource) ? list[resource] : undefined;
  return (text === undefined ? undefined : tryParseQuantity(text)) ?? 0n;
}
