import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Cluster } from '@karmada-ts/domain';
import { ClusterStatusCollector, MemberClient, MemberConfigError, memberKubeConfig } from '@karmada-ts/member-access';
import type { Logger } from '@karmada-ts/operability';
import { ownsCluster, SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { CLUSTER_SVC_CONFIG, type ClusterSvcConfig } from '../config/cluster-svc-config.js';
import { ClusterFinalizerReleaser } from '../finalizer/cluster-finalizer.releaser.js';
import { ClusterReadModel, type ClusterSnapshot, type ClusterVersion } from '../read-models/cluster-read-model.js';
import { ClusterStatusRefresher } from '../status/cluster-status.refresher.js';
import { ClusterMember } from './cluster-member.js';
import { MEMBER_CREDENTIALS, type MemberCredentialsSource } from './member-credentials.js';
import { MemberDisruptions } from './member-disruptions.js';

/**
 * The member clusters this process probes: one ClusterMember (client, status collector entry, damping window,
 * wake-up timer) per Push cluster it owns that is not being deleted. It follows the clusters read model: a
 * reconciler wakes it for the clusters and Secrets of a batch, and a resync every status interval compares
 * versions with the read model, which brings in what other replicas' consumers projected, retries credentials that
 * could not be read, and retries finalizer releases of deleting clusters.
 *
 * Several replicas: without a partition (KARMADA_REPLICAS) every replica probes every cluster, and conditional
 * appends with shared message ids keep them from publishing twice; with one, each probes only its share.
 */
@Injectable()
export class ClusterFleet implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly members = new Map<string, ClusterMember>();
  /** Syncs run one at a time, each reading the read model afresh, so the last one applied is the newest. */
  private syncs: Promise<void> = Promise.resolve();
  private resyncTimer: NodeJS.Timeout | undefined;
  private resyncing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(CLUSTER_SVC_CONFIG) private readonly config: ClusterSvcConfig,
    @Inject(ClusterReadModel) private readonly readModel: ClusterReadModel,
    @Inject(MEMBER_CREDENTIALS) private readonly credentials: MemberCredentialsSource,
    @Inject(ClusterStatusCollector) private readonly collector: ClusterStatusCollector,
    @Inject(ClusterStatusRefresher) private readonly refresher: ClusterStatusRefresher,
    @Inject(ClusterFinalizerReleaser) private readonly finalizers: ClusterFinalizerReleaser,
    @Inject(MemberDisruptions) private readonly disruptions: MemberDisruptions,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.disruptions.listen((name) => this.probeNow(name));
    this.scheduleResync(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.resyncTimer);
    await this.resyncing;
    await this.syncs;
    const members = [...this.members.values()];
    await Promise.all(members.map((member) => this.remove(member)));
    await Promise.all(members.map((member) => member.idle()));
    await this.collector.close();
  }

  /** Brings the member of one cluster in line with the read model. */
  sync(name: string): Promise<void> {
    return this.serially(async () => {
      if (!this.owns(name)) return;
      const [snapshot] = await this.readModel.snapshots([name]);
      this.apply(name, snapshot);
    });
  }

  /** Rebuilds the clients of the members whose Cluster names this Secret. */
  syncSecret(namespace: string, name: string): Promise<void> {
    return this.serially(async () => {
      const names = [...this.members.values()]
        .filter((m) => {
          const ref = (m.snapshot.row.cluster as Cluster).spec?.secretRef;
          return ref?.namespace === namespace && ref.name === name;
        })
        .map((m) => m.name);
      const snapshots = new Map((await this.readModel.snapshots(names)).map((s) => [s.name, s]));
      for (const member of names) this.apply(member, snapshots.get(member));
    });
  }

  /** Every owned cluster compared with the read model; deleting ones get their finalizer release retried. */
  async resync(): Promise<void> {
    const deleting = await this.serially(async () => {
      const versions = (await this.readModel.versions()).filter((v) => this.owns(v.name));
      const live = new Set(versions.filter((v) => !v.deleting).map((v) => v.name));
      for (const member of [...this.members.values()]) if (!live.has(member.name)) void this.remove(member);
      const stale = versions.filter((v) => !v.deleting && this.needsSync(v)).map((v) => v.name);
      const snapshots = new Map((await this.readModel.snapshots(stale)).map((s) => [s.name, s]));
      for (const name of stale) this.apply(name, snapshots.get(name));
      return versions.filter((v) => v.deleting).map((v) => v.name);
    });
    for (const name of deleting ?? []) {
      if (this.stopped) return;
      await this.finalizers.release(name).catch((error: unknown) => this.logger.warn({ cluster: name, err: error }, 'finalizer release failed'));
    }
  }

  /** Runs `task` after the syncs before it; once stopped, resolves undefined without running it. */
  private serially<T>(task: () => Promise<T>): Promise<T | undefined> {
    const done = this.syncs.then(() => (this.stopped ? undefined : task()));
    this.syncs = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  private owns(name: string): boolean {
    return ownsCluster(this.config, name);
  }

  private needsSync(version: ClusterVersion): boolean {
    const member = this.members.get(version.name);
    return !member || member.snapshot.seq !== version.seq || member.snapshot.secretSeq !== version.secretSeq || !member.connection;
  }

  private apply(name: string, snapshot: ClusterSnapshot | undefined): void {
    const existing = this.members.get(name);
    const cluster = snapshot?.row.cluster as Cluster | undefined;
    // Pull clusters report their own status (Karmada's agent); deleting ones are no longer probed.
    const probed = snapshot !== undefined && cluster !== undefined && !snapshot.deleting && cluster.spec?.syncMode !== 'Pull';
    const keep = existing && probed && existing.uid === cluster.metadata.uid ? existing : undefined;
    if (existing && !keep) void this.remove(existing);
    if (!probed) return;
    const member = keep ?? new ClusterMember(name, cluster.metadata.uid, snapshot);
    member.snapshot = snapshot;
    if (!keep) this.members.set(name, member);
    member
      .run(async () => {
        if (await this.connect(member)) member.wakeUpIn(0, () => void this.refresh(member));
      })
      .catch((error: unknown) => this.logger.error({ cluster: name, err: error }, 'member client could not be built'));
  }

  /** (Re)builds the member's client when its endpoint, TLS settings or Secret changed; says whether it did. */
  private async connect(member: ClusterMember): Promise<boolean> {
    const cluster = member.snapshot.row.cluster as Cluster;
    const key = JSON.stringify([
      cluster.spec.apiEndpoint,
      cluster.spec.insecureSkipTLSVerification ?? false,
      cluster.spec.proxyURL ?? '',
      cluster.spec.secretRef ?? null,
      member.snapshot.secretSeq ?? 0,
    ]);
    if (member.closed || member.connection?.key === key) return false;
    await this.disconnect(member);
    const secretRef = cluster.spec.secretRef;
    if (!secretRef) {
      member.connection = { key, problem: `the secretRef of cluster ${member.name} is empty` };
      return true;
    }
    let lookup;
    try {
      lookup = await this.credentials.credentialsFor(secretRef);
    } catch (error) {
      this.logger.warn({ cluster: member.name, err: error }, 'member credentials could not be read; retrying on the next resync');
      return false;
    }
    if (member.closed) return false;
    if ('problem' in lookup) {
      member.connection = { key, problem: lookup.problem };
      return true;
    }
    let client: MemberClient;
    try {
      client = new MemberClient(memberKubeConfig(cluster, lookup.credentials));
    } catch (error) {
      if (!(error instanceof MemberConfigError)) throw error;
      member.connection = { key, problem: error.message };
      return true;
    }
    this.collector.start(member.name, client);
    member.connection = { key, client };
    return true;
  }

  private async disconnect(member: ClusterMember): Promise<void> {
    const connection = member.connection;
    member.connection = undefined;
    if (connection && 'client' in connection) {
      await this.collector.stop(member.name);
      connection.client.close();
    }
  }

  /** Forgets a member: its timer, client and caches go at once (an in-flight probe fails fast and publishes nothing). */
  private async remove(member: ClusterMember): Promise<void> {
    if (this.members.get(member.name) === member) this.members.delete(member.name);
    member.closed = true;
    member.cancelWakeUp();
    await this.disconnect(member).catch((error: unknown) => this.logger.warn({ cluster: member.name, err: error }, 'member client did not close cleanly'));
  }

  private refresh(member: ClusterMember): Promise<void> {
    return member.run(async () => {
      let next = this.config.statusIntervalMs;
      try {
        next = await this.refresher.refresh(member);
      } catch (error) {
        this.logger.warn({ cluster: member.name, err: error }, 'cluster status round failed');
      }
      if (!this.stopped) member.wakeUpIn(next, () => void this.refresh(member));
    });
  }

  /** Brings the member's next round forward (its watch broke: it may be gone or have restarted). */
  private probeNow(name: string): void {
    const member = this.members.get(name);
    if (this.stopped || !member || member.closed) return;
    this.logger.debug({ cluster: name }, 'a watch of the member broke; probing it now');
    member.wakeUpIn(0, () => void this.refresh(member));
  }

  private scheduleResync(delayMs: number): void {
    if (this.stopped) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncing = this.resync()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'cluster resync failed'))
        .finally(() => this.scheduleResync(this.config.statusIntervalMs));
    }, delayMs);
  }
}
