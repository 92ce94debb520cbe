import { notReady, ready, type ReadinessCheck } from '@karmada-ts/operability';
import type { EventStore } from './event-store.js';

/** Ready while the event store's NATS connection is open and JetStream answers. */
export function eventStoreReadinessCheck(store: EventStore): ReadinessCheck {
  return {
    name: 'event store',
    check: async () => {
      if (store.connection.isClosed()) return notReady('NATS connection closed');
      await store.lastSequence();
      return ready;
    },
  };
}
