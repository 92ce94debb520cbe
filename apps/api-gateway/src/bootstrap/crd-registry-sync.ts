import type { Subjects } from '@karmada-ts/contracts';
import type { EventStore } from '@karmada-ts/eventstore';
import { crdStorage, crdToDefinitions, type KubeObject, type ResourceRegistry, type ResourceStore, type WatchSubscription } from '@karmada-ts/kube';
import type { Logger } from '@karmada-ts/operability';
import { templateHeadOf } from '../store/template-head.js';

const crds = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };

function serve(registry: ResourceRegistry, crd: KubeObject): void {
  const storage = crdStorage(crd);
  registry.unregister(storage.group, storage.resource);
  registry.register(crdToDefinitions(crd));
}

/**
 * Keeps the served kinds in step with the CustomResourceDefinitions in the stream, whichever replica wrote them: at
 * start the current CRDs (the last event of each CRD subject), then every CRD change as it is appended.
 */
export class CrdRegistrySync {
  private constructor(private readonly watch: WatchSubscription) {}

  static async start(options: { registry: ResourceRegistry; events: EventStore; store: ResourceStore; subjects: Subjects; logger: Logger }): Promise<CrdRegistrySync> {
    const { registry, events, subjects } = options;
    const streamLast = await events.lastSequence();
    const current = new Map<string, KubeObject | undefined>();
    let replayed = 0;
    for await (const event of events.replay(subjects.templateFilter(crds))) {
      current.set(event.subject, templateHeadOf(event).object as KubeObject | undefined);
      replayed = event.seq;
    }
    for (const crd of current.values()) if (crd) serve(registry, crd);
    const watch = await options.store.watch(crds, { fromResourceVersion: String(Math.max(replayed, streamLast)) });
    void (async () => {
      for await (const change of watch) {
        if (change.type === 'DELETED') {
          const storage = crdStorage(change.object);
          registry.unregister(storage.group, storage.resource);
        } else serve(registry, change.object);
      }
    })().catch((err: unknown) => options.logger.error({ err }, 'stopped following CustomResourceDefinitions'));
    return new CrdRegistrySync(watch);
  }

  close(): void {
    this.watch.close();
  }
}
