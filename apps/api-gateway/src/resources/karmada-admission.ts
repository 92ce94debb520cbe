import { randomUUID } from 'node:crypto';
import { karmadaAdmissionHooks } from '@karmada-ts/domain';
import type { ResourceService } from '@karmada-ts/kube';

/**
 * Karmada's defaulting and validation (libs/domain, the webhooks' rules) on the Karmada kinds. Policies get their
 * permanent-id label; the policy controllers' finalizers are not added until a controller releases them.
 */
export function installKarmadaAdmission(service: ResourceService): void {
  for (const [resource, hooks] of karmadaAdmissionHooks({ newPermanentId: randomUUID, addPolicyFinalizers: false })) service.addHooks(resource, hooks);
}
