import { Inject, Injectable } from '@nestjs/common';
import { BindingUpserted, deterministicId } from '@karmada-ts/contracts';
import {
  dependedByLabelKey,
  dependentBindings,
  generateBindingName,
  interpretDependency,
  KarmadaLabel,
  type DependentObjectReference,
  type KubeObject,
  type ResourceBinding,
} from '@karmada-ts/domain';
import { retryOnConflict, type EventStore, type StoredEvent } from '@karmada-ts/eventstore';
import { EVENT_STORE } from '@karmada-ts/service-runtime';
import { DetectorReadModel } from '../read-models/detector-read-model.js';
import { dependencyResources, type BindingKey } from '../read-models/read-models.js';
import { EventWriter, reconcileAttempts, type ReconcileCause } from './event-writer.js';

/**
 * Karmada's dependencies distributor for one independent binding: the ConfigMaps, Secrets, ServiceAccounts and PVCs
 * its template references get "attached" bindings whose requiredBy holds a snapshot of the binding and of the
 * clusters the scheduler placed it on; attached bindings it no longer needs lose its snapshot, and one nobody
 * requires any more (and no policy placed) is deleted.
 */
@Injectable()
export class DependentsSync {
  constructor(
    @Inject(DetectorReadModel) private readonly readModel: DetectorReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EventWriter) private readonly writer: EventWriter,
  ) {}

  reconcile(key: BindingKey, cause: ReconcileCause): Promise<void> {
    return retryOnConflict(reconcileAttempts, () => this.reconcileOnce(key, cause));
  }

  private async reconcileOnce(key: BindingKey, cause: ReconcileCause): Promise<void> {
    const namespace = key.namespace;
    if (!namespace) return; // Karmada distributes dependencies of ResourceBindings only.
    const subjects = this.writer.subjects;
    const head = await this.store.readLast(subjects.binding(namespace, key.name));
    if (!head || !BindingUpserted.is(head) || head.data.binding.kind !== 'ResourceBinding') return;
    const independent = head.data.binding as ResourceBinding;
    const attached = await this.readModel.bindingsLabelled(namespace, dependedByLabelKey(namespace, key.name));
    if (!independent.spec.propagateDeps && attached.length === 0) return;

    const template = await this.readModel.templateOf(independent.spec.resource);
    const dependencies = template ? interpretDependency(template.object) : [];
    const objects = await this.objects(namespace, dependencies);
    const placement = await this.readModel.placement(key);
    const ownPlacement = placement && placement.binding.uid === permanentIdOf(independent);
    const withClusters: ResourceBinding = { ...independent, spec: { ...independent.spec, clusters: ownPlacement ? [...placement.clusters] : [] } };

    // Attached bindings from their heads (they are decided on), the bindings requiring them from the read model.
    const names = new Set([...objects.map((o) => generateBindingName(o.kind, o.metadata.name ?? '')), ...attached.map((a) => a.binding.metadata.name ?? '')]);
    const heads = new Map<string, StoredEvent | undefined>();
    for (const name of names) heads.set(name, await this.store.readLast(subjects.binding(namespace, name)));
    const live = [...heads.values()].flatMap((h) => (h && BindingUpserted.is(h) && !h.data.deleting ? [h.data.binding as ResourceBinding] : []));
    const referrerNames = new Set(live.flatMap((b) => (b.spec.requiredBy ?? []).map((s) => s.name)).filter((n) => n !== key.name && !names.has(n)));
    const referrers = (await this.readModel.bindingsNamed(namespace, [...referrerNames])).filter((b) => !b.deleting).map((b) => b.binding as ResourceBinding);

    const result = dependentBindings({
      independent: withClusters,
      dependencies,
      objects,
      bindings: [...live, ...referrers],
      newPermanentId: (name) => deterministicId(cause.id, subjects.binding(namespace, name), 'permanent-id'),
    });
    for (const upsert of result.upserts) {
      const name = upsert.metadata.name ?? '';
      const orphaned = !upsert.spec.placement && (upsert.spec.requiredBy ?? []).length === 0;
      const data = orphaned
        ? { binding: { ...upsert, metadata: { ...upsert.metadata, deletionTimestamp: upsert.metadata.deletionTimestamp ?? cause.time } }, deleting: true }
        : { binding: upsert };
      await this.writer.append(BindingUpserted, subjects.binding(namespace, name), heads.get(name)?.seq ?? 0, data, cause);
    }
  }

  /** The control-plane objects the references may name, with their event sequence as resourceVersion. */
  private async objects(namespace: string, dependencies: readonly DependentObjectReference[]): Promise<KubeObject[]> {
    const objects: KubeObject[] = [];
    for (const [kind, resource] of Object.entries(dependencyResources)) {
      const names = dependencies.filter((d) => d.apiVersion === 'v1' && d.kind === kind && d.name).map((d) => d.name!);
      for (const row of await this.readModel.templatesNamed(resource, namespace, names)) {
        objects.push({ ...row.object, metadata: { ...row.object.metadata, resourceVersion: String(row.seq) } });
      }
    }
    return objects;
  }
}

function permanentIdOf(binding: ResourceBinding): string | undefined {
  return binding.metadata.labels?.[KarmadaLabel.ResourceBindingPermanentId];
}
