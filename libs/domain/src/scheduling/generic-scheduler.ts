import type { TargetCluster } from '../api/work.js';
import { assignReplicas } from './assign-replicas.js';
import { buildCandidates } from './candidate-clusters.js';
import type { ClusterSnapshot, ClusterView } from './cluster-snapshot.js';
import { compareNames } from './compare-names.js';
import { AttemptRecord, type ClusterExplanation } from './explanation.js';
import type { FilterPlugin, PluginResult, SchedulerPlugin, SchedulingContext, ScorePlugin } from './framework.js';
import type { ReplicaRequest } from './general-estimator.js';
import { failed, succeeded, wrapped } from './outcome.js';
import { fitErrorMessage, type SchedulingOutcome } from './scheduling-error.js';
import { selectBestClusters } from './select-clusters.js';

/** One scheduling attempt: the outcome and what became of every cluster. */
export interface Attempt {
  readonly outcome: SchedulingOutcome<TargetCluster[]>;
  readonly explanations: readonly ClusterExplanation[];
}

/**
 * Karmada's genericScheduler.Schedule over one snapshot: filter → score → select → assign, each failure wrapped with
 * its step as Karmada words it. The plugins are split by role once and reused for every attempt.
 */
export class GenericScheduler {
  private readonly filters: readonly FilterPlugin[];
  private readonly scorers: readonly ScorePlugin[];

  constructor(
    private readonly snapshot: ClusterSnapshot,
    plugins: readonly SchedulerPlugin[],
    private readonly request: ReplicaRequest | undefined,
    private readonly keepEmptyClusters: boolean,
  ) {
    this.filters = plugins.filter((plugin): plugin is SchedulerPlugin & FilterPlugin => typeof plugin.filter === 'function');
    this.scorers = plugins.filter((plugin): plugin is SchedulerPlugin & ScorePlugin => typeof plugin.score === 'function');
  }

  run(context: SchedulingContext): Attempt {
    const record = new AttemptRecord(this.snapshot, context);
    const feasible: ClusterView[] = [];
    const rejected: PluginResult[] = [];
    for (const cluster of this.snapshot.clusters) {
      if (cluster.deleting) continue;
      if (this.filter(context, cluster, record)) feasible.push(cluster);
      else rejected.push(record.rejections[cluster.index]!);
    }
    if (feasible.length === 0) {
      return { outcome: failed('FitError', fitErrorMessage(this.snapshot.clusters.length, rejected)), explanations: record.explain() };
    }

    const candidates = buildCandidates(
      feasible.map((view) => ({ view, score: this.score(context, view) })),
      context,
      this.request,
    );
    for (const candidate of candidates) record.candidates[candidate.view.index] = candidate;

    const selection = wrapped(selectBestClusters(candidates, context.placement, context.spec.replicas ?? 0), 'failed to select clusters');
    if (!selection.ok) return { outcome: selection, explanations: record.explain() };
    for (const candidate of selection.value) record.selected[candidate.view.index] = 1;

    const assignment = wrapped(assignReplicas(selection.value, context), 'failed to assign replicas');
    if (!assignment.ok) return { outcome: assignment, explanations: record.explain() };
    record.assignment = assignment.value;
    const targets = this.keepEmptyClusters ? withEmptyClusters(assignment.value, selection.value) : assignment.value;
    return { outcome: succeeded(targets), explanations: record.explain() };
  }

  /** Runs the filters until the first failure, as Karmada does; records it and returns false, or returns true. */
  private filter(context: SchedulingContext, cluster: ClusterView, record: AttemptRecord): boolean {
    for (const plugin of this.filters) {
      const result = plugin.filter(context, cluster);
      if (result.code !== 'Success') {
        record.rejectedBy[cluster.index] = plugin.name;
        record.rejections[cluster.index] = result;
        return false;
      }
    }
    return true;
  }

  private score(context: SchedulingContext, cluster: ClusterView): number {
    let total = 0;
    for (const plugin of this.scorers) total += plugin.score(context, cluster);
    return total;
  }
}

function withEmptyClusters(targets: readonly TargetCluster[], selected: readonly { name: string }[]): TargetCluster[] {
  const present = new Set(targets.map(({ name }) => name));
  const empty = selected.filter(({ name }) => !present.has(name)).map(({ name }) => ({ name }));
  return [...targets, ...empty].sort((a, b) => compareNames(a.name, b.name));
}

