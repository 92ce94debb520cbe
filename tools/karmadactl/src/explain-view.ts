import type { ExplainedCluster } from '@karmada-ts/domain';
import { textTable } from './text-table.js';

/** The parts of the gateway's PlacementExplanation the command shows. */
export interface PlacementExplanationView {
  readonly kind: 'PlacementExplanation';
  readonly binding: { readonly kind: string; readonly namespace?: string; readonly name: string };
  readonly scheduledCondition: { readonly status?: string; readonly reason?: string };
  readonly decidedAt: string;
  readonly clusters: readonly ExplainedCluster[];
  readonly summary: string;
}

/** `karmadactl explain` as a table: one row per cluster, then the Scheduled condition and its message. */
export function explainLines(explanation: PlacementExplanationView): string[] {
  const figure = (value: number | undefined) => (value === undefined ? '' : String(value));
  const rows = explanation.clusters.map((c) => [
    c.cluster,
    c.result,
    c.rejectedBy?.plugin ?? '',
    c.rejectedBy?.reasons.join('; ') ?? '',
    figure(c.score),
    figure(c.availableReplicas),
    figure(c.assignedReplicas),
  ]);
  const { binding, scheduledCondition: condition } = explanation;
  const name = binding.namespace ? `${binding.namespace}/${binding.name}` : binding.name;
  const scheduled = condition.status ? `Scheduled=${condition.status}${condition.reason ? ` (${condition.reason})` : ''}` : 'never scheduled';
  return [
    ...(rows.length > 0 ? textTable(['CLUSTER', 'RESULT', 'PLUGIN', 'REASON', 'SCORE', 'AVAILABLE', 'ASSIGNED'], rows) : ['No clusters were considered.']),
    '',
    `${binding.kind} ${name}: ${scheduled}, decided at ${explanation.decidedAt}`,
    ...(explanation.summary ? [`Summary: ${explanation.summary}`] : []),
  ];
}
