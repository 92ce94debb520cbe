import type { Condition } from '../api/meta.js';

/** A condition to record; its lastTransitionTime is decided by setCondition. */
export type ConditionUpdate = Omit<Condition, 'lastTransitionTime'>;

/**
 * The conditions with `update` recorded (apimachinery's meta.SetStatusCondition): a new type is appended; an existing
 * one takes the new reason, message and observedGeneration, and its lastTransitionTime moves to `now` only when its
 * status changes. A new array is returned; the input is not changed.
 */
export function setCondition(conditions: readonly Condition[] | undefined, update: ConditionUpdate, now: string): Condition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === update.type);
  const existing = index === -1 ? undefined : list[index];
  const lastTransitionTime = existing && existing.status === update.status ? existing.lastTransitionTime : now;
  const next: Condition = { ...update, lastTransitionTime };
  if (index === -1) list.push(next);
  else list[index] = next;
  return list;
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function isConditionTrue(conditions: readonly Condition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === 'True';
}
