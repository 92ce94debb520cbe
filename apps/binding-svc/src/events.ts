import { coreEvents, propagationEventTypes, ResourceCreated, ResourceUpdated, TemplateStatusAggregated } from '@karmada-ts/contracts';

/** Every event type binding-svc reads or writes. */
export const bindingEvents = coreEvents.with([ResourceCreated, ResourceUpdated, TemplateStatusAggregated, ...propagationEventTypes]);
