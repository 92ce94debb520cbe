/** Claims and template references as events carry them, to and from the domain's terms. */
import type { ClaimingPolicyJson, TemplateRefJson } from '@karmada-ts/contracts';
import type { KubeObject, PolicyClaim } from '@karmada-ts/domain';
import type { TemplateKey } from '../read-models/read-models.js';

/** A claim as events carry it, in the domain's terms. */
export function policyClaimOf(policy: ClaimingPolicyJson): PolicyClaim {
  return policy.kind === 'PropagationPolicy'
    ? { kind: 'PropagationPolicy', namespace: policy.namespace ?? '', name: policy.name, permanentId: policy.permanentId }
    : { kind: 'ClusterPropagationPolicy', name: policy.name, permanentId: policy.permanentId };
}

/** A claim as events carry it. */
export function claimingPolicyOf(claim: PolicyClaim): ClaimingPolicyJson {
  return claim.kind === 'PropagationPolicy'
    ? { kind: claim.kind, namespace: claim.namespace, name: claim.name, permanentId: claim.permanentId }
    : { kind: claim.kind, name: claim.name, permanentId: claim.permanentId };
}

export function templateRefOf(key: TemplateKey, template: KubeObject): TemplateRefJson {
  return {
    resource: key.resource,
    apiVersion: template.apiVersion,
    kind: template.kind,
    ...(key.namespace ? { namespace: key.namespace } : {}),
    name: key.name,
    uid: template.metadata.uid ?? '',
  };
}
