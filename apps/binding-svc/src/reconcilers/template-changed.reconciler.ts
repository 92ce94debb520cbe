import { Inject, Injectable } from '@nestjs/common';
import { ResourceCreated, ResourceDeleted, ResourceUpdated, ResourceUpserted, type GroupVersionResource, type KubeObjectJson } from '@karmada-ts/contracts';
import { SkippedApiGroups, generateBindingName } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { ReadModelReader } from '../read-models/read-model.reader.js';
import { knownResources, resourceKey } from '../read-models/read-model-tables.js';
import { PropagationSync } from '../sync/propagation-sync.js';
import { SyncRequests } from '../sync/sync-requests.js';

const templateEvents = [ResourceCreated, ResourceUpdated, ResourceUpserted, ResourceDeleted];

/** Events that reach many bindings at once, each with its newest cause. */
interface Broadcasts {
  clusterOverridePolicy?: StoredEvent;
  readonly overridePolicyNamespaces: Map<string, StoredEvent>;
  readonly clusters: Map<string, StoredEvent>;
}

/**
 * A user object changed (the `template` aggregate). A resource template → its binding; a Namespace → its
 * auto-propagation (and a binding propagating it); an OverridePolicy → the bindings of its namespace; a
 * ClusterOverridePolicy → every binding and Namespace; a Cluster (its labels and fields select override rules; a new
 * one receives the Namespaces; a deleting one loses its Works) → the bindings involving it and every Namespace.
 */
@Injectable()
export class TemplateChangedReconciler implements BatchReconciler {
  constructor(
    @Inject(ReadModelReader) private readonly reader: ReadModelReader,
    @Inject(PropagationSync) private readonly sync: PropagationSync,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const requests = new SyncRequests();
    const broadcasts: Broadcasts = { overridePolicyNamespaces: new Map(), clusters: new Map() };
    for (const event of events) {
      if (!templateEvents.some((type) => type.is(event))) continue;
      const { resource, object } = event.data as { resource: GroupVersionResource; object: KubeObjectJson };
      this.route(event, resource, object, requests, broadcasts);
    }
    await this.expand(broadcasts, requests);
    await this.sync.run(requests);
  }

  private route(event: StoredEvent, resource: GroupVersionResource, object: KubeObjectJson, requests: SyncRequests, broadcasts: Broadcasts): void {
    const name = object.metadata.name ?? '';
    switch (resourceKey(resource)) {
      case resourceKey(knownResources.clusters):
        broadcasts.clusters.set(name, event);
        return;
      case resourceKey(knownResources.overridePolicies):
        broadcasts.overridePolicyNamespaces.set(object.metadata.namespace ?? '', event);
        return;
      case resourceKey(knownResources.clusterOverridePolicies):
        broadcasts.clusterOverridePolicy = event;
        return;
      case resourceKey(knownResources.namespaces):
        requests.namespace(name, event);
        break;
    }
    if (SkippedApiGroups.includes(resource.group)) return;
    requests.binding({ namespace: object.metadata.namespace ?? '', name: generateBindingName(object.kind, name) }, event, 'works', 'template');
  }

  private async expand(broadcasts: Broadcasts, requests: SyncRequests): Promise<void> {
    const everyNamespace = async (cause: StoredEvent) => {
      for (const name of await this.reader.templateNames(resourceKey(knownResources.namespaces))) requests.namespace(name, cause);
    };
    const cop = broadcasts.clusterOverridePolicy;
    if (cop) {
      for (const key of await this.reader.bindingKeys()) requests.binding(key, cop);
      await everyNamespace(cop);
    }
    for (const [namespace, cause] of broadcasts.overridePolicyNamespaces) {
      for (const key of await this.reader.bindingKeys(namespace)) requests.binding(key, cause);
    }
    for (const [cluster, cause] of broadcasts.clusters) {
      for (const key of await this.reader.bindingKeysInvolving(cluster)) requests.binding(key, cause);
      await everyNamespace(cause);
    }
  }
}
