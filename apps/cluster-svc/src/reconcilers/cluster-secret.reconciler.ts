import { Inject, Injectable } from '@nestjs/common';
import type { ResourceWrittenData } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { ClusterFleet } from '../members/cluster-fleet.js';

/** After a batch of Secret events is projected: the clients of the clusters whose credentials changed are rebuilt. */
@Injectable()
export class ClusterSecretReconciler implements BatchReconciler {
  constructor(@Inject(ClusterFleet) private readonly fleet: ClusterFleet) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const secrets = new Map<string, { namespace: string; name: string }>();
    for (const event of events) {
      const { namespace = '', name } = (event.data as Pick<ResourceWrittenData, 'object'>).object?.metadata ?? {};
      if (name) secrets.set(`${namespace}/${name}`, { namespace, name });
    }
    for (const { namespace, name } of secrets.values()) await this.fleet.syncSecret(namespace, name);
  }
}
