import type { TargetCluster } from '../api/work.js';
import type { CandidateCluster } from './candidate-clusters.js';
import type { ClusterSnapshot } from './cluster-snapshot.js';
import type { PluginResult, SchedulingContext } from './framework.js';

/**
 * What became of each cluster in the attempt that decided the result:
 * Deleting (never considered), Filtered (a filter plugin rejected it), NotSelected (feasible, but spread constraints
 * chose others, or selection failed), Selected (then assignedReplicas says what it got; 0 means it was dropped).
 */
export type ClusterVerdict = 'Deleting' | 'Filtered' | 'NotSelected' | 'Selected';

export interface ClusterExplanation {
  readonly cluster: string;
  readonly verdict: ClusterVerdict;
  readonly rejectedBy?: { readonly plugin: string; readonly reasons: readonly string[]; readonly detail?: string };
  readonly score?: number;
  /** Workloads only: estimated free replicas plus the replicas the binding already has there. */
  readonly availableReplicas?: number;
  /** Workloads only: estimated free replicas. */
  readonly allocatableReplicas?: number;
  /** Only when the affinity term has overflow affinities: 0 for the term itself, i for its i-th overflow affinity. */
  readonly overflowTier?: number;
  readonly assignedReplicas?: number;
}

/** What one attempt learnt about each cluster, by snapshot position; the explanations are built from it once, at the end. */
export class AttemptRecord {
  readonly rejectedBy: (string | undefined)[];
  readonly rejections: (PluginResult | undefined)[];
  readonly candidates: (CandidateCluster | undefined)[];
  readonly selected: Uint8Array;
  assignment: readonly TargetCluster[] | undefined;

  constructor(
    private readonly snapshot: ClusterSnapshot,
    private readonly context: SchedulingContext,
  ) {
    const size = snapshot.clusters.length;
    this.rejectedBy = new Array<string | undefined>(size);
    this.rejections = new Array<PluginResult | undefined>(size);
    this.candidates = new Array<CandidateCluster | undefined>(size);
    this.selected = new Uint8Array(size);
  }

  explain(): ClusterExplanation[] {
    // Most rejections share one result object (every affinity mismatch, say), so they share one rejectedBy too.
    const shared = new Map<PluginResult, NonNullable<ClusterExplanation['rejectedBy']>>();
    const rejectedBy = (plugin: string, result: PluginResult) => {
      let explained = shared.get(result);
      if (explained?.plugin !== plugin) {
        explained = result.detail === undefined ? { plugin, reasons: result.reasons } : { plugin, reasons: result.reasons, detail: result.detail };
        shared.set(result, explained);
      }
      return explained;
    };
    const workload = (this.context.spec.replicas ?? 0) > 0;
    const overflow = this.context.affinity?.overflow === true;
    const assigned = this.assignment && new Map(this.assignment.map((target) => [target.name, target.replicas]));
    return this.snapshot.clusters.map((cluster): ClusterExplanation => {
      const i = cluster.index;
      if (cluster.deleting) return { cluster: cluster.name, verdict: 'Deleting' };
      const rejection = this.rejections[i];
      if (rejection) return { cluster: cluster.name, verdict: 'Filtered', rejectedBy: rejectedBy(this.rejectedBy[i]!, rejection) };
      const candidate = this.candidates[i];
      const explanation: { -readonly [K in keyof ClusterExplanation]: ClusterExplanation[K] } = {
        cluster: cluster.name,
        verdict: this.selected[i] ? 'Selected' : 'NotSelected',
      };
      if (!candidate) return explanation;
      explanation.score = candidate.score;
      if (workload) {
        explanation.availableReplicas = candidate.availableReplicas;
        explanation.allocatableReplicas = candidate.allocatableReplicas;
      }
      if (overflow) explanation.overflowTier = candidate.overflowOrder;
      // Non-workloads carry no replica count; a workload's cluster missing from the result got 0.
      const replicas = assigned && this.selected[i] ? (assigned.has(cluster.name) ? assigned.get(cluster.name) : 0) : undefined;
      if (replicas !== undefined) explanation.assignedReplicas = replicas;
      return explanation;
    });
  }
}

