import type { Condition, ConditionStatus } from '../api/meta.js';

/**
 * Flap damping of a cluster's Ready condition, as Karmada's cluster-status controller does it
 * (`--cluster-success-threshold`, `--cluster-failure-threshold`, both 30 s by default): a change between True and
 * not-True is published only after the newly observed status has held for the threshold; until then the published
 * condition stays. Unlike Karmada, whose memory of the observation starts empty after a restart and so publishes the
 * first probe at once, the observation window here is explicit state that restarts from the published condition.
 */
export interface ReadyObservation {
  /** The status the probes have been reporting, and since when (ISO time). */
  readonly status: ConditionStatus;
  readonly since: string;
}

export interface DampingThresholds {
  readonly successThresholdMs: number;
  readonly failureThresholdMs: number;
}

export interface DampedReady {
  /** The condition to publish now: the observed one, or the previously published one while damping holds it back. */
  readonly condition: Condition;
  readonly observation: ReadyObservation;
}

export function dampReadyCondition(
  published: Condition | undefined,
  observed: Condition,
  previous: ReadyObservation | undefined,
  now: string,
  thresholds: DampingThresholds,
): DampedReady {
  const observation: ReadyObservation =
    previous && previous.status === observed.status ? previous : { status: observed.status, since: now };
  if (!published) return { condition: observed, observation };
  const flips =
    (published.status === 'True' && observed.status !== 'True') ||
    (published.status !== 'True' && observed.status === 'True');
  if (!flips) {
    // Same side of Ready: publish the fresh reason and message but keep the time of the last real transition.
    return { condition: { ...observed, lastTransitionTime: published.status === observed.status ? published.lastTransitionTime : now }, observation };
  }
  const threshold = observed.status === 'True' ? thresholds.successThresholdMs : thresholds.failureThresholdMs;
  const heldFor = Date.parse(now) - Date.parse(observation.since);
  return heldFor >= threshold ? { condition: observed, observation } : { condition: published, observation };
}
