import { aggregates, durableName, type Subjects } from '@karmada-ts/contracts';
import type { ProjectionConsumer, ServiceDefinition } from '@karmada-ts/service-runtime';
import { BindingModule } from './binding.module.js';
import { bindingEvents } from './events.js';
import { CreateBindingReadModels1764400000000 } from './migrations/1764400000000-create-binding-read-models.js';
import { WorkStatusState1767300000000 } from './migrations/1767300000000-work-status-state.js';
import { bindingsProjection } from './read-models/bindings.projection.js';
import { placementsProjection } from './read-models/placements.projection.js';
import { bindingStatusesProjection, templateStatusesProjection, workStatusesProjection } from './read-models/status.projections.js';
import { resourceKindsProjection, templatesProjection } from './read-models/templates.projection.js';
import { worksProjection } from './read-models/works.projection.js';
import { BindingChangedReconciler } from './reconcilers/binding-changed.reconciler.js';
import { BindingStatusChangedReconciler } from './reconcilers/binding-status-changed.reconciler.js';
import { PlacementChangedReconciler } from './reconcilers/placement-changed.reconciler.js';
import { TemplateChangedReconciler } from './reconcilers/template-changed.reconciler.js';
import { TemplateStatusChangedReconciler } from './reconcilers/template-status-changed.reconciler.js';
import { WorkChangedReconciler } from './reconcilers/work-changed.reconciler.js';
import { WorkStatusChangedReconciler } from './reconcilers/work-status-changed.reconciler.js';

const name = 'binding-svc';

/** binding-svc's durable consumers, one per aggregate it reads. */
export const bindingDurables = {
  templates: durableName(name, 'templates'),
  bindings: durableName(name, 'bindings'),
  placements: durableName(name, 'placements'),
  works: durableName(name, 'works'),
  workStatuses: durableName(name, 'work-statuses'),
  bindingStatuses: durableName(name, 'binding-statuses'),
  templateStatuses: durableName(name, 'template-statuses'),
} as const;

/**
 * Larger batches: binding-svc's inputs come by the thousand (one per template, binding or Work). Each consumer holds
 * a fifth of a batch beside the one it handles (not the default three batches): seven consumers with 2,000 messages
 * each kept 50 MiB of message buffers during `propagate 10,000 × 10`, and a backlog waits as well on the server. The
 * next batch is pulled while one is handled, so a handful of messages is enough to have one ready.
 */
const bulk = { batchSize: 500, maxAckPending: 600 };

function projectionConsumers(subjects: Subjects): ProjectionConsumer[] {
  return [
    {
      consumer: { durable: bindingDurables.templates, filterSubject: subjects.templateFilter(), ...bulk },
      projections: [templatesProjection, resourceKindsProjection],
      reconciler: TemplateChangedReconciler,
    },
    {
      consumer: { durable: bindingDurables.bindings, filterSubject: subjects.aggregateFilter(aggregates.binding), ...bulk },
      projections: [bindingsProjection],
      reconciler: BindingChangedReconciler,
    },
    {
      consumer: { durable: bindingDurables.placements, filterSubject: subjects.aggregateFilter(aggregates.placement), ...bulk },
      projections: [placementsProjection],
      reconciler: PlacementChangedReconciler,
    },
    {
      consumer: { durable: bindingDurables.works, filterSubject: subjects.aggregateFilter(aggregates.work), ...bulk },
      projections: [worksProjection],
      reconciler: WorkChangedReconciler,
    },
    {
      consumer: { durable: bindingDurables.workStatuses, filterSubject: subjects.aggregateFilter(aggregates.workStatus), ...bulk },
      projections: [workStatusesProjection],
      reconciler: WorkStatusChangedReconciler,
      readsStatuses: true,
    },
    {
      consumer: { durable: bindingDurables.bindingStatuses, filterSubject: subjects.aggregateFilter(aggregates.bindingStatus), ...bulk },
      projections: [bindingStatusesProjection],
      reconciler: BindingStatusChangedReconciler,
    },
    {
      consumer: { durable: bindingDurables.templateStatuses, filterSubject: subjects.templateStatusFilter(), ...bulk },
      projections: [templateStatusesProjection],
      reconciler: TemplateStatusChangedReconciler,
    },
  ];
}

/**
 * binding-svc: renders one Work per target cluster with overrides applied (and sends Namespaces to every cluster),
 * aggregates the Works' status into the binding's and the template's, and completes deleting bindings' cleanup.
 */
export const bindingService: ServiceDefinition = {
  name,
  module: BindingModule,
  events: bindingEvents,
  migrations: [CreateBindingReadModels1764400000000, WorkStatusState1767300000000],
  projections: projectionConsumers,
};
