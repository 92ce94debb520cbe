import { installBuiltinHooks, installCustomResourceDefinitions, type ResourceService } from '@karmada-ts/kube';
import { installKarmadaAdmission } from './karmada-admission.js';
import { controllerOwnedStatus } from './status-writes.js';

/** The API semantics the gateway adds to its resource service. */
export function installGatewayHooks(service: ResourceService): void {
  installBuiltinHooks(service);
  installCustomResourceDefinitions(service);
  installKarmadaAdmission(service);
  service.addHooks('*', controllerOwnedStatus);
}
