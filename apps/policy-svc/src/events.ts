import {
  BindingCleanedUp,
  BindingStatusAggregated,
  BindingUpserted,
  coreEvents,
  FinalizerReleased,
  PlacementDecided,
  ResourceCreated,
  ResourceUpdated,
  TemplateClaimed,
  TemplateClaimReleased,
} from '@karmada-ts/contracts';

/** Every event type policy-svc reads or writes (ResourceDeleted is a core event). */
export const policyEvents = coreEvents.with([
  ResourceCreated,
  ResourceUpdated,
  TemplateClaimed,
  TemplateClaimReleased,
  BindingUpserted,
  PlacementDecided,
  BindingStatusAggregated,
  BindingCleanedUp,
  FinalizerReleased,
]);
