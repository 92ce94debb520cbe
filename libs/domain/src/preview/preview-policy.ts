import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import type { AnyPropagationPolicy, ClusterPropagationPolicy, PropagationPolicy } from '../api/policy.js';
import type { AnyResourceBinding } from '../api/work.js';
import { policyMatchPriority } from '../policy/best-policy.js';
import { ClaimMetadataKeys, type PolicyClaim } from '../policy/claim.js';
import { decideTemplate } from '../policy/decide-template.js';
import type { DetectInput, DetectOptions } from '../policy/detect.js';
import { isPropagationCandidate } from '../policy/propagation-scope.js';
import { ImplicitPriority } from '../policy/resource-selector.js';
import { buildClusterSnapshot, isClusterSnapshot, type ClusterSnapshot } from '../scheduling/cluster-snapshot.js';
import type { FailoverSettings } from '../scheduling/decide-placement.js';
import { claimVerdict, samePolicy } from './claim-verdict.js';
import { previewPlacement, type PlacementPreview } from './placement-preview.js';

/** One template the preview weighs. */
export interface PreviewTemplate {
  /** The template as it is (or would be) stored; claim metadata on it is ignored: `claim` says who holds it. */
  readonly template: KubeObject;
  /** The claim on the template now (readClaim of the served template); undefined for an unclaimed or new one. */
  readonly claim?: PolicyClaim;
  /** The template's binding as served now (with the scheduler's decision merged); undefined when it has none. */
  readonly binding?: AnyResourceBinding;
  /** The preview submits this template too: a template change, which activationPreference Lazy does not wait for. */
  readonly submitted: boolean;
}

export interface PreviewInput {
  /** The policy to preview, validated and defaulted; it replaces an existing policy of the same kind and name. */
  readonly policy: AnyPropagationPolicy;
  readonly templates: readonly PreviewTemplate[];
  /** The policies that exist now (any namespace). */
  readonly policies: DetectInput;
  readonly clusters: readonly Cluster[] | ClusterSnapshot;
  /** The moment of the preview: when a new binding would be created and scheduled. */
  readonly now: string;
  /** The permanent id a binding built now would get (it is not shown; bindings are named after their template). */
  readonly newPermanentId: string;
  readonly failover: FailoverSettings;
  /** The value of a PriorityClass, for policies with schedulePriority. */
  readonly priorityOf?: (priorityClassName: string) => number | undefined;
  readonly options?: DetectOptions;
}

export interface TemplateRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface TemplatePreview {
  readonly template: TemplateRef;
  readonly claimed: boolean;
  readonly reason: string;
  /** Claimed templates: the binding that would carry them. */
  readonly binding?: { readonly kind: AnyResourceBinding['kind']; readonly name: string };
  readonly placement?: PlacementPreview;
}

/**
 * What applying a (Cluster)PropagationPolicy would do, without doing it (beyond Karmada): for each template, whether
 * the detector would let the policy claim it, with Karmada's precedence (a claim sticks, a PropagationPolicy beats
 * a ClusterPropagationPolicy, then priority, selector specificity and name), and for each claimed one the binding
 * it would get (decideTemplate: buildBinding, or the existing binding updated) and where the scheduler would place
 * it over the given clusters (decidePlacement), with the per-cluster explanation.
 */
export function previewPolicy(input: PreviewInput): TemplatePreview[] {
  const policies = withPolicy(input.policies, input.policy);
  const clusters = isClusterSnapshot(input.clusters) ? input.clusters : buildClusterSnapshot(input.clusters);
  return input.templates.map((item) => previewTemplate(input, policies, clusters, item));
}

/**
 * The existing templates a preview of `policy` looks at: those the detector considers at all that the policy's
 * selectors match (whoever claims them now).
 */
export function templatesInScope<T extends { readonly template: KubeObject }>(policy: AnyPropagationPolicy, templates: readonly T[], options: DetectOptions = {}): T[] {
  return templates.filter(({ template }) => isPropagationCandidate(template, options) && policyMatchPriority(policy, template) !== ImplicitPriority.Mismatch);
}

function previewTemplate(input: PreviewInput, policies: DetectInput, clusters: ClusterSnapshot, item: PreviewTemplate): TemplatePreview {
  const template = withoutClaimMetadata(item.template);
  const decision = decideTemplate({
    template,
    claim: item.claim,
    binding: item.binding && { binding: item.binding, deleting: Boolean(item.binding.metadata.deletionTimestamp) },
    policies,
    cleanedUp: false,
    newPermanentId: input.newPermanentId,
    ...(input.priorityOf ? { priorityOf: input.priorityOf } : {}),
    changedByKarmada: !item.submitted,
    now: input.now,
    ...(input.options ? { options: input.options } : {}),
  });
  const verdict = claimVerdict(input.policy, template, decision.detection, input.options?.policyPreemption === true);
  const preview: TemplatePreview = { template: refOf(template), ...verdict };
  if (!verdict.claimed) return preview;
  // No new binding state means the template's own binding stays as it is.
  const binding = decision.binding?.binding ?? item.binding;
  if (!binding) return preview;
  return {
    ...preview,
    binding: { kind: binding.kind, name: binding.metadata.name ?? '' },
    placement: previewPlacement(binding, clusters, { now: input.now, failover: input.failover }),
  };
}

/** The existing policies with the previewed one in place of its namesake. */
function withPolicy(existing: DetectInput, policy: AnyPropagationPolicy): DetectInput {
  const others = <P extends AnyPropagationPolicy>(list: readonly P[]) => list.filter((p) => !samePolicy(p, policy));
  return policy.kind === 'PropagationPolicy'
    ? { ...existing, propagationPolicies: [...others<PropagationPolicy>(existing.propagationPolicies), policy] }
    : { ...existing, clusterPropagationPolicies: [...others<ClusterPropagationPolicy>(existing.clusterPropagationPolicies), policy] };
}

/** The template as stored: the served one carries its claim's labels and annotations, which the claim stands for. */
function withoutClaimMetadata(template: KubeObject): KubeObject {
  const keys = Object.values(ClaimMetadataKeys);
  const labels = omit(template.metadata.labels, keys.flatMap((k) => [...k.labels]));
  const annotations = omit(template.metadata.annotations, keys.flatMap((k) => [...k.annotations]));
  const metadata = { ...template.metadata, labels, annotations };
  if (!labels) delete metadata.labels;
  if (!annotations) delete metadata.annotations;
  return { ...template, metadata };
}

function omit(map: Readonly<Record<string, string>> | undefined, keys: readonly string[]): Record<string, string> | undefined {
  if (!map) return undefined;
  const kept = Object.fromEntries(Object.entries(map).filter(([key]) => !keys.includes(key)));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function refOf(template: KubeObject): TemplateRef {
  return {
    apiVersion: template.apiVersion,
    kind: template.kind,
    ...(template.metadata.namespace ? { namespace: template.metadata.namespace } : {}),
    name: template.metadata.name ?? '',
  };
}
