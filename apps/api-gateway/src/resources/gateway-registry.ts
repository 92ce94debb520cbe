import { builtinResources, ResourceRegistry } from '@karmada-ts/kube';
import { karmadaResources } from './karmada-resources.js';

/** The built-in kinds users submit as resource templates (issue 4), and CRDs to add their own. */
const templateResources = new Set([
  'namespaces',
  'configmaps',
  'secrets',
  'services',
  'serviceaccounts',
  'persistentvolumeclaims',
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'ingresses',
  'horizontalpodautoscalers',
  'customresourcedefinitions',
]);

/**
 * The kinds the gateway serves: the template kinds, Karmada's API, and (in the child layer, at runtime) the kinds of
 * the CustomResourceDefinitions users create. Other kinds are 404, as on a server that does not have them.
 */
export function createGatewayRegistry(): ResourceRegistry {
  const fixed = new ResourceRegistry();
  fixed.register(builtinResources().filter((def) => templateResources.has(def.plural)));
  fixed.register(karmadaResources());
  return new ResourceRegistry(fixed);
}
