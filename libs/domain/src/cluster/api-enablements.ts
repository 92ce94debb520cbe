import type { APIEnablement } from '../api/cluster.js';
import type { Condition } from '../api/meta.js';
import { ClusterConditionType } from '../api/cluster.js';

/** One group version's discovery answer: its resources, or the error that kept them from us. */
export type GroupVersionDiscovery =
  | { readonly groupVersion: string; readonly resources: readonly { name: string; kind: string }[] }
  | { readonly groupVersion: string; readonly error: string };

export interface ApiEnablementStatus {
  readonly apiEnablements: APIEnablement[];
  readonly condition: Omit<Condition, 'lastTransitionTime'>;
}

/**
 * Cluster.status.apiEnablements from discovery, sorted by group version and resource name as Karmada sorts them,
 * with subresources (`deployments/status`) left out; and the CompleteAPIEnablements condition: Complete when every
 * group version answered, Partial when some failed, Empty when none answered.
 */
export function apiEnablementStatus(discovered: readonly GroupVersionDiscovery[]): ApiEnablementStatus {
  const answered = discovered.filter((d): d is Extract<GroupVersionDiscovery, { resources: unknown }> => 'resources' in d);
  const apiEnablements = answered
    .map((d) => ({
      groupVersion: d.groupVersion,
      resources: d.resources
        .filter((r) => !r.name.includes('/'))
        .map((r) => ({ name: r.name, kind: r.kind }))
        .sort((a, b) => byteOrder(a.name, b.name)),
    }))
    .sort((a, b) => byteOrder(a.groupVersion, b.groupVersion));
  const failed = discovered.length - answered.length;
  const condition =
    answered.length === 0
      ? { reason: 'Empty', status: 'False' as const, message: 'collected empty APIEnablements from the cluster' }
      : failed > 0
        ? { reason: 'Partial', status: 'False' as const, message: `might collect partial APIEnablements(${apiEnablements.length}) from the cluster` }
        : { reason: 'Complete', status: 'True' as const, message: 'collected complete APIEnablements from the cluster' };
  return { apiEnablements, condition: { type: ClusterConditionType.CompleteAPIEnablements, ...condition } };
}

/** Go's string order (bytes), which Karmada's sort uses; localeCompare would order case and punctuation differently. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
