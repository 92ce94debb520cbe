import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Subjects, type Envelope } from '@karmada-ts/contracts';
import type { Work } from '@karmada-ts/domain';
import { EventStore, type StoredEvent } from '@karmada-ts/eventstore';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { dropDatabase } from '@karmada-ts/projections';
import { SecretCipher, SecretValueWriter, type SecretContent, type SecretValueKey } from '@karmada-ts/secrets';
import { loadReplicaPartition, startService, type RunningService } from '@karmada-ts/service-runtime';
import { uniqueName, waitFor } from '@karmada-ts/testing';
import { executorDurablesOf, type ExecutorDurables } from '../src/durables.js';
import { executorService } from '../src/service.js';
import { clusterObject, clusterSecretCreated, clusterStatusCollected, clusterWritten, secretKey } from './builders.js';

const natsUrl = 'nats://127.0.0.1:4222';

/**
 * executor-svc in-process on its own instance and database, with member-sim members joined as the gateway would;
 * with `replicas`, that many replicas dividing the members (KARMADA_REPLICAS), `service` being the first.
 */
export class ExecutorHarness {
  service!: RunningService;
  /** Replicas 2 … N of a partition, by replica number; undefined while stopped. */
  private readonly others = new Map<number, RunningService | undefined>();
  private writer!: SecretValueWriter;
  /** The test's own connection to the stream: it appends and reads also while the service is stopped. */
  private events!: EventStore;

  private constructor(
    readonly sim: MemberSim,
    readonly env: NodeJS.ProcessEnv,
    private readonly stateDir: string,
  ) {}

  static async start(clusters: readonly string[], options: { replicas?: number } = {}): Promise<ExecutorHarness> {
    const replicas = options.replicas ?? 1;
    const sim = await startMemberSim({ clusters: clusters.map((name) => ({ name })), maxWatchSeconds: 30 });
    const instance = uniqueName('ex').replace(/_/g, '-');
    const database = `karmada_${instance.replace(/-/g, '_')}`;
    const stateDir = await mkdtemp(join(tmpdir(), 'executor-'));
    const env = {
      KARMADA_INSTANCE: instance,
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
      NATS_URL: natsUrl,
      HTTP_PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      KARMADA_STATE_DIR: stateDir,
      KARMADA_SECRET_KEY: randomBytes(32).toString('base64'),
      ...(replicas > 1 ? { KARMADA_REPLICA: '1', KARMADA_REPLICAS: String(replicas) } : {}),
    };
    const harness = new ExecutorHarness(sim, env, stateDir);
    harness.service = await startService(executorService, env);
    for (let replica = 2; replica <= replicas; replica++) await harness.startReplica(replica);
    harness.events = await EventStore.connect({ servers: natsUrl, name: `${instance}-test` }, { stream: new Subjects(instance).stream, registry: executorService.events });
    harness.writer = SecretValueWriter.open({
      databaseUrl: env.DATABASE_URL,
      instance,
      cipher: new SecretCipher(Buffer.from(env.KARMADA_SECRET_KEY, 'base64')),
    });
    await harness.writer.ensureSchema();
    return harness;
  }

  get store(): EventStore {
    return this.events;
  }

  get subjects(): Subjects {
    return new Subjects(this.env.KARMADA_INSTANCE!);
  }

  /**
   * `karmadactl join`: the Secret (values stored encrypted first, as the gateway does), the Cluster, then its status;
   * resolves once the executor has taken them in.
   */
  async join(name: string, ready = true): Promise<void> {
    const ref = randomUUID();
    const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
    await this.writer.write(secretKey(name, ref), { data: { token: b64(this.sim.token(name)), caBundle: b64(this.sim.caPem) } });
    await this.append(clusterSecretCreated(this.subjects, name, ref));
    await this.append(clusterWritten(this.subjects, clusterObject(name, `${this.sim.url}/clusters/${name}`)));
    await this.append(clusterStatusCollected(this.subjects, name, ready));
    await this.drained();
  }

  /** Stores a version of a Secret's values encrypted, as the gateway does; returns their digest. */
  storeSecretValues(key: SecretValueKey, content: SecretContent): Promise<string> {
    return this.writer.write(key, content);
  }

  async append(envelope: Envelope): Promise<number> {
    return (await this.store.append(envelope.subject, envelope, { expectedSeq: 'any' })).seq;
  }

  /** Everything on a Work's `workstatus` subject, oldest first. */
  async statusEvents(work: Work): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const event of this.store.replay(this.subjects.workStatus(work.metadata.namespace ?? '', work.metadata.name ?? ''))) events.push(event);
    return events;
  }

  /** Waits for an event on the Work's `workstatus` subject that `match` accepts. */
  async waitForStatusEvent(work: Work, what: string, match: (event: StoredEvent) => boolean, timeoutMs = 15_000): Promise<StoredEvent> {
    return waitFor(what, async () => (await this.statusEvents(work)).find(match), { timeoutMs, intervalMs: 50 });
  }

  /** client-node against a member, as a user of that member would reach it. */
  member(name: string): KubernetesObjectApi {
    const config = new KubeConfig();
    config.loadFromString(this.sim.kubeconfig(name));
    return KubernetesObjectApi.makeApiClient(config);
  }

  /** The object in a member, or undefined when it does not exist. */
  async memberObject(cluster: string, object: { apiVersion: string; kind: string; namespace: string; name: string }): Promise<KubernetesObject | undefined> {
    try {
      return await this.member(cluster).read({ apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.name, namespace: object.namespace } });
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  /** The first replica's Prometheus metrics, as /metrics serves them. */
  async metrics(): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${this.service.port}/metrics`);
    return response.text();
  }

  /** The stream's last sequence. */
  lastSeq(): Promise<number> {
    return this.store.lastSequence();
  }

  /**
   * Stops the service and starts it again; with `redeliver`, its durable consumers are deleted in between, so that
   * every input is delivered to it again (the projections skip them, the reconcilers see them all once more).
   */
  async restart(options: { redeliver?: boolean; whileStopped?: () => Promise<void> } = {}): Promise<void> {
    await this.service.stop();
    if (options.redeliver) {
      await this.withJetStream(async (jsm, stream) => {
        for (const durable of Object.values(this.durablesOf(1))) await jsm.consumers.delete(stream, durable);
      });
    }
    await options.whileStopped?.();
    this.service = await startService(executorService, this.env);
  }

  /** Starts replica `replica` of the partition (2 … N; the first is `service`). */
  async startReplica(replica: number): Promise<void> {
    this.others.set(replica, await startService(executorService, { ...this.env, KARMADA_REPLICA: String(replica) }));
  }

  /** Stops replica `replica` of the partition (2 … N): its members' Works wait for it. */
  async stopReplica(replica: number): Promise<void> {
    await this.others.get(replica)?.stop();
    this.others.set(replica, undefined);
  }

  /** The durables of every replica (those of replica 1 alone without a partition). */
  private durables(): string[] {
    const replicas = loadReplicaPartition(this.env).replicas;
    const all = Array.from({ length: replicas }, (_, i) => Object.values(this.durablesOf(i + 1)));
    return [...new Set(all.flat())];
  }

  private durablesOf(replica: number): ExecutorDurables {
    return executorDurablesOf(loadReplicaPartition({ ...this.env, KARMADA_REPLICA: String(replica) }));
  }

  /** Resolves once every executor consumer has been handed and has acknowledged everything in the stream. */
  async drained(): Promise<void> {
    await waitFor('the executor consumers to be drained', () =>
      this.withJetStream(async (jsm, stream) => {
        for (const durable of this.durables()) {
          const info = await jsm.consumers.info(stream, durable);
          if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
        }
        return true;
      }),
    );
  }

  /** Resolves once the Work event at `seq` has been handed to the executor and is waiting for a retry (not acked). */
  async awaitingRetry(seq: number): Promise<void> {
    await waitFor(`the Work event ${seq} to wait for a retry`, () =>
      this.withJetStream(async (jsm, stream) => {
        const info = await jsm.consumers.info(stream, this.durablesOf(1).works);
        return info.delivered.stream_seq >= seq && info.num_ack_pending > 0;
      }),
    );
  }

  /** The names of the stream's durable consumers. */
  consumerNames(): Promise<string[]> {
    return this.withJetStream(async (jsm, stream) => {
      const names: string[] = [];
      for await (const info of jsm.consumers.list(stream)) names.push(info.name);
      return names.sort();
    });
  }

  /** Work events handed to the executor and not acknowledged yet. */
  worksAckPending(): Promise<number> {
    return this.withJetStream(async (jsm, stream) => (await jsm.consumers.info(stream, this.durablesOf(1).works)).num_ack_pending);
  }

  async stop(): Promise<void> {
    for (const other of this.others.values()) await other?.stop().catch(() => undefined);
    await this.service?.stop().catch(() => undefined);
    await this.writer?.close().catch(() => undefined);
    await this.events?.close().catch(() => undefined);
    await this.sim.stop();
    await this.withJetStream((jsm, stream) => jsm.streams.delete(stream)).catch(() => undefined);
    await dropDatabase(this.env.DATABASE_URL!);
    await rm(this.stateDir, { recursive: true, force: true });
  }

  private async withJetStream<T>(use: (jsm: Awaited<ReturnType<typeof jetstreamManager>>, stream: string) => Promise<T>): Promise<T> {
    const nc = await connect({ servers: natsUrl });
    try {
      return await use(await jetstreamManager(nc), `KARMADA_${String(this.env.KARMADA_INSTANCE).toUpperCase()}`);
    } finally {
      await nc.close();
    }
  }
}
