import {
  ClusterStatusCollected,
  coreEvents,
  DriftCorrected,
  ResourceCreated,
  ResourceUpdated,
  WorkCleanedUp,
  WorkDeletionRequested,
  WorkRendered,
  WorkStatusReported,
} from '@karmada-ts/contracts';

/** Every event type executor-svc reads (Works, Cluster specs and Secrets, Cluster status) or writes (workstatus). */
export const executorEvents = coreEvents.with([
  ResourceCreated,
  ResourceUpdated,
  ClusterStatusCollected,
  WorkRendered,
  WorkDeletionRequested,
  WorkStatusReported,
  DriftCorrected,
  WorkCleanedUp,
]);
