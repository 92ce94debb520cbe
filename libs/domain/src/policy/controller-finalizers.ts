import type { KubeObject } from '../api/meta.js';
import { KarmadaFinalizer } from '../api/well-known.js';
import { TemplateCleanupFinalizer } from './decide-template.js';
import { isPropagationCandidate } from './propagation-scope.js';

/**
 * The finalizers the control plane puts on an object when it is created, so that its deletion completes only after
 * the controllers have cleaned up after it (docs/event-model.md, "Deletion flows"):
 * - a Cluster waits for cluster-svc (`karmada.io/cluster-controller`): its Works must be gone first;
 * - a resource template the detector looks at waits for policy-svc (`propagation.karmada-ts.io/cleanup`): its
 *   binding's Works and the member objects must be gone first.
 * Namespaces are propagated by namespace auto-propagation, which keeps its own Works; they get none.
 */
export function controllerFinalizersOnCreate(object: KubeObject): string[] {
  if (object.apiVersion.startsWith('cluster.karmada.io/') && object.kind === 'Cluster') return [KarmadaFinalizer.ClusterController];
  if (object.apiVersion === 'v1' && object.kind === 'Namespace') return [];
  return isPropagationCandidate(object) ? [TemplateCleanupFinalizer] : [];
}

/** The object with the finalizers it gets at creation added (once, after the user's own). */
export function withControllerFinalizers(object: KubeObject): KubeObject {
  const wanted = controllerFinalizersOnCreate(object);
  const existing = object.metadata.finalizers ?? [];
  const missing = wanted.filter((f) => !existing.includes(f));
  return missing.length === 0 ? object : { ...object, metadata: { ...object.metadata, finalizers: [...existing, ...missing] } };
}
