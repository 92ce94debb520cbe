import {
  BindingCleanedUp,
  BindingStatusAggregated,
  TemplateStatusAggregated,
  type BindingCleanedUpData,
  type BindingStatusAggregatedData,
  type GroupResourceJson,
  type TemplateRefJson,
  type TemplateStatusAggregatedData,
} from '@karmada-ts/contracts';
import {
  aggregateBindingStatus,
  aggregateTemplateStatus,
  overridePolicyAppliedCondition,
  sameJson,
  setCondition,
  type AggregatedStatusItem,
  type AnyResourceBinding,
  type ClusterOverrideFailure,
  type Condition,
  type KubeObject,
  type Work,
} from '@karmada-ts/domain';
import type { LastEvent } from '../read-models/read-model-tables.js';
import { bindingRefOf } from './binding-ref.js';
import { decided, type Decided } from './subject-decision.js';

export interface BindingStatusInput {
  /** The binding with its placement (scheduledBinding). */
  readonly binding: AnyResourceBinding;
  /** Its live Works with the status executor-svc reported. */
  readonly works: readonly Work[];
  /** From rendering, when it ran: recorded in the OverridePolicyApplied condition; undefined keeps that condition. */
  readonly overrideFailures: readonly ClusterOverrideFailure[] | undefined;
  readonly now: string;
}

/** The binding's status as binding-svc last wrote it, when the subject's last event is about this very binding. */
function previousBindingStatus(binding: AnyResourceBinding, head: LastEvent | undefined): BindingStatusAggregatedData | undefined {
  if (head?.type !== BindingStatusAggregated.type) return undefined;
  const data = head.data as BindingStatusAggregatedData;
  return data.binding.uid === (binding.metadata.uid ?? '') ? data : undefined;
}

/**
 * The binding's aggregatedStatus and conditions (FullyApplied, and OverridePolicyApplied once an override failed),
 * built from its Works on top of what the subject last said; undefined when that is what it already says.
 */
export function decideBindingStatus(input: BindingStatusInput, head: LastEvent | undefined): Decided | undefined {
  const previous = previousBindingStatus(input.binding, head);
  const withPrevious: AnyResourceBinding = {
    ...input.binding,
    status: previous
      ? { aggregatedStatus: previous.aggregatedStatus as unknown as AggregatedStatusItem[], conditions: previous.conditions as unknown as Condition[] }
      : {},
  };
  const status = aggregateBindingStatus(withPrevious, input.works, input.now);
  const aggregatedStatus = status.aggregatedStatus ?? [];
  let conditions = status.conditions ?? [];
  const override = input.overrideFailures && overridePolicyAppliedCondition(conditions, input.overrideFailures);
  if (override) conditions = setCondition(conditions, override, input.now);
  if (previous && sameJson(previous.aggregatedStatus, aggregatedStatus) && sameJson(previous.conditions, conditions)) return undefined;
  const data: BindingStatusAggregatedData = {
    binding: bindingRefOf(input.binding),
    aggregatedStatus: aggregatedStatus as unknown as BindingStatusAggregatedData['aggregatedStatus'],
    conditions: conditions as unknown as BindingStatusAggregatedData['conditions'],
  };
  return decided(BindingStatusAggregated, data);
}

export interface TemplateStatusInput {
  readonly template: KubeObject;
  /** The resource the template is served as. */
  readonly resource: GroupResourceJson;
  /** The binding's aggregatedStatus. */
  readonly items: readonly AggregatedStatusItem[];
  readonly now: string;
}

/**
 * The template's status aggregated from its members (aggregateTemplateStatus) on top of what the subject last said
 * about this very template; undefined when the kind has no aggregation or the status would not change.
 */
export function decideTemplateStatus(input: TemplateStatusInput, head: LastEvent | undefined): Decided | undefined {
  const uid = input.template.metadata.uid;
  const last = head?.type === TemplateStatusAggregated.type ? (head.data as TemplateStatusAggregatedData) : undefined;
  const previous = last && (last.uid ?? '') === (uid ?? '') ? last.status : undefined;
  const template: KubeObject = { ...input.template, status: previous };
  const aggregated = aggregateTemplateStatus(template, input.items, input.now);
  if (aggregated === template) return undefined;
  const data: TemplateStatusAggregatedData = {
    resource: { group: input.resource.group, resource: input.resource.resource },
    ...(input.template.metadata.namespace ? { namespace: input.template.metadata.namespace } : {}),
    name: input.template.metadata.name ?? '',
    ...(uid ? { uid } : {}),
    status: aggregated.status as TemplateStatusAggregatedData['status'],
  };
  return decided(TemplateStatusAggregated, data);
}

/** BindingCleanedUp for a deleting binding whose Works are all cleaned up, unless its subject already says so. */
export function decideBindingCleanedUp(binding: AnyResourceBinding, template: TemplateRefJson, head: LastEvent | undefined): Decided | undefined {
  const ref = bindingRefOf(binding);
  if (head?.type === BindingCleanedUp.type && (head.data as BindingCleanedUpData).binding.uid === ref.uid) return undefined;
  const data: BindingCleanedUpData = { binding: ref, template };
  return decided(BindingCleanedUp, data);
}
