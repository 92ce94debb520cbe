import type { ClusterExplanation, ClusterVerdict } from './explanation.js';

/**
 * What became of one cluster in a decision, as explain and preview show it (beyond Karmada): Selected (a target of
 * the decision), Feasible (passed every filter, not chosen), Rejected (a filter plugin said no), Deleting (never
 * considered).
 */
export type ClusterResult = 'Selected' | 'Feasible' | 'Rejected' | 'Deleting';

export interface ExplainedCluster {
  readonly cluster: string;
  readonly result: ClusterResult;
  /** Rejected only: the filter plugin and its reasons (Karmada's wording first, then ours, if any). */
  readonly rejectedBy?: { readonly plugin: string; readonly reasons: readonly string[] };
  readonly score?: number;
  /** Workloads only. */
  readonly availableReplicas?: number;
  readonly assignedReplicas?: number;
}

/**
 * An explanation as a PlacementDecided event records it: without the verdict, a filter's detail appended to its
 * reasons. Structurally the contracts' ClusterExplanationJson.
 */
export interface RecordedClusterExplanation {
  readonly cluster: string;
  readonly rejectedBy?: { readonly plugin: string; readonly reasons: readonly string[] };
  readonly score?: number;
  readonly availableReplicas?: number;
  readonly assignedReplicas?: number;
}

const resultOfVerdict = {
  Deleting: 'Deleting',
  Filtered: 'Rejected',
  NotSelected: 'Feasible',
  Selected: 'Selected',
} as const satisfies Record<ClusterVerdict, ClusterResult>;

/** The scheduler's own explanation of a cluster, shown; the detail of a rejection becomes its last reason. */
export function explainCluster(explanation: ClusterExplanation): ExplainedCluster {
  const { cluster, rejectedBy, score, availableReplicas, assignedReplicas } = explanation;
  // A workload selected in an attempt whose assignment failed got no replicas: it is no target of the decision.
  const unassigned = explanation.verdict === 'Selected' && availableReplicas !== undefined && assignedReplicas === undefined;
  return withFigures(
    {
      cluster,
      result: unassigned ? 'Feasible' : resultOfVerdict[explanation.verdict],
      ...(rejectedBy ? { rejectedBy: { plugin: rejectedBy.plugin, reasons: rejectedBy.detail ? [...rejectedBy.reasons, rejectedBy.detail] : rejectedBy.reasons } } : {}),
    },
    { score, availableReplicas, assignedReplicas },
  );
}

/**
 * A recorded explanation, shown. The verdict is worked out from what was recorded: a rejection names its plugin;
 * every cluster that passed the filters was scored, so a cluster with neither was being deleted; a workload's
 * target got replicas assigned; a non-workload's target is among the decision's `targets`.
 */
export function explainRecordedCluster(recorded: RecordedClusterExplanation, targets: ReadonlySet<string>): ExplainedCluster {
  const { cluster, rejectedBy, score, availableReplicas, assignedReplicas } = recorded;
  const figures = { score, availableReplicas, assignedReplicas };
  if (rejectedBy) return { cluster, result: 'Rejected', rejectedBy: { plugin: rejectedBy.plugin, reasons: rejectedBy.reasons } };
  if (score === undefined) return { cluster, result: 'Deleting' };
  const selected = assignedReplicas !== undefined || (availableReplicas === undefined && targets.has(cluster));
  return withFigures({ cluster, result: selected ? 'Selected' : 'Feasible' }, figures);
}

function withFigures(
  explained: ExplainedCluster,
  figures: { readonly score: number | undefined; readonly availableReplicas: number | undefined; readonly assignedReplicas: number | undefined },
): ExplainedCluster {
  return {
    ...explained,
    ...(figures.score !== undefined ? { score: figures.score } : {}),
    ...(figures.availableReplicas !== undefined ? { availableReplicas: figures.availableReplicas } : {}),
    ...(figures.assignedReplicas !== undefined ? { assignedReplicas: figures.assignedReplicas } : {}),
  };
}
