import {
  ClusterStatusCollected,
  coreEvents,
  FinalizerReleased,
  ResourceCreated,
  ResourceUpdated,
  TemplateClaimed,
  TemplateClaimReleased,
  TemplateStatusAggregated,
} from '@karmada-ts/contracts';

/** What the gateway writes (template events) and reads (the other parts of objects, finalizer releases). */
export const gatewayEvents = coreEvents.with([
  ResourceCreated,
  ResourceUpdated,
  TemplateClaimed,
  TemplateClaimReleased,
  TemplateStatusAggregated,
  ClusterStatusCollected,
  FinalizerReleased,
]);
