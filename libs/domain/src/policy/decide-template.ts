import type { KubeObject } from '../api/meta.js';
import type { AnyPropagationPolicy } from '../api/policy.js';
import { KarmadaAnnotation } from '../api/well-known.js';
import type { AnyResourceBinding } from '../api/work.js';
import { interpretDependency } from '../interpret/dependency.js';
import { sameJson } from '../interpret/unstructured.js';
import { dependenciesAnnotation } from '../render/dependent-bindings.js';
import { assertNever } from '../scheduling/assert-never.js';
import { bindingOwnedByOther, buildBinding, mergeBinding, shouldRefreshBinding } from './build-binding.js';
import { sameClaim, withClaim, withoutClaim, type PolicyClaim } from './claim.js';
import { detect, type Decision, type DetectInput, type DetectOptions } from './detect.js';

/**
 * The finalizer the gateway gives every propagatable template: policy-svc removes it once nothing of the template is
 * left in the members (its binding is cleaned up), so deleting a template cascades as Kubernetes' garbage collector
 * does it for Karmada.
 */
export const TemplateCleanupFinalizer = 'propagation.karmada-ts.io/cleanup';

/** A binding as the detector keeps it: the object, and whether it is being deleted (its Works are being removed). */
export interface BindingState {
  readonly binding: AnyResourceBinding;
  readonly deleting: boolean;
}

export interface TemplateInput {
  /** The template as stored (without claim metadata, which the claim carries); undefined once it is gone. */
  readonly template: KubeObject | undefined;
  /** The claim on this template, if any. */
  readonly claim: PolicyClaim | undefined;
  /** The binding named for the template, whichever template it was built for. */
  readonly binding: BindingState | undefined;
  readonly policies: DetectInput;
  /** Every Work of the template's deleting binding has been cleaned up in its member. */
  readonly cleanedUp: boolean;
  /** The permanent id of a binding built now (an existing binding keeps its own). */
  readonly newPermanentId: string;
  /** The value of a PriorityClass, for policies with schedulePriority; undefined when there is no such class. */
  readonly priorityOf?: (priorityClassName: string) => number | undefined;
  /** The reconcile comes from a policy change, not from the template (activationPreference Lazy waits then). */
  readonly changedByKarmada: boolean;
  /** When the decision is taken: the deletion time of a binding whose template vanished. */
  readonly now: string;
  readonly options?: DetectOptions;
}

export interface TemplateDecision {
  /** Give up the current claim first (its policy is gone, being deleted or no longer matches; the template is gone). */
  readonly release?: { readonly claim: PolicyClaim; readonly reason: string };
  /** Then claim the template for this policy. */
  readonly claim?: PolicyClaim;
  /** The binding's new state, only when it changes. */
  readonly binding?: BindingState;
  /** Remove TemplateCleanupFinalizer from the deleting template: its binding is gone from the members, or it had none. */
  readonly releaseFinalizer: boolean;
  /** What detect() said, for logs. */
  readonly detection?: Decision;
}

/**
 * The resource detector's whole reconcile of one template, as a pure function:
 * - a live template is matched with detect(): the claim is kept, taken, or released (and the template then offered
 *   to the other policies at once), and the binding is built (buildBinding) or updated (mergeBinding), never touching
 *   what the scheduler owns; with propagateDeps the binding lists the template's dependencies;
 * - a deleting template has its binding marked deleting; the cleanup finalizer goes when it has no binding, or once
 *   that binding's Works are cleaned up;
 * - a template that is gone releases its claim, and its binding, if still live, is marked deleting (Karmada's garbage
 *   collector deletes a binding with its owner).
 * A binding built for an earlier template of the same name (another uid) counts as none: it is replaced.
 */
export function decideTemplate(input: TemplateInput): TemplateDecision {
  const { template } = input;
  if (!template) return templateGone(input);
  const own = input.binding && !bindingOwnedByOther(input.binding.binding, template) ? input.binding : undefined;
  return template.metadata.deletionTimestamp ? templateDeleting(input, template, own) : templateLive(input, template, own);
}

function templateGone(input: TemplateInput): TemplateDecision {
  const binding = input.binding && !input.binding.deleting ? deleting(input.binding.binding, input.now) : undefined;
  return {
    ...(input.claim ? { release: { claim: input.claim, reason: 'TemplateDeleted' } } : {}),
    ...(binding ? { binding } : {}),
    releaseFinalizer: false,
  };
}

function templateDeleting(input: TemplateInput, template: KubeObject, own: BindingState | undefined): TemplateDecision {
  const holdsFinalizer = (template.metadata.finalizers ?? []).includes(TemplateCleanupFinalizer);
  if (own && !own.deleting) return { binding: deleting(own.binding, template.metadata.deletionTimestamp!), releaseFinalizer: false };
  return { releaseFinalizer: holdsFinalizer && (!own || input.cleanedUp) };
}

function templateLive(input: TemplateInput, template: KubeObject, own: BindingState | undefined): TemplateDecision {
  let existing = own && !own.deleting ? own.binding : undefined;
  let detection = detect(input.claim ? withClaim(template, input.claim) : template, input.policies, input.claim, input.options);
  let release: TemplateDecision['release'];
  if (detection.type === 'Release') {
    release = { claim: detection.claim, reason: detection.reason };
    if (existing) existing = withoutClaim(existing, detection.claim);
    detection = detect(template, input.policies, undefined, input.options);
  }
  const base = { ...(release ? { release } : {}), releaseFinalizer: false, detection };
  switch (detection.type) {
    case 'Claim':
    case 'Keep': {
      const claim = detection.type === 'Claim' && !sameClaim(detection.claim, input.claim) ? detection.claim : undefined;
      const lazy = existing !== undefined && !shouldRefreshBinding(detection.policy, input.changedByKarmada);
      const next = lazy ? existing! : bindingFor(template, detection.policy, existing, input);
      return { ...base, ...(claim ? { claim } : {}), ...changedBinding(own, next) };
    }
    case 'Release':
    case 'Ignore':
    case 'NoMatch':
    case 'WaitForDependentOverrides':
      return { ...base, ...(existing ? changedBinding(own, existing) : {}) };
    default:
      return assertNever(detection);
  }
}

function bindingFor(template: KubeObject, policy: AnyPropagationPolicy, existing: AnyResourceBinding | undefined, input: TemplateInput): AnyResourceBinding {
  const className = policy.spec.schedulePriority?.priorityClassName;
  const priority = className ? input.priorityOf?.(className) : undefined;
  const desired = buildBinding(template, policy, { permanentId: input.newPermanentId, creationTimestamp: input.now, ...(priority !== undefined ? { schedulePriority: priority } : {}) });
  const binding = existing ? mergeBinding(existing, desired) : desired;
  const annotations = { ...binding.metadata.annotations };
  if (binding.kind === 'ResourceBinding' && policy.spec.propagateDeps) {
    annotations[KarmadaAnnotation.BindingDependencies] = dependenciesAnnotation(interpretDependency(template));
  } else {
    delete annotations[KarmadaAnnotation.BindingDependencies];
  }
  return { ...binding, metadata: { ...binding.metadata, annotations } };
}

/** `{ binding }` when `next` differs from the template's own live binding (or there is none), else nothing. */
function changedBinding(own: BindingState | undefined, next: AnyResourceBinding): { binding?: BindingState } {
  if (own && !own.deleting && sameJson(own.binding, next)) return {};
  return { binding: { binding: next, deleting: false } };
}

function deleting(binding: AnyResourceBinding, at: string): BindingState {
  return { binding: { ...binding, metadata: { ...binding.metadata, deletionTimestamp: binding.metadata.deletionTimestamp ?? at } }, deleting: true };
}
