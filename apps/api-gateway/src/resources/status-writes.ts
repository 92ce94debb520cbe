import { groupResourceOf, methodNotSupported, type ResourceHooks } from '@karmada-ts/kube';
import { shapeOf } from '../store/object-shape.js';

/**
 * The status of templates and Clusters is reported by the controllers on aggregates of their own (binding-svc,
 * cluster-svc); through the API it can be read, not written (405 MethodNotAllowed, nothing appended).
 */
export const controllerOwnedStatus: ResourceHooks = {
  admit(object, _old, ctx) {
    if (ctx.subresource === 'status' && shapeOf(ctx.def).parts.some((part) => part.ownsStatus)) throw methodNotSupported(groupResourceOf(ctx.def), 'writing the status subresource');
    return object;
  },
};
