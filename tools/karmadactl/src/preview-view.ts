import type { TemplatePreview } from '@karmada-ts/domain';
import { textTable } from './text-table.js';

/** The gateway's answer to POST /preview. */
export interface PropagationPreviewView {
  readonly kind: 'PropagationPreview';
  readonly items: readonly TemplatePreview[];
}

/**
 * `karmadactl preview` as a table: each template, whether the policy would claim it, the clusters (name=replicas for
 * workloads) it would be placed on, and the scheduler's message — or why it would not be claimed.
 */
export function previewLines(preview: PropagationPreviewView): string[] {
  if (preview.items.length === 0) return ['The policy would claim no template: none that exists matches its resourceSelectors.'];
  const rows = preview.items.map((item) => {
    const { template, placement } = item;
    const clusters = placement?.clusters.map(({ name, replicas }) => (replicas === undefined ? name : `${name}=${replicas}`)).join(',') ?? '';
    const message = placement ? `${placement.message}${placement.rescheduled ? '' : ' (kept: nothing in the change triggers a reschedule)'}` : item.reason;
    return [`${template.kind}/${template.namespace ? `${template.namespace}/` : ''}${template.name}`, String(item.claimed), clusters, message];
  });
  return textTable(['TEMPLATE', 'CLAIMED', 'CLUSTERS', 'MESSAGE'], rows);
}
