/**
 * What a failover run did, read from the instance's stream in stream order: when the failed member got its NoExecute
 * taint, and for every binding placed on it when it was evicted, when all its replicas were Ready elsewhere, and when
 * its old Work's deletion was asked for. Times are the stream's storage timestamps (see stage-timeline.ts for why).
 */
import {
  BindingStatusAggregated,
  ClusterStatusCollected,
  PlacementDecided,
  WorkDeletionRequested,
  type BindingRefJson,
  type BindingStatusAggregatedData,
  type ClusterStatusCollectedData,
  type PlacementDecidedData,
  type WorkDeletionRequestedData,
} from '@karmada-ts/contracts';
import type { LoggedEvent } from '../propagate/stage-timeline.js';

interface Target {
  readonly name: string;
  readonly replicas?: number;
}

interface BindingTimes {
  /** The latest placement. */
  targets: readonly Target[];
  /** Every target reported Healthy with all its replicas ready (before the failure: on every member). */
  settled: boolean;
  /** Placed on the failed member when it was tainted. */
  affected?: boolean;
  evictedAt?: number;
  readyElsewhereAt?: number;
  oldWorkDeletionAt?: number;
}

/** The figures of one failover, in milliseconds. */
export interface FailoverTimes {
  readonly taintedAt: number | undefined;
  readonly affected: number;
  /** Per affected binding: taint → the placement without the failed member. */
  readonly evicted: readonly number[];
  /** Per affected binding: taint → every replica Ready on the new clusters. */
  readonly readyElsewhere: readonly number[];
  /** Affected bindings whose old Work was asked to go before the new placement was Ready. */
  readonly removedEarly: number;
}

export class FailoverTimeline {
  private readonly bindings = new Map<string, BindingTimes>();
  private tainted: number | undefined;

  /** `member`: the member that fails. */
  constructor(private readonly member: string) {}

  add(event: LoggedEvent): void {
    const { envelope, storedAtMs } = event;
    if (ClusterStatusCollected.is(envelope)) {
      const data = envelope.data as ClusterStatusCollectedData;
      if (this.tainted === undefined && data.name === this.member && (data.controllerTaints ?? []).some((t) => t.effect === 'NoExecute')) {
        this.tainted = storedAtMs;
        for (const times of this.bindings.values()) times.affected = times.targets.some((t) => t.name === this.member);
      }
    } else if (PlacementDecided.is(envelope)) {
      const data = envelope.data as PlacementDecidedData;
      const times = this.times(data.binding);
      if (JSON.stringify(times.targets) !== JSON.stringify(data.clusters)) times.settled = false;
      times.targets = data.clusters;
      if (times.affected && times.evictedAt === undefined && !data.clusters.some((t) => t.name === this.member)) times.evictedAt = storedAtMs;
    } else if (BindingStatusAggregated.is(envelope)) {
      const data = envelope.data as BindingStatusAggregatedData;
      const times = this.times(data.binding);
      times.settled = times.targets.length > 0 && times.targets.every((target) => readyOn(data, target));
      if (times.settled && times.evictedAt !== undefined && times.readyElsewhereAt === undefined) times.readyElsewhereAt = storedAtMs;
    } else if (WorkDeletionRequested.is(envelope)) {
      const data = envelope.data as WorkDeletionRequestedData;
      if (data.binding && data.cluster === this.member) {
        const times = this.times(data.binding);
        if (times.affected && times.oldWorkDeletionAt === undefined) times.oldWorkDeletionAt = storedAtMs;
      }
    }
  }

  /** Bindings whose every replica is Ready where they are placed now. */
  settled(): number {
    return [...this.bindings.values()].filter((times) => times.settled).length;
  }

  /** Affected bindings Ready elsewhere. */
  recovered(): number {
    return [...this.bindings.values()].filter((times) => times.readyElsewhereAt !== undefined).length;
  }

  result(): FailoverTimes {
    const affected = [...this.bindings.values()].filter((times) => times.affected);
    const since = (at: number | undefined) => (at === undefined || this.tainted === undefined ? [] : [at - this.tainted]);
    return {
      taintedAt: this.tainted,
      affected: affected.length,
      evicted: affected.flatMap((times) => since(times.evictedAt)),
      readyElsewhere: affected.flatMap((times) => since(times.readyElsewhereAt)),
      removedEarly: affected.filter((t) => t.oldWorkDeletionAt !== undefined && (t.readyElsewhereAt === undefined || t.oldWorkDeletionAt < t.readyElsewhereAt)).length,
    };
  }

  private times(ref: BindingRefJson): BindingTimes {
    const key = `${ref.namespace ?? ''}/${ref.name}`;
    let times = this.bindings.get(key);
    if (!times) this.bindings.set(key, (times = { targets: [], settled: false }));
    return times;
  }
}

/** The binding's workload is Healthy on the target with as many ready replicas as the target was given. */
function readyOn(data: BindingStatusAggregatedData, target: Target): boolean {
  const item = data.aggregatedStatus.find((i) => i['clusterName'] === target.name);
  const readyReplicas = (item?.['status'] as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
  return item?.['health'] === 'Healthy' && readyReplicas >= (target.replicas ?? 0);
}
