import {
  BindingCleanedUp,
  BindingStatusAggregated,
  TemplateStatusAggregated,
  WorkCleanedUp,
  WorkStatusReported,
  type BindingCleanedUpData,
  type BindingStatusAggregatedData,
  type TemplateStatusAggregatedData,
  type WorkCleanedUpData,
  type WorkStatusReportedData,
} from '@karmada-ts/contracts';
import { latestStateProjection, type Projection } from '@karmada-ts/projections';
import { resourceKey, rowKinds, tables, type EventState } from './read-model-tables.js';

/** `work_statuses`: executor-svc's last report on each Work (its status, or that it cleaned up after it). */
export const workStatusesProjection: Projection = latestStateProjection({
  name: 'work-statuses',
  table: tables.workStatuses,
  upsertOnly: true,
  eventTypes: [WorkStatusReported.type, WorkCleanedUp.type],
  key(event) {
    const { work } = event.data as WorkStatusReportedData | WorkCleanedUpData;
    return { kind: rowKinds.work, namespace: work.namespace, name: work.name };
  },
  state: (event): EventState => ({ type: event.type, data: event.data }),
});

/** `binding_statuses`: binding-svc's last event on each `bindingstatus` subject. */
export const bindingStatusesProjection: Projection = latestStateProjection({
  name: 'binding-statuses',
  table: tables.bindingStatuses,
  upsertOnly: true,
  eventTypes: [BindingStatusAggregated.type, BindingCleanedUp.type],
  key(event) {
    const { binding } = event.data as BindingStatusAggregatedData | BindingCleanedUpData;
    return { kind: rowKinds.binding, namespace: binding.namespace ?? '', name: binding.name };
  },
  state: (event): EventState => ({ type: event.type, data: event.data }),
});

/** `template_statuses`: binding-svc's last event on each `templatestatus` subject. */
export const templateStatusesProjection: Projection = latestStateProjection({
  name: 'template-statuses',
  table: tables.templateStatuses,
  upsertOnly: true,
  eventTypes: [TemplateStatusAggregated.type],
  key(event) {
    const data = event.data as TemplateStatusAggregatedData;
    return { kind: resourceKey(data.resource), namespace: data.namespace ?? '', name: data.name };
  },
  state: (event): EventState => ({ type: event.type, data: event.data }),
});
