import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { deterministicId, DriftCorrected, WorkStatusReported, type Cause, type DriftCorrectedData } from '@karmada-ts/contracts';
import {
  detectDrift,
  executionSpaceName,
  KarmadaAnnotation,
  reportApplied,
  reportObserved,
  redactSecretDrift,
  reportsApplied,
  sameReport,
  type DriftedField,
  type KubeObject,
} from '@karmada-ts/domain';
import { Semaphore, type MemberObjectEvent } from '@karmada-ts/member-access';
import type { Logger } from '@karmada-ts/operability';
import { KeyedSerializer, SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { objectRef, type MemberConnection } from '../members/member-connection.js';
import { MemberConnections } from '../members/member-connections.js';
import { WorkStore, type WorkRow } from '../projections/work-store.js';
import { workKeyId, type WorkKey } from '../projections/works.projection.js';
import { SealedSecretValues } from '../secrets/sealed-secret-values.js';
import { ControllerStatusWait } from './controller-status-wait.js';
import { RetryLaterError } from './retry-later.error.js';
import { WorkStatusLog, workRef, type StatusHead } from './work-status-log.js';

/** When a look at a Work's member objects failed, the next one comes this much later (unless a change comes first). */
const retryDelayMs = 5_000;

/**
 * Looks at member objects in flight at once. After a restart every informer lists its kind and each object it finds
 * asks for a look: 100,000 of them started together held a Work row and a status head each (1.5 GiB of RSS). The
 * rest wait as a Work key each; enough run at once for a Work read to gather hundreds of keys in one query.
 */
const looksInFlight = 256;

/** How a member object that is gone shows in a drift record: the whole object (path "") went from present to absent. */
const deletedObjectDrift: readonly DriftedField[] = [{ path: '', from: 'present', to: 'absent' }];

/**
 * Karmada's work-status controller plus drift correction, driven by the informers on the objects the executor
 * applied: when a member object of a dispatched Work changes, its reflected status and health go into the Work's
 * report; when it no longer holds what the Work applied (changed or deleted out of band), it is applied again and a
 * DriftCorrected event records which fields had changed from what to what.
 */
@Injectable()
export class MemberObjectSync implements OnModuleInit, OnModuleDestroy {
  private readonly retries = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly looks = new Semaphore(looksInFlight);
  /** Works whose look waits for a slot: a trigger meanwhile is covered by it (it reads the newest copy). */
  private readonly waiting = new Set<string>();

  constructor(
    private readonly works: WorkStore,
    private readonly connections: MemberConnections,
    private readonly log: WorkStatusLog,
    private readonly serializer: KeyedSerializer,
    private readonly secretValues: SealedSecretValues,
    private readonly controllerStatus: ControllerStatusWait,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.connections.onObjectEvent((event) => void this.onMemberEvent(event));
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
  }

  /**
   * The informer's event of our own last write (when it arrives after the write's answer) shows what the apply
   * already reported: nothing to look at; nor at a change an apply is waiting for (its report carries it, and the
   * apply looks for drift in it). A deletion is always looked at, whatever version it carries.
   */
  private async onMemberEvent(event: MemberObjectEvent): Promise<void> {
    if (this.controllerStatus.awaits(event)) return;
    if (event.type !== 'deleted' && (await this.connections.existing(event.cluster))?.isOwnWrite(event.object)) return;
    this.trigger(event.cluster, workKeyOf(event.object));
  }

  /**
   * Looks at a Work's member objects again, when one of the looks in flight ends (looksInFlight) and after the Work's
   * own reconcile if one is running. Triggers that come while one is waiting are covered by it: it reads the
   * informer's newest copy when it starts.
   */
  trigger(cluster: string, key: WorkKey | undefined): void {
    if (this.stopped || !key || key.namespace !== executionSpaceName(cluster)) return;
    const id = workKeyId(key);
    if (this.waiting.has(id)) return;
    this.waiting.add(id);
    this.looks.run(() => {
      this.waiting.delete(id);
      return this.stopped ? Promise.resolve() : this.serializer.coalesce(id, () => this.sync(cluster, key));
    }).catch((error: unknown) => {
      this.logger.warn({ err: error, cluster, work: workKeyId(key), retryInMs: retryDelayMs }, 'member objects of a Work not synced; will retry');
      const timer = setTimeout(() => {
        this.retries.delete(timer);
        this.trigger(cluster, key);
      }, retryDelayMs).unref();
      this.retries.add(timer);
    });
  }

  private async sync(cluster: string, key: WorkKey): Promise<void> {
    const row = await this.works.get(key);
    if (!row || row.state.deleting || row.state.cluster !== cluster || row.state.work.spec.suspendDispatching === true) return;
    const connection = await this.connections.existing(cluster);
    const head = await this.log.head(key);
    // Before its first report the Work's own reconcile is still at work, and reports what it applied.
    if (!connection || !head.report) return;
    const applied = reportsApplied(head.report, row.seq);
    const now = new Date().toISOString();
    const { manifests: rendered } = row.state.work.spec.workload;
    // Drift is judged against what was applied: Secrets with their values (a failure to read them is retried).
    const manifests = applied ? await this.secretValues.manifestsToApply(rendered, row.state.sealedManifests) : rendered;
    for (const [index, manifest] of manifests.entries()) {
      const observed = applied ? await this.correctDrift(key, row, connection, manifest, index, now) : connection.cached(objectRef(manifest));
      if (observed) await this.reflect(key, row, observed, now);
    }
  }

  /** The member object once it holds what the manifest asks for (applied again if it did not), if it exists. */
  private async correctDrift(
    key: WorkKey,
    row: WorkRow,
    connection: MemberConnection,
    manifest: KubeObject,
    manifestIndex: number,
    now: string,
  ): Promise<KubeObject | undefined> {
    const cached = connection.cached(objectRef(manifest));
    if (cached && (connection.isOwnWrite(cached) || detectDrift(manifest, cached).length === 0)) return cached;
    // The informer may lag behind the member: decide on the member's own answer.
    const current = await connection.read(objectRef(manifest));
    const fields = current ? detectDrift(manifest, current) : deletedObjectDrift;
    if (fields.length === 0) return current;
    const { work } = row.state;
    const head = await this.log.head(key);
    const cause = this.causeOf(row, connection.cluster, manifest, current, head);
    const result = await connection.apply(work, manifest);
    if (!result.ok) {
      // Left alone (no longer Karmada's) or not possible now: the Work says so.
      await this.log.append(key, (h) => {
        const next = reportApplied(h.report?.status, work, row.seq, [{ error: result.error }], now);
        return sameReport(h.report, next) ? undefined : this.log.envelope(cause, WorkStatusReported, key, h, { work: workRef(work, row.state.cluster), ...next }, now);
      });
      if (result.retryable) throw new RetryLaterError(result.error);
      return current;
    }
    // A Secret's values never enter an event: its drift names the entries that changed, with digests.
    const sealedAnnotations = row.state.sealedManifests?.find((m) => m.manifestIndex === manifestIndex)?.annotations ?? [];
    const recorded = redactSecretDrift(manifest, fields, sealedAnnotations, (value) => this.secretValues.digest(value));
    const drift: DriftCorrectedData = { work: workRef(work, row.state.cluster), object: objectIdentity(manifest), fields: recorded };
    // Recorded once: a replica that appended first has recorded this very correction.
    await this.log.append(key, (h) => (h.seq === head.seq ? this.log.envelope(cause, DriftCorrected, key, h, drift, now) : undefined), head);
    this.logger.info({ cluster: connection.cluster, work: workKeyId(key), fields: fields.map((f) => f.path) }, 'drift corrected');
    return result.object;
  }

  /** Puts the object's reflected status and health into the Work's report, when they changed. */
  private async reflect(key: WorkKey, row: WorkRow, observed: KubeObject, now: string): Promise<void> {
    const { work, cluster } = row.state;
    const cause = this.causeOf(row, cluster, observed, observed, undefined);
    await this.log.append(key, (head) => {
      if (!head.report) return undefined;
      const next = reportObserved(head.report, work, observed);
      return sameReport(head.report, next) ? undefined : this.log.envelope(cause, WorkStatusReported, key, head, { work: workRef(work, cluster), ...next }, now);
    });
  }

  /**
   * What an observation of a member object is caused by: that object version (or its absence at this head), within
   * the correlation of the Work's last change. Replicas observing the same thing derive the same id.
   */
  private causeOf(row: WorkRow, cluster: string, object: KubeObject, current: KubeObject | undefined, head: StatusHead | undefined): Cause {
    const ref = objectRef(object);
    const version = current?.metadata.resourceVersion ?? `absent@${head?.seq ?? 0}`;
    return {
      id: deterministicId('member-object', cluster, ref.apiVersion, ref.kind, ref.namespace ?? '', ref.name, current?.metadata.uid ?? '', version),
      correlationId: row.state.cause.correlationId,
    };
  }
}

/** The Work a member object was applied for (Karmada's work.karmada.io/namespace and name annotations). */
function workKeyOf(object: KubeObject): WorkKey | undefined {
  const namespace = object.metadata.annotations?.[KarmadaAnnotation.WorkNamespace];
  const name = object.metadata.annotations?.[KarmadaAnnotation.WorkName];
  return namespace && name ? { namespace, name } : undefined;
}

function objectIdentity(manifest: KubeObject): DriftCorrectedData['object'] {
  const { namespace, name = '' } = manifest.metadata;
  return { apiVersion: manifest.apiVersion, kind: manifest.kind, ...(namespace ? { namespace } : {}), name };
}
