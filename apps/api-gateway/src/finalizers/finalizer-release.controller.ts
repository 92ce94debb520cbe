import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { FinalizerReleased } from '@karmada-ts/contracts';
import { eventPattern, JETSTREAM_TRANSPORT, type StoredEvent } from '@karmada-ts/eventstore';
import { isKubeStatusError, type RequestContext } from '@karmada-ts/kube';
import { gatewayDurables } from '../durables.js';
import { KubeApi } from '../kube-api.js';
import { withoutFinalizer } from './release-finalizer.js';

/** A conflicting write between our read and our update: read again and decide again, this many times. */
const attempts = 5;

/**
 * Removes a controller's finalizer when it releases it; when that was the last finalizer of an object being deleted,
 * the resource service deletes the object in the same step. Idempotent: a release already applied finds nothing
 * to remove.
 */
@Controller()
export class FinalizerReleaseController {
  constructor(@Inject(KubeApi) private readonly api: KubeApi) {}

  @EventPattern<string>(eventPattern(gatewayDurables.finalizers, FinalizerReleased.type), JETSTREAM_TRANSPORT)
  async release(@Payload() event: StoredEvent): Promise<void> {
    if (!FinalizerReleased.is(event)) return;
    const { resource, namespace, name } = event.data;
    const { service } = this.api;
    const def = service.registry.versionsOf(resource.group, resource.resource)[0];
    if (!def) return;
    // The releasing controller is the author; the chain continues the request that started it.
    const context: RequestContext = { user: event.actor, requestId: event.id, correlationId: event.correlationId };
    for (let attempt = 1; ; attempt++) {
      let object;
      try {
        object = await service.get(def, namespace ?? '', name);
      } catch (error) {
        if (isKubeStatusError(error) && error.code === 404) return;
        throw error;
      }
      const released = withoutFinalizer(object, event.data);
      if (!released) return;
      try {
        await service.update(def, namespace ?? '', name, released, { context });
        return;
      } catch (error) {
        if (!(isKubeStatusError(error) && error.code === 409) || attempt >= attempts) throw error;
      }
    }
  }
}
