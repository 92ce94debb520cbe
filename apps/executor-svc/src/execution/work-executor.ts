import { Inject, Injectable } from '@nestjs/common';
import { WorkCleanedUp, WorkStatusReported, type Envelope } from '@karmada-ts/contracts';
import {
  detectDrift,
  reportApplied,
  reportsApplied,
  reportSuspended,
  sameReport,
  type KubeObject,
  type ManifestOutcome,
  type Work,
  type WorkReport,
} from '@karmada-ts/domain';
import { MemberConfigError } from '@karmada-ts/member-access';
import type { Logger } from '@karmada-ts/operability';
import { KeyedSerializer, SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { ClusterViews, type ClusterView } from '../members/cluster-views.js';
import { objectRef, type ApplyResult, type MemberConnection } from '../members/member-connection.js';
import { MemberConnections } from '../members/member-connections.js';
import { WorkStore, type WorkRow } from '../projections/work-store.js';
import { workKeyId, type WorkKey } from '../projections/works.projection.js';
import { SealedSecretValues, SecretValuesUnavailableError } from '../secrets/sealed-secret-values.js';
import { ApplyRetries } from './apply-retries.js';
import { BatchClusters } from './batch-clusters.js';
import { ControllerStatusWait } from './controller-status-wait.js';
import { MemberObjectSync } from './member-object-sync.js';
import { RetryLaterError } from './retry-later.error.js';
import { emptyHead, WorkStatusLog, workRef, type StatusHead } from './work-status-log.js';
import { WorkSyncMetrics } from './work-sync-metrics.js';

/**
 * Karmada's execution controller for the Works of one batch: dispatches each Work to its member (server-side apply)
 * or removes what it applied, and reports on the Work's `workstatus` subject. Works are reconciled side by side, each
 * from the newest state of the read model (level-triggered), and a Work that has to wait never holds up the others.
 */
@Injectable()
export class WorkExecutor {
  constructor(
    private readonly works: WorkStore,
    private readonly clusters: ClusterViews,
    private readonly connections: MemberConnections,
    private readonly log: WorkStatusLog,
    private readonly serializer: KeyedSerializer,
    private readonly retries: ApplyRetries,
    private readonly secretValues: SealedSecretValues,
    private readonly controllerStatus: ControllerStatusWait,
    private readonly objectSync: MemberObjectSync,
    private readonly syncMetrics: WorkSyncMetrics,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Reconciles the Works, all of them, then throws if some must be retried (a permanent failure is reported as
   * Applied=False instead, and not retried).
   */
  async reconcileAll(keys: readonly WorkKey[]): Promise<void> {
    const failures: { key: WorkKey; error: Error }[] = [];
    await this.reconcileEach(keys, (key, error) => {
      if (error) failures.push({ key, error });
    });
    if (failures.length === 0) return;
    for (const { key, error } of failures) this.logger.warn({ err: error, work: workKeyId(key) }, 'work not reconciled; it will be retried');
    throw new RetryLaterError(`${failures.length} of ${keys.length} Works will be retried: ${failures.map((f) => `${workKeyId(f.key)}: ${f.error.message}`).join('; ')}`);
  }

  /**
   * Reconciles the Works side by side and tells `done` of each as soon as it is through, with the error when it must
   * be retried; resolves once every Work is through.
   */
  async reconcileEach(keys: readonly WorkKey[], done: (key: WorkKey, error?: Error) => void): Promise<void> {
    const clusters = new BatchClusters(this.clusters, this.connections);
    const prefetched = await this.prefetch(keys);
    await Promise.all(
      keys.map((key) =>
        this.reconcile(key, clusters, prefetched.get(workKeyId(key))).then(
          () => done(key),
          (error: unknown) => done(key, error as Error),
        ),
      ),
    );
  }

  /**
   * The batch's Works in one read, each with the head of its status subject as far as known without a read: the
   * remembered one, else empty when the reports read model has never seen the Work (a wrong guess only makes the
   * report's append conflict and read the head).
   */
  private async prefetch(keys: readonly WorkKey[]): Promise<Map<string, { row: WorkRow; head: StatusHead | undefined }>> {
    const found = await this.works.getMany(keys);
    return new Map(
      [...found].map(([id, { row, reported }]) => [id, { row, head: this.log.remembered(row) ?? (reported ? undefined : emptyHead) }]),
    );
  }

  private reconcile(key: WorkKey, clusters: BatchClusters, prefetched: { row: WorkRow; head: StatusHead | undefined } | undefined): Promise<void> {
    const id = workKeyId(key);
    return this.serializer.run(id, async () => {
      // The batch's read may be older than one an earlier reconcile of this Work has since acted on: then read again.
      const fresh = prefetched !== undefined && !this.works.superseded(prefetched.row);
      const row = fresh ? prefetched.row : await this.works.get(key);
      if (!row) {
        this.retries.cancel(id);
        return;
      }
      const view = await clusters.view(row.state.cluster);
      const head = fresh ? prefetched.head : undefined;
      if (row.state.deleting) await this.cleanUp(key, row, view, clusters, head);
      else await this.dispatch(key, row, view, clusters, head);
    });
  }

  private async dispatch(key: WorkKey, row: WorkRow, view: ClusterView, clusters: BatchClusters, knownHead: StatusHead | undefined): Promise<void> {
    const { work, cause } = row.state;
    if (work.spec.suspendDispatching === true) {
      await this.log.append(key, (head) => this.reportEvent(key, row, head, reportSuspended(head.report?.status, work, row.seq, cause.time)), knownHead);
      return;
    }
    if (!view.cluster) throw new RetryLaterError(`cluster ${view.name} is not known`);
    if (!view.ready) throw new RetryLaterError(`cluster(${view.name}) not ready`);
    let connection: MemberConnection;
    try {
      connection = await clusters.connect(view.cluster);
    } catch (error) {
      if (!(error instanceof MemberConfigError)) throw error;
      await this.report(key, row, work.spec.workload.manifests.map(() => ({ error: error.message })));
      return;
    }
    const manifests = await this.manifestsToApply(row);
    const head = knownHead ?? (await this.log.head(key));
    // A redelivered event, or a batch retried for another Work's sake: nothing to do when the member already agrees.
    if (reportsApplied(head.report, row.seq) && manifests.every((manifest) => inSync(connection, manifest))) {
      this.retries.cancel(workKeyId(key));
      return;
    }
    const syncStartedAt = performance.now();
    const applied = await Promise.all(manifests.map((manifest) => connection.apply(work, manifest)));
    this.syncMetrics.synced((performance.now() - syncStartedAt) / 1000, applied.every((result) => result.ok));
    const results = await Promise.all(applied.map((result, index) => this.settle(key, connection, manifests[index]!, result)));
    await this.report(key, row, results.map(outcomeOf), head);
    const retryable = results.flatMap((r) => (!r.ok && r.retryable ? [r.error] : []));
    if (retryable.length > 0) throw new RetryLaterError(retryable.join('; '));
    // A failure that retrying now cannot help (a conflict with the member's own object, a refused manifest) is
    // reported, then tried again later, as Karmada requeues it.
    if (results.every((r) => r.ok)) this.retries.cancel(workKeyId(key));
    else this.retries.schedule(workKeyId(key), row.seq, () => this.retry(key, row.seq));
  }

  /**
   * A successful apply, with the status the member's controller then wrote. Changes made meanwhile are not looked at
   * by MemberObjectSync (see ControllerStatusWait.awaits) unless the wait hands them on: a drift, or a change the
   * report could not take.
   */
  private async settle(key: WorkKey, connection: MemberConnection, manifest: KubeObject, result: ApplyResult): Promise<ApplyResult> {
    if (!result.ok) return result;
    const { object, lookAgain } = await this.controllerStatus.settled(connection, manifest, result.object);
    if (lookAgain) this.objectSync.trigger(connection.cluster, key);
    return { ok: true, object };
  }

  /** A retry planned by ApplyRetries; one that cannot run now (reconcileAll logged why) is planned again, later. */
  private async retry(key: WorkKey, seq: number): Promise<void> {
    try {
      await this.reconcileAll([key]);
    } catch {
      this.retries.schedule(workKeyId(key), seq, () => this.retry(key, seq));
    }
  }

  /**
   * Karmada's deletion branch: delete (or, with preserveResourcesOnDeletion, release) the member objects, then say so.
   * A cluster that is not ready blocks the clean-up unless it is being unjoined: then nothing is asked of it.
   */
  private async cleanUp(key: WorkKey, row: WorkRow, view: ClusterView, clusters: BatchClusters, knownHead: StatusHead | undefined): Promise<void> {
    const { work, cause, cluster } = row.state;
    this.retries.cancel(workKeyId(key));
    const first = knownHead ?? (await this.log.head(key));
    const cleanedUp = (head: StatusHead) => head.cleanedUpSeq !== undefined && head.cleanedUpSeq > row.seq;
    if (cleanedUp(first)) return;
    if (!view.cluster) throw new RetryLaterError(`cluster ${view.name} is not known`);
    const preserve = work.spec.preserveResourcesOnDeletion === true;
    if (view.ready) {
      const connection = await clusters.connect(view.cluster);
      for (const manifest of work.spec.workload.manifests) await connection.remove(manifest, preserve);
    } else if (!view.terminating) {
      throw new RetryLaterError(`cluster(${view.name}) not ready`);
    }
    await this.log.append(
      key,
      (head) => (cleanedUp(head) ? undefined : this.log.envelope(cause, WorkCleanedUp, key, head, { work: workRef(work, cluster), preserved: preserve }, cause.time)),
      first,
    );
  }

  /** The Work's manifests with the values of its Secrets, read only now, right before they are applied. */
  private async manifestsToApply(row: WorkRow): Promise<KubeObject[]> {
    try {
      return await this.secretValues.manifestsToApply(row.state.work.spec.workload.manifests, row.state.sealedManifests);
    } catch (error) {
      if (error instanceof SecretValuesUnavailableError) throw new RetryLaterError(error.message);
      throw error;
    }
  }

  private report(key: WorkKey, row: WorkRow, outcomes: readonly ManifestOutcome[], first?: StatusHead): Promise<number | undefined> {
    const { work, cause } = row.state;
    return this.log.append(key, (head) => this.reportEvent(key, row, head, reportApplied(head.report?.status, work, row.seq, outcomes, cause.time)), first);
  }

  /** The report as an event, unless it says nothing new. */
  private reportEvent(key: WorkKey, row: WorkRow, head: StatusHead, next: WorkReport): Envelope | undefined {
    if (sameReport(head.report, next)) return undefined;
    const { work, cause, cluster } = row.state;
    return this.log.envelope(cause, WorkStatusReported, key, head, { work: workRef(work, cluster), ...next }, cause.time);
  }
}

/** The member holds what the manifest asks for: the informer's copy is our own last write, or shows no drift. */
function inSync(connection: MemberConnection, manifest: KubeObject): boolean {
  const cached = connection.cached(objectRef(manifest));
  return cached !== undefined && (connection.isOwnWrite(cached) || detectDrift(manifest, cached).length === 0);
}

function outcomeOf(result: ApplyResult): ManifestOutcome {
  return result.ok ? { observed: result.object } : { error: result.error };
}
