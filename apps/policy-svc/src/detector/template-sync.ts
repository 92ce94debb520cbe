import { Inject, Injectable } from '@nestjs/common';
import {
  BindingUpserted,
  deterministicId,
  FinalizerReleased,
  TemplateClaimed,
  TemplateClaimReleased,
  type EventType,
  type TemplateClaimedData,
  type TemplateRefJson,
} from '@karmada-ts/contracts';
import {
  claimMetadata,
  decideTemplate,
  generateBindingName,
  TemplateCleanupFinalizer,
  type AnyResourceBinding,
  type BindingState,
  type KubeObject,
} from '@karmada-ts/domain';
import { retryOnConflict, type EventStore, type StoredEvent } from '@karmada-ts/eventstore';
import type { Logger } from '@karmada-ts/operability';
import { EVENT_STORE, reconcileEach, SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { policySvcName } from '../durables.js';
import { DetectorReadModel, type PolicyLookup } from '../read-models/detector-read-model.js';
import { templateKeyId, type TemplateKey } from '../read-models/read-models.js';
import { claimingPolicyOf, policyClaimOf, templateRefOf } from './claim-json.js';
import { EventWriter, reconcileAttempts, type ReconcileCause } from './event-writer.js';
import { POLICY_CONFIG, type PolicyConfig } from '../config/policy-config.js';

/**
 * The resource detector for one template: reads the template, its claim and binding heads and the policies in
 * scope, lets decideTemplate decide, and appends what changed — a claim release, a claim, the binding, the release of
 * the template's cleanup finalizer — each on its own subject, conditional on the head it decided from.
 */
@Injectable()
export class TemplateSync {
  constructor(
    @Inject(DetectorReadModel) private readonly readModel: DetectorReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EventWriter) private readonly writer: EventWriter,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(POLICY_CONFIG) private readonly config: PolicyConfig,
  ) {}

  /**
   * `changedByKarmada`: the template itself did not change (a policy did, or a claim or cleanup came back).
   * `policies`: where the policies in scope are read (a batch shares DetectorReadModel.policiesOnce).
   */
  reconcile(key: TemplateKey, cause: ReconcileCause, changedByKarmada: boolean, policies: PolicyLookup = (ns) => this.readModel.policies(ns)): Promise<void> {
    return retryOnConflict(reconcileAttempts, () => this.reconcileOnce(key, cause, changedByKarmada, policies));
  }

  /**
   * Detects again the templates that Karmada's own events of one type name (a claim or a cleanup came back): each
   * once, side by side, with one read of the policies per namespace. The newest event naming a template is the cause.
   */
  async redetect(events: readonly StoredEvent[], type: EventType<string, { readonly template: TemplateRefJson }>): Promise<void> {
    const latest = new Map<string, { key: TemplateKey; cause: ReconcileCause }>();
    for (const event of events) {
      if (!type.is(event)) continue;
      const { resource, kind, namespace, name } = event.data.template;
      const key = { resource, kind, namespace, name };
      latest.set(templateKeyId(key), { key, cause: event });
    }
    const policies = this.readModel.policiesOnce();
    await reconcileEach(latest.values(), ({ key, cause }) => this.reconcile(key, cause, true, policies));
  }

  private async reconcileOnce(key: TemplateKey, cause: ReconcileCause, changedByKarmada: boolean, lookup: PolicyLookup): Promise<void> {
    const subjects = this.writer.subjects;
    const row = await this.readModel.template(key);
    // The binding's spec.resource.resourceVersion: the sequence of the template's event, as the gateway serves it.
    const template: KubeObject | undefined = row && { ...row.object, metadata: { ...row.object.metadata, resourceVersion: String(row.seq) } };
    const claimSubject = subjects.claim(key.resource, key.namespace, key.name);
    const bindingKey = { namespace: key.namespace, name: generateBindingName(key.kind, key.name) };
    const bindingSubject = subjects.binding(bindingKey.namespace, bindingKey.name);
    const [claimHead, bindingHead] = await Promise.all([this.store.readLast(claimSubject), this.store.readLast(bindingSubject)]);
    // A claim counts for the template it was made on; once the template is gone, whichever claim is left goes too.
    const claimed: TemplateClaimedData | undefined =
      claimHead && TemplateClaimed.is(claimHead) && (!template || claimHead.data.template.uid === (template.metadata.uid ?? '')) ? claimHead.data : undefined;
    const binding: BindingState | undefined =
      bindingHead && BindingUpserted.is(bindingHead) ? { binding: bindingHead.data.binding as AnyResourceBinding, deleting: bindingHead.data.deleting === true } : undefined;
    const policies = template ? await lookup(key.namespace) : { propagationPolicies: [], clusterPropagationPolicies: [] };
    const usesPriority = [...policies.propagationPolicies, ...policies.clusterPropagationPolicies].some((p) => p.spec.schedulePriority?.priorityClassName);
    const priorities = usesPriority ? await this.readModel.priorityClasses() : new Map<string, number>();
    const cleanup = template?.metadata.deletionTimestamp ? await this.readModel.cleanup(bindingKey) : undefined;

    const decision = decideTemplate({
      template,
      claim: claimed && policyClaimOf(claimed.policy),
      binding,
      policies,
      cleanedUp: cleanup !== undefined && cleanup.template.uid === template?.metadata.uid,
      newPermanentId: deterministicId(cause.id, bindingSubject, 'permanent-id'),
      priorityOf: (name) => priorities.get(name),
      changedByKarmada,
      now: cause.time,
      options: this.config.detect,
    });
    if (decision.detection) this.logger.debug({ template: key, detection: decision.detection.type }, 'template detected');

    let claimSeq = claimHead?.seq ?? 0;
    if (decision.release && claimed) {
      const data = { template: claimed.template, policy: claimed.policy, reason: decision.release.reason };
      claimSeq = await this.writer.append(TemplateClaimReleased, claimSubject, claimSeq, data, cause);
    }
    if (decision.claim && template) {
      const data = { template: templateRefOf(key, template), policy: claimingPolicyOf(decision.claim), ...claimMetadata(decision.claim) };
      await this.writer.append(TemplateClaimed, claimSubject, claimSeq, data, cause);
    }
    if (decision.binding) {
      const { binding: next, deleting } = decision.binding;
      await this.writer.append(BindingUpserted, bindingSubject, bindingHead?.seq ?? 0, { binding: next, ...(deleting ? { deleting } : {}) }, cause);
    }
    if (decision.releaseFinalizer && template) await this.releaseFinalizer(key, template, cause);
  }

  /** FinalizerReleased for this template, unless this very release is already the head (the gateway acts on it). */
  private async releaseFinalizer(key: TemplateKey, template: KubeObject, cause: ReconcileCause): Promise<void> {
    const subject = this.writer.subjects.finalizer(policySvcName, key.resource, key.namespace, key.name);
    const head = await this.store.readLast(subject);
    const uid = template.metadata.uid;
    if (head && FinalizerReleased.is(head) && head.data.uid === uid && head.data.finalizer === TemplateCleanupFinalizer) return;
    const data = { resource: key.resource, ...(key.namespace ? { namespace: key.namespace } : {}), name: key.name, ...(uid ? { uid } : {}), finalizer: TemplateCleanupFinalizer };
    await this.writer.append(FinalizerReleased, subject, head?.seq ?? 0, data, cause);
  }
}
