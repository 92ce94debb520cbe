import { Injectable, type OnModuleInit } from '@nestjs/common';
import { controllerObserved, detectDrift, hasStatusController, replicasCreated, type KubeObject } from '@karmada-ts/domain';
import type { MemberObjectEvent } from '@karmada-ts/member-access';
import { objectRef, type MemberConnection } from '../members/member-connection.js';
import { MemberConnections } from '../members/member-connections.js';

/**
 * How long an apply's report waits at most for the member's controller. A Deployment's controller answers within
 * milliseconds with the status of its new ReplicaSet; waiting for that answer puts it into the apply's report, which
 * spares a second report (and the binding and template aggregations it sets off) for each Work.
 */
const maxWaitMs = 250;
/**
 * Once the controller has answered, follow-up status writes that come this close together go into the same report,
 * until the controller has created every replica (replicasCreated): the next change, readiness, takes seconds.
 */
const quietMs = 25;

/** An applied object with the status its controller gave it. */
export interface SettledApply {
  readonly object: KubeObject;
  /**
   * A change that came during the wait still needs a look (MemberObjectSync): it drifted from the manifest, or the
   * controller never answered and the report does not carry it.
   */
  readonly lookAgain: boolean;
}

/** One object being waited for: its newest copy, and who to wake when another comes. */
interface Watched {
  readonly uid: string | undefined;
  latest: KubeObject;
  gone: boolean;
  wake: (() => void) | undefined;
}

/**
 * Waits, right after an apply, for the member's controller to write the status of what was applied (kinds with a
 * status controller only, see hasStatusController), and then for its follow-up writes, so that the report
 * of the apply carries the status. Bounded by maxWaitMs: a slow or absent controller only costs that wait, and the
 * status it writes later is reflected as any other change (MemberObjectSync).
 */
@Injectable()
export class ControllerStatusWait implements OnModuleInit {
  private readonly watched = new Map<string, Set<Watched>>();

  constructor(private readonly connections: MemberConnections) {}

  onModuleInit(): void {
    this.connections.onObjectEvent((event) => this.observe(event));
  }

  /**
   * What the apply of `manifest` wrote, with the status its controller then gave it (unless it gave none before the
   * deadline); and whether a change that came meanwhile still needs a look.
   *
   * Only the status is taken from the controller's copy. The informer may hand over a copy older than the write (the
   * watch lags behind the apply's answer): one of the same generation already observed has a valid status, but not
   * the labels and annotations this apply may just have changed.
   */
  async settled(connection: MemberConnection, manifest: KubeObject, written: KubeObject): Promise<SettledApply> {
    const { latest, observed } = await this.wait(connection, written);
    if (!observed) return { object: written, lookAgain: latest !== written };
    const { status } = latest;
    return {
      object: { ...written, ...(status === undefined ? {} : { status }) },
      lookAgain: !connection.isOwnWrite(latest) && detectDrift(manifest, latest).length > 0,
    };
  }

  /**
   * The newest copy once the controller has answered the written generation and settled, or at the deadline (or the
   * object's deletion), with whether it answered.
   */
  private async wait(connection: MemberConnection, written: KubeObject): Promise<{ latest: KubeObject; observed: boolean }> {
    if (!hasStatusController(written)) return { latest: written, observed: false };
    const key = objectKey(connection.cluster, written);
    const cached = connection.cached(objectRef(written));
    const entry: Watched = { uid: written.metadata.uid, latest: cached && controllerObserved(written, cached) ? cached : written, gone: false, wake: undefined };
    const entries = this.watched.get(key) ?? new Set<Watched>();
    entries.add(entry);
    this.watched.set(key, entries);
    try {
      const deadline = Date.now() + maxWaitMs;
      while (!entry.gone && !controllerObserved(written, entry.latest)) {
        if (!(await this.change(entry, deadline - Date.now()))) return { latest: entry.latest, observed: false };
      }
      while (!entry.gone && !replicasCreated(entry.latest) && (await this.change(entry, Math.min(quietMs, deadline - Date.now()))));
      return { latest: entry.latest, observed: !entry.gone };
    } finally {
      entries.delete(entry);
      if (entries.size === 0) this.watched.delete(key);
    }
  }

  /** Resolves true when the object changes within `ms`, false when it does not. */
  private change(entry: Watched, ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        entry.wake = undefined;
        resolve(false);
      }, ms);
      entry.wake = () => {
        clearTimeout(timer);
        entry.wake = undefined;
        resolve(true);
      };
    });
  }

  /**
   * Whether an apply is waiting for this change of a member object: its report will carry the change, so nobody else
   * needs to look at it.
   */
  awaits(event: MemberObjectEvent): boolean {
    if (event.type === 'deleted') return false;
    for (const entry of this.watched.get(objectKey(event.cluster, event.object)) ?? []) if (entry.uid === event.object.metadata.uid) return true;
    return false;
  }

  private observe(event: MemberObjectEvent): void {
    const entries = this.watched.get(objectKey(event.cluster, event.object));
    if (!entries) return;
    for (const entry of entries) {
      if (event.object.metadata.uid !== entry.uid) continue;
      if (event.type === 'deleted') entry.gone = true;
      else entry.latest = event.object;
      entry.wake?.();
    }
  }
}

function objectKey(cluster: string, object: KubeObject): string {
  const { apiVersion, kind, namespace = '', name } = objectRef(object);
  return `${cluster}/${apiVersion}/${kind}/${namespace}/${name}`;
}
