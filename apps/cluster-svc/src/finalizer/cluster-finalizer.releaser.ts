import { Inject, Injectable } from '@nestjs/common';
import { causedBy, FinalizerReleased, type Subjects } from '@karmada-ts/contracts';
import { clusterFinalizerReleasable, executionSpaceName, KarmadaFinalizer } from '@karmada-ts/domain';
import { retryOnConflict, type EventStore } from '@karmada-ts/eventstore';
import type { StateRow } from '@karmada-ts/projections';
import { EVENT_STORE, ProjectionRunners, SUBJECTS } from '@karmada-ts/service-runtime';
import { clusterDurables, clusterSvcName } from '../durables.js';
import { ClusterReadModel } from '../read-models/cluster-read-model.js';
import { LiveWorksReader } from '../read-models/live-works.reader.js';
import { clusterResource, type ClusterRow, type RowCause } from '../read-models/read-models.js';

const maxAttempts = 3;

/**
 * Releases `karmada.io/cluster-controller` from a deleting Cluster once no Work of its execution namespace is left
 * uncleaned (FinalizerReleased on cluster-svc's finalizer subject of the Cluster; the gateway then completes the
 * deletion). Level-triggered: called for a Cluster's spec events, for Work events of its namespace and on every
 * resync, it looks at the read models and appends at most once per Cluster (the head of the subject says so).
 */
@Injectable()
export class ClusterFinalizerReleaser {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(ClusterReadModel) private readonly clusters: ClusterReadModel,
    @Inject(LiveWorksReader) private readonly works: LiveWorksReader,
    @Inject(ProjectionRunners) private readonly runners: ProjectionRunners,
  ) {}

  async release(name: string): Promise<void> {
    const row = await this.clusters.cluster(name);
    if (row) await this.releaseRow(row);
  }

  /** release() for each of these Clusters, read with one query (the clusters a batch of Work events touched). */
  async releaseEach(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    for (const row of await this.clusters.clustersNamed(names)) await this.releaseRow(row);
  }

  private async releaseRow(row: StateRow<ClusterRow>): Promise<void> {
    const { name } = row;
    const { metadata } = row.state.cluster;
    // Not deleting, or the finalizer is gone already: nothing to wait for.
    if (!clusterFinalizerReleasable(metadata, 0)) return;
    // A Work event not projected yet would be missed: the Work read models must be at the stream's head. If they
    // are not, their next batch (whose reconciler calls this again) or the next resync retries.
    if (!(await this.workModelsCaughtUp())) return;
    const uncleaned = await this.works.uncleanedWorks(executionSpaceName(name));
    if (!clusterFinalizerReleasable(metadata, uncleaned)) return;
    await this.append(name, metadata.uid, row.state.cause);
  }

  private async append(name: string, uid: string | undefined, cause: RowCause): Promise<void> {
    const subject = this.subjects.finalizer(clusterSvcName, clusterResource, undefined, name);
    await retryOnConflict(maxAttempts, async () => {
      const head = await this.store.readLast(subject);
      if (head && FinalizerReleased.is(head) && head.data.uid === uid) return;
      const envelope = causedBy(cause, FinalizerReleased, {
        subject,
        time: cause.time,
        actor: clusterSvcName,
        data: { resource: { ...clusterResource }, name, ...(uid ? { uid } : {}), finalizer: KarmadaFinalizer.ClusterController },
      });
      await this.store.append(subject, envelope, { expectedSeq: head?.seq ?? 0 });
    });
  }

  private async workModelsCaughtUp(): Promise<boolean> {
    const workConsumers = new Set<string>([clusterDurables.works, clusterDurables.workCleanups]);
    const consumers = this.runners.all().filter((r) => workConsumers.has(r.consumer.consumer.durable));
    const positions = await Promise.all(
      consumers.map(async ({ runner, consumer }) => ({
        checkpoint: await runner.checkpoint(),
        head: await this.store.lastSequence(consumer.consumer.filterSubject),
      })),
    );
    return positions.every((p) => p.checkpoint >= p.head);
  }
}
