import { withControllerFinalizers, type KubeObject as DomainObject } from '@karmada-ts/domain';
import type { KubeObject, ResourceHooks } from '@karmada-ts/kube';

/**
 * Gives a created object the finalizers of the controllers that must clean up before its deletion completes
 * (Clusters: cluster-svc; resource templates: policy-svc). The controllers release them with FinalizerReleased
 * events, which the gateway's finalizer consumer turns into the finalizer's removal.
 */
export const controllerFinalizers: ResourceHooks = {
  default(object, old, ctx) {
    if (old || ctx.operation !== 'CREATE' || ctx.subresource) return object;
    // The domain's object type is the same JSON, typed for Karmada's fields.
    return withControllerFinalizers(object as DomainObject) as KubeObject;
  },
};
