import { Inject, Injectable } from '@nestjs/common';
import { ResourceCreated, ResourceDeleted, ResourceUpdated, type GroupResourceJson, type ResourceWrittenData } from '@karmada-ts/contracts';
import type { PropagationSpec, ResourceSelector } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { reconcileEach, type BatchReconciler } from '@karmada-ts/service-runtime';
import { DependentsSync } from '../detector/dependents-sync.js';
import { TemplateSync } from '../detector/template-sync.js';
import { DetectorReadModel } from '../read-models/detector-read-model.js';
import { dependencyResources, keyOfResourceSubject, policyResources, sameResource, templateKeyId, type TemplateKey } from '../read-models/read-models.js';
import { isDetectorInput } from '../read-models/templates.projection.js';

interface Work {
  readonly key: TemplateKey;
  readonly cause: StoredEvent;
  readonly changedByKarmada: boolean;
}

/**
 * After a batch of the gateway's events is projected: every changed template is detected again; a changed
 * (Cluster)PropagationPolicy re-detects the templates its selectors pick and those it holds; a changed
 * (Cluster)OverridePolicy the templates of the policies waiting for it; a changed ConfigMap, Secret, ServiceAccount
 * or PVC re-distributes the dependencies of its namespace's bindings.
 */
@Injectable()
export class TemplatesReconciler implements BatchReconciler {
  constructor(
    @Inject(DetectorReadModel) private readonly readModel: DetectorReadModel,
    @Inject(TemplateSync) private readonly templates: TemplateSync,
    @Inject(DependentsSync) private readonly dependents: DependentsSync,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const work = new Map<string, Work>();
    const dependencyNamespaces = new Map<string, StoredEvent>();
    const add = (key: TemplateKey, cause: StoredEvent, changedByKarmada: boolean) => {
      const id = templateKeyId(key);
      // A template that changed itself keeps that over a policy change in the same batch (activationPreference Lazy).
      work.set(id, { key, cause, changedByKarmada: changedByKarmada && (work.get(id)?.changedByKarmada ?? true) });
    };
    for (const event of events) {
      if (!ResourceCreated.is(event) && !ResourceUpdated.is(event) && !ResourceDeleted.is(event)) continue;
      const { resource, namespace, name } = keyOfResourceSubject(event.subject);
      const object = (event.data as ResourceWrittenData).object;
      if (!isDetectorInput(resource, object)) continue;
      if (isPropagationPolicy(resource)) {
        for (const key of await this.templatesOfPolicy(resource, namespace, name, object.spec as PropagationSpec | undefined)) add(key, event, true);
      } else if (isOverridePolicy(resource)) {
        for (const key of await this.templatesWaitingFor(resource, namespace, name)) add(key, event, true);
      } else {
        add({ resource, kind: object.kind, namespace, name }, event, false);
        if (namespace && Object.values(dependencyResources).some((r) => sameResource(r, resource))) dependencyNamespaces.set(namespace, event);
      }
    }
    const policies = this.readModel.policiesOnce();
    await reconcileEach(work.values(), ({ key, cause, changedByKarmada }) => this.templates.reconcile(key, cause, changedByKarmada, policies));
    for (const [namespace, cause] of dependencyNamespaces) {
      for (const binding of await this.readModel.bindingsPropagatingDependencies(namespace)) await this.dependents.reconcile(binding, cause);
    }
  }

  /** The templates a policy holds, and those its selectors pick now (in its namespace, for a PropagationPolicy). */
  private async templatesOfPolicy(resource: GroupResourceJson, namespace: string | undefined, name: string, spec: PropagationSpec | undefined): Promise<TemplateKey[]> {
    const kind = sameResource(resource, policyResources.propagationPolicies) ? 'PropagationPolicy' : 'ClusterPropagationPolicy';
    const keys = await this.readModel.templatesClaimedBy({ kind, ...(namespace ? { namespace } : {}), name });
    const selectors: readonly ResourceSelector[] = spec?.resourceSelectors ?? [];
    for (const selector of selectors) keys.push(...(await this.readModel.templatesSelectedBy(selector, namespace)));
    return keys;
  }

  /** The templates of the propagation policies whose dependentOverrides name this override policy. */
  private async templatesWaitingFor(resource: GroupResourceJson, namespace: string | undefined, name: string): Promise<TemplateKey[]> {
    const policyResource = sameResource(resource, policyResources.overridePolicies) ? policyResources.propagationPolicies : policyResources.clusterPropagationPolicies;
    const keys: TemplateKey[] = [];
    for (const policy of await this.readModel.policiesDependingOn(policyResource, namespace ?? '', name)) {
      keys.push(...(await this.templatesOfPolicy(policyResource, policy.metadata.namespace, policy.metadata.name ?? '', policy.spec as PropagationSpec)));
    }
    return keys;
  }
}

function isPropagationPolicy(resource: GroupResourceJson): boolean {
  return sameResource(resource, policyResources.propagationPolicies) || sameResource(resource, policyResources.clusterPropagationPolicies);
}

function isOverridePolicy(resource: GroupResourceJson): boolean {
  return sameResource(resource, policyResources.overridePolicies) || sameResource(resource, policyResources.clusterOverridePolicies);
}
