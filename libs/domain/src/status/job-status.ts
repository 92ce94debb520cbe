import type { KubeObject } from '../api/meta.js';
import type { AggregatedStatusItem } from '../api/work.js';
import { numberAt, recordAt, recordsAt, stringAt, type JsonObject } from '../interpret/unstructured.js';
import { isMemberConditionType, itemStatus } from './member-conditions.js';

/** A Job status is final once it has a Complete or Failed condition that is True. */
export function jobFinished(status: JsonObject | undefined): 'Complete' | 'Failed' | undefined {
  const done = recordsAt(status, 'conditions').find((c) => (c['type'] === 'Complete' || c['type'] === 'Failed') && c['status'] === 'True');
  return done ? (done['type'] as 'Complete' | 'Failed') : undefined;
}

/**
 * The template status of a Job (Karmada's ParsingJobStatus), or undefined once the template's Job has finished (it is
 * never updated again):
 * - active, succeeded and failed summed;
 * - Failed=True ("JobFailed", "Job executed failed in member clusters a,b") when any member failed;
 * - Complete=True ("Completed", "Job completed") when every member completed, and then SuccessCriteriaMet=True
 *   ("CompletionsReached") when every member met its success criteria;
 * - startTime kept once set, else the earliest when every member started; completionTime the latest when every member
 *   completed.
 * Karmada stamps these conditions with the current time on every pass; here a condition already present with the same
 * status keeps its times, so an unchanged Job is not rewritten.
 */
export function aggregateJobStatus(template: KubeObject, items: readonly AggregatedStatusItem[], now: string): JsonObject | undefined {
  const old = recordAt(template, 'status');
  if (jobFinished(old)) return undefined;
  const totals = { active: 0, succeeded: 0, failed: 0 };
  const failedClusters: string[] = [];
  let completed = 0;
  let criteriaMet = 0;
  const starts: string[] = [];
  const completions: string[] = [];
  for (const item of items) {
    const member = itemStatus(item);
    if (!member) continue;
    totals.active += numberAt(member, 'active') ?? 0;
    totals.succeeded += numberAt(member, 'succeeded') ?? 0;
    totals.failed += numberAt(member, 'failed') ?? 0;
    const finished = jobFinished(member);
    if (finished === 'Complete') completed += 1;
    if (finished === 'Failed') failedClusters.push(item.clusterName);
    if (recordsAt(member, 'conditions').some((c) => c['type'] === 'SuccessCriteriaMet' && c['status'] === 'True')) criteriaMet += 1;
    const start = stringAt(member, 'startTime');
    if (start) starts.push(start);
    const completion = stringAt(member, 'completionTime');
    if (completion) completions.push(completion);
  }

  const conditions: JsonObject[] = [];
  const condition = (type: string, reason: string, message: string): JsonObject => {
    const previous = recordsAt(old, 'conditions').find((c) => c['type'] === type && c['status'] === 'True' && !isMemberConditionType(c['type']));
    return {
      type,
      status: 'True',
      lastProbeTime: previous?.['lastProbeTime'] ?? now,
      lastTransitionTime: previous?.['lastTransitionTime'] ?? now,
      reason,
      message,
    };
  };
  if (failedClusters.length > 0) conditions.push(condition('Failed', 'JobFailed', `Job executed failed in member clusters ${failedClusters.join(',')}`));
  if (completed > 0 && completed === items.length) {
    conditions.push(condition('Complete', 'Completed', 'Job completed'));
    if (criteriaMet === items.length) conditions.push(condition('SuccessCriteriaMet', 'CompletionsReached', 'All member clusters have met success criteria'));
  }

  const oldStart = stringAt(old, 'startTime');
  const startTime = oldStart ?? (starts.length > 0 && starts.length === items.length ? earliest(starts) : undefined);
  const completionTime = completions.length > 0 && completions.length === items.length ? latest(completions) : undefined;
  return {
    ...(conditions.length > 0 ? { conditions } : {}),
    ...(startTime ? { startTime } : {}),
    ...(completionTime ? { completionTime } : {}),
    ...(totals.active ? { active: totals.active } : {}),
    ...(totals.succeeded ? { succeeded: totals.succeeded } : {}),
    ...(totals.failed ? { failed: totals.failed } : {}),
  };
}

function earliest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
