import type { AggregatedStatusItem, GracefulEvictionTask, TargetCluster } from '../api/work.js';

/** Karmada's --graceful-eviction-timeout default: a task without gracePeriodSeconds is dropped after 10 minutes. */
export const DefaultGracefulEvictionTimeoutSeconds = 600;

export interface EvictionTaskAssessment {
  /** The tasks still in force (new ones stamped with `now`). */
  readonly tasks: GracefulEvictionTask[];
  /** The clusters whose task was dropped: their old Works may go now. */
  readonly dropped: string[];
  /** The earliest moment a kept task times out, for a timer; undefined when none will. */
  readonly nextTimeout?: string;
}

/**
 * Karmada's graceful-eviction controller for one binding that the scheduler has just (re)decided, as a pure function:
 * - a task without creationTimestamp is new: it gets `now` and is kept this round;
 * - suppressDeletion true keeps a task forever, false drops it at once;
 * - a task whose creationTimestamp + gracePeriodSeconds (else `defaultTimeoutSeconds`) has come is dropped;
 * - a task is dropped when every target cluster has an aggregated status item that is Healthy (the workload is up
 *   elsewhere); a target without an item (not applied yet) or with another health keeps it.
 * A deadline counts as reached at the deadline itself (Karmada compares with Before, a timer cannot be exact).
 */
export function assessEvictionTasks(
  tasks: readonly GracefulEvictionTask[],
  targets: readonly TargetCluster[],
  health: readonly AggregatedStatusItem[],
  now: string,
  defaultTimeoutSeconds: number = DefaultGracefulEvictionTimeoutSeconds,
): EvictionTaskAssessment {
  const kept: GracefulEvictionTask[] = [];
  const dropped: string[] = [];
  let nextTimeout: number | undefined;
  const healthy = allTargetsHealthy(targets, health);
  const nowMillis = Date.parse(now);
  for (const task of tasks) {
    if (!task.creationTimestamp) {
      kept.push({ ...task, creationTimestamp: now });
      if (task.suppressDeletion === undefined) nextTimeout = earliest(nextTimeout, deadlineOf(task, nowMillis, defaultTimeoutSeconds));
      continue;
    }
    if (task.suppressDeletion !== undefined) {
      if (task.suppressDeletion) kept.push(task);
      else dropped.push(task.fromCluster);
      continue;
    }
    const deadline = deadlineOf(task, Date.parse(task.creationTimestamp), defaultTimeoutSeconds);
    if (deadline <= nowMillis || healthy) {
      dropped.push(task.fromCluster);
      continue;
    }
    kept.push(task);
    nextTimeout = earliest(nextTimeout, deadline);
  }
  return { tasks: kept, dropped, ...(nextTimeout === undefined ? {} : { nextTimeout: new Date(nextTimeout).toISOString() }) };
}

function deadlineOf(task: GracefulEvictionTask, createdMillis: number, defaultTimeoutSeconds: number): number {
  return createdMillis + (task.gracePeriodSeconds ?? defaultTimeoutSeconds) * 1000;
}

/** Karmada's allScheduledResourceInHealthyState: every target has an item, and it is Healthy. */
function allTargetsHealthy(targets: readonly TargetCluster[], health: readonly AggregatedStatusItem[]): boolean {
  return targets.every((target) => health.find((item) => item.clusterName === target.name)?.health === 'Healthy');
}

function earliest(a: number | undefined, b: number): number {
  return a === undefined || b < a ? b : a;
}
