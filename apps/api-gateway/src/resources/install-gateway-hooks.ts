import { installBuiltinHooks, installCustomResourceDefinitions, type ResourceService } from '@karmada-ts/kube';
import { installKarmadaAdmission } from './karmada-admission.js';
import { controllerFinalizers } from './controller-finalizers.js';
import { controllerOwnedStatus } from './status-writes.js';

/** The API semantics the gateway adds to its resource service. */
export function installGatewayHooks(service: ResourceService, options: { cleanupFinalizers: boolean }): void {
  installBuiltinHooks(service);
  installCustomResourceDefinitions(service);
  installKarmadaAdmission(service);
  service.addHooks('*', controllerOwnedStatus);
  if (options.cleanupFinalizers) service.addHooks('*', controllerFinalizers);
}
