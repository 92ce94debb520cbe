import type { PlacementDecidedData } from '@karmada-ts/contracts';
import { explainRecordedDecision, type ExplainedCluster } from '@karmada-ts/domain';
import type { ExplainTarget } from './explain-path.js';

/** What `GET /explain/...` answers: the binding's last scheduling decision, cluster by cluster. */
export interface PlacementExplanation {
  readonly kind: 'PlacementExplanation';
  readonly binding: ExplainTarget;
  /** The Scheduled condition the decision set ({} when the scheduler never ran for the binding). */
  readonly scheduledCondition: Readonly<Record<string, unknown>>;
  /** When the decision was taken: the time of its PlacementDecided event. */
  readonly decidedAt: string;
  /** The binding generation (its `binding` subject sequence) the decision answered. */
  readonly observedBindingSeq: number;
  readonly clusters: readonly ExplainedCluster[];
  /** The Scheduled condition's message: Karmada's summary ("0/5 clusters are available: …"). */
  readonly summary: string;
}

/** The explanation of one recorded decision. */
export function placementExplanation(binding: ExplainTarget, decided: { readonly time: string; readonly data: PlacementDecidedData }): PlacementExplanation {
  const { data } = decided;
  const targets = new Set(data.clusters.map((target) => target.name));
  const message = data.scheduledCondition['message'];
  return {
    kind: 'PlacementExplanation',
    binding,
    scheduledCondition: data.scheduledCondition,
    decidedAt: decided.time,
    observedBindingSeq: data.observedBindingSeq,
    clusters: explainRecordedDecision(data, targets),
    summary: typeof message === 'string' ? message : '',
  };
}
