import type { ObjectMeta } from '../api/meta.js';
import type { AnyPropagationPolicy } from '../api/policy.js';
import { KarmadaAnnotation, KarmadaLabel } from '../api/well-known.js';

/**
 * Which policy owns a resource template. Karmada writes it on the template and copies it onto the binding: a
 * PropagationPolicy claims with its permanent-id label plus namespace and name annotations, a
 * ClusterPropagationPolicy with its permanent-id label plus a name annotation.
 */
export type PolicyClaim =
  | { readonly kind: 'PropagationPolicy'; readonly namespace: string; readonly name: string; readonly permanentId: string }
  | { readonly kind: 'ClusterPropagationPolicy'; readonly name: string; readonly permanentId: string };

interface WithMetadata {
  readonly metadata: ObjectMeta;
}

/** The labels and annotation keys of each kind of claim. */
export const ClaimMetadataKeys = {
  PropagationPolicy: {
    labels: [KarmadaLabel.PropagationPolicyPermanentId],
    annotations: [KarmadaAnnotation.PropagationPolicyNamespace, KarmadaAnnotation.PropagationPolicyName],
  },
  ClusterPropagationPolicy: {
    labels: [KarmadaLabel.ClusterPropagationPolicyPermanentId],
    annotations: [KarmadaAnnotation.ClusterPropagationPolicyName],
  },
} as const;

/** A policy's permanent id, the uuid the policy service stamps on it at creation (empty when missing). */
export function policyPermanentId(policy: AnyPropagationPolicy): string {
  const key = policy.kind === 'PropagationPolicy' ? KarmadaLabel.PropagationPolicyPermanentId : KarmadaLabel.ClusterPropagationPolicyPermanentId;
  return policy.metadata.labels?.[key] ?? '';
}

/** The claim a policy makes. */
export function claimOf(policy: AnyPropagationPolicy): PolicyClaim {
  const permanentId = policyPermanentId(policy);
  const name = policy.metadata.name ?? '';
  return policy.kind === 'PropagationPolicy'
    ? { kind: 'PropagationPolicy', namespace: policy.metadata.namespace ?? '', name, permanentId }
    : { kind: 'ClusterPropagationPolicy', name, permanentId };
}

/**
 * The claim recorded on an object, PP first as Karmada reads it. A claim counts only when all its parts are present
 * and non-empty.
 */
export function readClaim(object: WithMetadata): PolicyClaim | undefined {
  const labels = object.metadata.labels ?? {};
  const annotations = object.metadata.annotations ?? {};
  const ppNamespace = annotations[KarmadaAnnotation.PropagationPolicyNamespace];
  const ppName = annotations[KarmadaAnnotation.PropagationPolicyName];
  const ppId = labels[KarmadaLabel.PropagationPolicyPermanentId];
  if (ppNamespace && ppName && ppId) return { kind: 'PropagationPolicy', namespace: ppNamespace, name: ppName, permanentId: ppId };
  const cppName = annotations[KarmadaAnnotation.ClusterPropagationPolicyName];
  const cppId = labels[KarmadaLabel.ClusterPropagationPolicyPermanentId];
  if (cppName && cppId) return { kind: 'ClusterPropagationPolicy', name: cppName, permanentId: cppId };
  return undefined;
}

/** The labels and annotations a claim writes. */
export function claimMetadata(claim: PolicyClaim): { labels: Record<string, string>; annotations: Record<string, string> } {
  return claim.kind === 'PropagationPolicy'
    ? {
        labels: { [KarmadaLabel.PropagationPolicyPermanentId]: claim.permanentId },
        annotations: { [KarmadaAnnotation.PropagationPolicyNamespace]: claim.namespace, [KarmadaAnnotation.PropagationPolicyName]: claim.name },
      }
    : {
        labels: { [KarmadaLabel.ClusterPropagationPolicyPermanentId]: claim.permanentId },
        annotations: { [KarmadaAnnotation.ClusterPropagationPolicyName]: claim.name },
      };
}

export function sameClaim(a: PolicyClaim | undefined, b: PolicyClaim | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind || a.name !== b.name || a.permanentId !== b.permanentId) return false;
  return a.kind !== 'PropagationPolicy' || (b.kind === 'PropagationPolicy' && a.namespace === b.namespace);
}

/**
 * A copy of the object carrying the claim. Claiming also drops any claim metadata of the other kind: Karmada removes a
 * ClusterPropagationPolicy's claim whenever a PropagationPolicy claims (a PP-claimed object never keeps a CPP claim),
 * and doing the same the other way round keeps an object from ever holding two claims.
 */
export function withClaim<T extends WithMetadata>(object: T, claim: PolicyClaim): T {
  const other = claim.kind === 'PropagationPolicy' ? ClaimMetadataKeys.ClusterPropagationPolicy : ClaimMetadataKeys.PropagationPolicy;
  const added = claimMetadata(claim);
  return {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...without(object.metadata.labels, other.labels), ...added.labels },
      annotations: { ...without(object.metadata.annotations, other.annotations), ...added.annotations },
    },
  };
}

/**
 * A copy of the object without the claim's metadata. Only a claim still carrying this claim's permanent id is removed,
 * so a policy deleted and quickly re-created under another id cannot strip its successor's claim (Karmada #5307).
 */
export function withoutClaim<T extends WithMetadata>(object: T, claim: PolicyClaim): T {
  const keys = ClaimMetadataKeys[claim.kind];
  const idKey = keys.labels[0];
  if (object.metadata.labels?.[idKey] !== claim.permanentId) return object;
  const labels = without(object.metadata.labels, keys.labels);
  const annotations = without(object.metadata.annotations, keys.annotations);
  const metadata: ObjectMeta = { ...object.metadata, labels, annotations };
  if (Object.keys(labels).length === 0) delete metadata.labels;
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  return { ...object, metadata };
}

function without(map: Readonly<Record<string, string>> | undefined, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).filter(([key]) => !keys.includes(key)));
}
