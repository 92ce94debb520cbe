import { compareNames } from './compare-names.js';
import { explainRecordedCluster, type ExplainedCluster, type RecordedClusterExplanation } from './explained-cluster.js';
import type { ClusterExplanation } from './explanation.js';

/**
 * The clusters one filter plugin rejected for the same reasons. A decision records its rejections grouped this way:
 * in a large fleet most clusters fail the same filter alike (every cluster outside a policy's affinity), and one
 * entry per cluster made the decision grow with the fleet, 12 KB of the same sentence at 100 members. Structurally
 * the contracts' RejectedClustersJson.
 */
export interface RecordedRejection {
  readonly plugin: string;
  readonly reasons: readonly string[];
  readonly clusters: readonly string[];
}

/** A decision's explanation as recorded: the clusters no filter rejected one by one, the rejected ones grouped. */
export interface RecordedExplanation {
  /** Every cluster no filter rejected (recordings made before the grouping also hold the rejected ones here). */
  readonly explanation: readonly RecordedClusterExplanation[];
  readonly rejected?: readonly RecordedRejection[];
}

/** Records the scheduler's explanations; a filter's detail becomes its last reason. */
export function recordExplanation(explanations: readonly ClusterExplanation[]): Required<RecordedExplanation> {
  const explanation: RecordedClusterExplanation[] = [];
  const groups = new Map<string, { plugin: string; reasons: readonly string[]; clusters: string[] }>();
  for (const { cluster, rejectedBy, score, availableReplicas, assignedReplicas } of explanations) {
    if (rejectedBy) {
      const reasons = rejectedBy.detail ? [...rejectedBy.reasons, rejectedBy.detail] : rejectedBy.reasons;
      const key = JSON.stringify([rejectedBy.plugin, reasons]);
      const group = groups.get(key);
      if (group) group.clusters.push(cluster);
      else groups.set(key, { plugin: rejectedBy.plugin, reasons, clusters: [cluster] });
      continue;
    }
    explanation.push({
      cluster,
      ...(score !== undefined ? { score } : {}),
      ...(availableReplicas !== undefined ? { availableReplicas } : {}),
      ...(assignedReplicas !== undefined ? { assignedReplicas } : {}),
    });
  }
  return { explanation, rejected: [...groups.values()] };
}

/** A recorded decision shown cluster by cluster, in name order as the scheduler saw them. */
export function explainRecordedDecision(recorded: RecordedExplanation, targets: ReadonlySet<string>): ExplainedCluster[] {
  const rejected = (recorded.rejected ?? []).flatMap(({ plugin, reasons, clusters }) =>
    clusters.map((cluster): RecordedClusterExplanation => ({ cluster, rejectedBy: { plugin, reasons } })),
  );
  return [...recorded.explanation, ...rejected]
    .sort((a, b) => compareNames(a.cluster, b.cluster))
    .map((cluster) => explainRecordedCluster(cluster, targets));
}
