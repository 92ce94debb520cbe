import { aggregates, BindingCleanedUp } from '@karmada-ts/contracts';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { policyDurables } from './durables.js';
import { policyEvents } from './events.js';
import { CreateDetectorReadModels1764400000000 } from './migrations/1764400000000-create-detector-read-models.js';
import { IndexBindingDependencies1766700000000 } from './migrations/1766700000000-index-binding-dependencies.js';
import { LabelIndexWithoutPendingList1767000000000 } from './migrations/1767000000000-label-index-without-pending-list.js';
import { PolicyModule } from './policy.module.js';
import { bindingsProjection } from './read-models/bindings.projection.js';
import { claimsProjection } from './read-models/claims.projection.js';
import { cleanupsProjection } from './read-models/cleanups.projection.js';
import { placementsProjection } from './read-models/placements.projection.js';
import { templatesProjection } from './read-models/templates.projection.js';
import { BindingsReconciler } from './reconcilers/bindings.reconciler.js';
import { ClaimsReconciler } from './reconcilers/claims.reconciler.js';
import { CleanupsReconciler } from './reconcilers/cleanups.reconciler.js';
import { TemplatesReconciler } from './reconcilers/templates.reconciler.js';

/** policy-svc: the resource detector: matches templates to propagation policies and produces bindings. */
export const policyService: ServiceDefinition = {
  name: 'policy-svc',
  module: PolicyModule,
  events: policyEvents,
  migrations: [CreateDetectorReadModels1764400000000, IndexBindingDependencies1766700000000, LabelIndexWithoutPendingList1767000000000],
  projections: (subjects) => [
    {
      consumer: { durable: policyDurables.templates, filterSubject: subjects.templateFilter() },
      projections: [templatesProjection],
      reconciler: TemplatesReconciler,
    },
    {
      consumer: { durable: policyDurables.claims, filterSubject: subjects.aggregateFilter(aggregates.claim) },
      projections: [claimsProjection],
      reconciler: ClaimsReconciler,
    },
    {
      consumer: { durable: policyDurables.bindings, filterSubject: subjects.aggregateFilter(aggregates.binding) },
      projections: [bindingsProjection],
      reconciler: BindingsReconciler,
    },
    {
      consumer: { durable: policyDurables.placements, filterSubject: subjects.aggregateFilter(aggregates.placement) },
      projections: [placementsProjection],
      reconciler: BindingsReconciler,
    },
    {
      // Binding status subjects carry every aggregation; only the clean-ups matter here (the rest are not decoded).
      consumer: {
        durable: policyDurables.bindingStatuses,
        filterSubject: subjects.aggregateFilter(aggregates.bindingStatus),
        eventTypes: [BindingCleanedUp.type],
      },
      projections: [cleanupsProjection],
      reconciler: CleanupsReconciler,
      readsStatuses: true,
    },
  ],
};
