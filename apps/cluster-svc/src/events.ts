import {
  ClusterStatusCollected,
  coreEvents,
  FinalizerReleased,
  ResourceCreated,
  ResourceUpdated,
  WorkCleanedUp,
  WorkDeletionRequested,
  WorkRendered,
} from '@karmada-ts/contracts';

/** Every event type cluster-svc reads or writes (ResourceDeleted is a core event). */
export const clusterEvents = coreEvents.with([
  ResourceCreated,
  ResourceUpdated,
  WorkRendered,
  WorkDeletionRequested,
  WorkCleanedUp,
  ClusterStatusCollected,
  FinalizerReleased,
]);
