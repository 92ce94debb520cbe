import {
  BindingCleanedUp,
  BindingStatusAggregated,
  BindingUpserted,
  ClusterStatusCollected,
  coreEvents,
  FinalizerReleased,
  ResourceCreated,
  ResourceUpdated,
  TemplateClaimed,
  TemplateClaimReleased,
  TemplateStatusAggregated,
  PlacementDecided,
  WorkCleanedUp,
  WorkDeletionRequested,
  WorkRendered,
  WorkStatusReported,
} from '@karmada-ts/contracts';

/**
 * What the gateway writes (template events) and reads: the other parts of objects, the controllers' bindings and
 * Works with their parts, finalizer releases.
 */
export const gatewayEvents = coreEvents.with([
  ResourceCreated,
  ResourceUpdated,
  TemplateClaimed,
  TemplateClaimReleased,
  TemplateStatusAggregated,
  ClusterStatusCollected,
  FinalizerReleased,
  BindingUpserted,
  PlacementDecided,
  BindingStatusAggregated,
  BindingCleanedUp,
  WorkRendered,
  WorkDeletionRequested,
  WorkStatusReported,
  WorkCleanedUp,
]);
