import type { KubeObject } from './object.js';

const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Server-side apply by the `kubectl` manager keeps an existing client-side-apply annotation in step with what was
 * applied, as the apiserver's lastAppliedUpdater does, so a later client-side apply diffs against the truth.
 */
export function withLastAppliedSynced(applied: KubeObject, config: KubeObject): KubeObject {
  const annotations = applied.metadata.annotations;
  if (!annotations || annotations[lastAppliedAnnotation] === undefined) return applied;
  const configAnnotations = { ...(config.metadata.annotations ?? {}) };
  delete configAnnotations[lastAppliedAnnotation];
  const metadata = { ...config.metadata };
  if (Object.keys(configAnnotations).length > 0) metadata.annotations = configAnnotations;
  else delete metadata.annotations;
  const value = JSON.stringify({ ...config, metadata }) + '\n';
  return { ...applied, metadata: { ...applied.metadata, annotations: { ...annotations, [lastAppliedAnnotation]: value } } };
}
