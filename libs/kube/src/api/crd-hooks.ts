import { crdStorage, crdToDefinitions, establishedCrdStatus, validateCrd } from '../crd/custom-resources.js';
import { deepEqual } from '../util/json.js';
import { formatTimestamp } from '../util/time.js';
import type { KubeObject } from './object.js';
import type { ResourceService } from './resource-service.js';

const crdResource = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };

/**
 * Serves CustomResourceDefinitions: a created or updated CRD is validated, marked Established, and its served
 * versions are registered in the service's registry; deleting it unregisters them and deletes its instances.
 */
export function installCustomResourceDefinitions(service: ResourceService): void {
  service.addHooks(crdResource, {
    validate: (crd) => validateCrd(crd),
    default: (crd, old, ctx) => {
      if (ctx.subresource === 'status' || (old && deepEqual(old['spec'], crd['spec']))) return crd;
      return { ...crd, status: establishedCrdStatus(crd, formatTimestamp(ctx.now)) };
    },
    afterCommit: async ({ type, object, old }, ctx) => {
      if (old) service.registry.unregister(crdStorage(old).group, crdStorage(old).resource);
      if (type !== 'DELETED') {
        service.registry.register(crdToDefinitions(object));
        return;
      }
      const storage = crdStorage(object);
      service.registry.unregister(storage.group, storage.resource);
      const instances = await service.store.list(storage);
      for (const instance of instances.items) {
        await service.store.delete({ ...storage, namespace: instance.metadata.namespace ?? '', name: instance.metadata.name ?? '' }, { context: ctx.request });
      }
    },
  });
}

/** Registers the kinds of every stored CRD (after a restart of a persistent store). */
export async function loadCustomResourceDefinitions(service: ResourceService): Promise<void> {
  const { items } = await service.store.list(crdResource);
  for (const crd of items as KubeObject[]) service.registry.register(crdToDefinitions(crd));
}
