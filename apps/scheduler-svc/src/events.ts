import {
  BindingStatusAggregated,
  BindingUpserted,
  ClusterStatusCollected,
  coreEvents,
  PlacementDecided,
  ResourceCreated,
  ResourceUpdated,
} from '@karmada-ts/contracts';

/** Every event type scheduler-svc reads or writes (ResourceDeleted is a core event). */
export const schedulerEvents = coreEvents.with([
  ResourceCreated,
  ResourceUpdated,
  ClusterStatusCollected,
  BindingUpserted,
  PlacementDecided,
  BindingStatusAggregated,
]);
