import type { WorkDeletionRequestedData, WorkRenderedData } from '@karmada-ts/contracts';
import type { WorkOwner } from './read-model-tables.js';

/**
 * Who a Work event is about: the binding it names, else the Namespace its controller reference names (namespace
 * auto-propagation); undefined for anything else.
 */
export function workOwnerOf(data: WorkRenderedData | WorkDeletionRequestedData): WorkOwner | undefined {
  if (data.binding) return { kind: data.binding.kind, namespace: data.binding.namespace ?? '', name: data.binding.name };
  const owner = (data.work.metadata.ownerReferences ?? []).find(
    (reference): reference is { kind: string; name: string; controller: boolean } =>
      typeof reference === 'object' && reference !== null && (reference as { controller?: unknown }).controller === true,
  );
  return owner?.kind === 'Namespace' ? { kind: 'Namespace', namespace: '', name: owner.name } : undefined;
}
