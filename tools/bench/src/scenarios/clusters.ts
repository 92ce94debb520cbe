/**
 * `clusters`: cluster-svc watching N member clusters. member-sim serves the members from a child process (so that
 * this process's CPU time is cluster-svc's); cluster-svc runs in this process on a scratch instance and database
 * (removed afterwards), with the member credentials read from member-sim's kubeconfigs. Measured:
 *
 * 1. join: N Cluster specs appended as the gateway would → time until every cluster's status says Ready;
 * 2. idle: cluster-svc's CPU (process.cpuUsage, % of one core) and the status events appended over a quiet window;
 * 3. failure: a few members turned unhealthy at once, as many unreachable → time until each one's taint is
 *    published. A probe sees an unhealthy member (/readyz fails) within one status interval; an unreachable one drops
 *    its watches, which brings its probe forward. The damping then holds the change for the failure threshold.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { parse } from 'yaml';
import { defineClusterService, MEMBER_CREDENTIALS, type CredentialsLookup, type MemberCredentialsSource } from '@karmada-ts/cluster-svc';
import {
  ClusterStatusCollected,
  coreEvents,
  newEnvelope,
  ResourceCreated,
  Subjects,
  type ClusterStatusCollectedData,
} from '@karmada-ts/contracts';
import type { LocalSecretReference } from '@karmada-ts/domain';
import { decodeStoredEvent, EventStore } from '@karmada-ts/eventstore';
import { startService } from '@karmada-ts/service-runtime';
import type { BenchResult } from '../bench-report.js';
import { percentile } from '../percentiles.js';
import { databaseUrlAt, dropBenchDatabase } from '../stack/bench-instance.js';
import { startMemberSimProcess } from '../stack/member-sim-process.js';

export interface ClustersBenchOptions {
  /** Member clusters (default 1,000). */
  readonly clusters: number;
  readonly natsUrl: string;
  /** Postgres server URL; a scratch database is created on it and dropped afterwards. */
  readonly databaseUrl: string;
  /** CLUSTER_STATUS_INTERVAL_SECONDS (default 10). */
  readonly intervalSeconds?: number;
  /** CLUSTER_FAILURE_THRESHOLD_SECONDS and CLUSTER_SUCCESS_THRESHOLD_SECONDS (default 30). */
  readonly thresholdSeconds?: number;
  /** The quiet window of the idle measurement (default 60 s). */
  readonly idleSeconds?: number;
  /** Members turned unhealthy in the failure phase, and as many unreachable (default 5 each). */
  readonly failing?: number;
}

/** One member as its kubeconfig describes it. */
interface Member {
  readonly server: string;
  readonly token: string;
  readonly caPem: string;
}

class KubeconfigCredentials implements MemberCredentialsSource {
  constructor(private readonly members: ReadonlyMap<string, Member>) {}

  async credentialsFor(secretRef: LocalSecretReference): Promise<CredentialsLookup> {
    const member = this.members.get(secretRef.name);
    return member ? { credentials: { token: member.token, caBundle: member.caPem } } : { problem: `secrets "${secretRef.name}" not found` };
  }
}

/** The latest Ready status and taints of each cluster, followed live from the clusterstatus subjects. */
class StatusTail {
  readonly ready = new Map<string, boolean>();
  readonly tainted = new Map<string, number>();
  events = 0;

  constructor(private readonly nc: NatsConnection) {}

  async follow(subjects: Subjects): Promise<() => Promise<void>> {
    const registry = coreEvents.with([ClusterStatusCollected]);
    const consumer = await jetstream(this.nc).consumers.get(subjects.stream, { filter_subjects: subjects.clusterStatusFilter(), deliver_policy: DeliverPolicy.All });
    const messages = await consumer.consume();
    const done = (async () => {
      for await (const message of messages) {
        const event = decodeStoredEvent(registry, message.data, message.seq);
        if (!ClusterStatusCollected.is(event)) continue;
        const data = event.data as ClusterStatusCollectedData;
        const conditions = (data.status['conditions'] ?? []) as { type: string; status: string }[];
        this.events += 1;
        this.ready.set(data.name, conditions.some((c) => c.type === 'Ready' && c.status === 'True'));
        if ((data.controllerTaints ?? []).length > 0 && !this.tainted.has(data.name)) this.tainted.set(data.name, performance.now());
      }
    })();
    return async () => {
      await messages.close();
      await done;
    };
  }
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`clusters bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function readMember(path: string): Member {
  const config = parse(readFileSync(path, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  const cluster = config.clusters[0]!.cluster;
  return { server: cluster.server, token: config.users[0]!.user.token, caPem: Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8') };
}

/** member-sim's admin API: PUT /_sim/clusters/<name>/health. */
function setHealth(url: string, caPem: string, name: string, state: 'healthy' | 'unhealthy' | 'unreachable'): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ state });
    const req = request(`${url}/_sim/clusters/${name}/health`, { method: 'PUT', ca: caPem, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`member-sim answered ${res.statusCode} to the health change of ${name}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function runClustersScenario(options: ClustersBenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const intervalSeconds = options.intervalSeconds ?? 10;
  const thresholdSeconds = options.thresholdSeconds ?? 30;
  const idleSeconds = options.idleSeconds ?? 60;
  const failing = Math.min(options.failing ?? 5, options.clusters);
  const scratch = `bench_clusters_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const instance = scratch.replace(/_/g, '-');
  const subjects = new Subjects(instance);
  const databaseUrl = databaseUrlAt(options.databaseUrl, scratch);
  const kubeconfigDir = mkdtempSync(join(tmpdir(), 'bench-clusters-'));
  const names = Array.from({ length: options.clusters }, (_, i) => `member${i + 1}`);

  const sim = await startMemberSimProcess(['--clusters', String(options.clusters), '--kubeconfig-dir', kubeconfigDir]);
  const nc = await connect({ servers: options.natsUrl });
  let stopService: (() => Promise<void>) | undefined;
  let stopTail: (() => Promise<void>) | undefined;
  try {
    const members = new Map(names.map((name) => [name, readMember(join(kubeconfigDir, `${name}.kubeconfig`))]));
    const definition = defineClusterService({ provide: MEMBER_CREDENTIALS, useValue: new KubeconfigCredentials(members) });
    const service = await startService(definition, {
      KARMADA_INSTANCE: instance,
      DATABASE_URL: databaseUrl,
      NATS_URL: options.natsUrl,
      HTTP_PORT: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      CLUSTER_STATUS_INTERVAL_SECONDS: String(intervalSeconds),
      CLUSTER_FAILURE_THRESHOLD_SECONDS: String(thresholdSeconds),
      CLUSTER_SUCCESS_THRESHOLD_SECONDS: String(thresholdSeconds),
    });
    stopService = () => service.stop();
    const tail = new StatusTail(nc);
    stopTail = await tail.follow(subjects);

    // 1. Join: the Cluster specs as the gateway appends them.
    const store = await EventStore.open(nc, { stream: subjects.stream, registry: coreEvents.with([ResourceCreated]) });
    const gvr = { group: 'cluster.karmada.io', version: 'v1alpha1', resource: 'clusters' };
    const joinStarted = performance.now();
    const outcomes = await store.appendBatch(
      names.map((name) => {
        const subject = subjects.template(gvr, undefined, name);
        const id = randomUUID();
        const object = {
          apiVersion: 'cluster.karmada.io/v1alpha1',
          kind: 'Cluster',
          metadata: { name, uid: randomUUID(), finalizers: ['karmada.io/cluster-controller'] },
          spec: { syncMode: 'Push', apiEndpoint: members.get(name)!.server, secretRef: { namespace: 'karmada-cluster', name } },
        };
        const envelope = newEnvelope(ResourceCreated, { id, correlationId: id, causationId: id, subject, time: new Date().toISOString(), actor: 'user:bench', data: { resource: gvr, object } });
        return { subject, envelope, expectedSeq: 0 };
      }),
    );
    const failed = outcomes.find((o) => !o.ok);
    if (failed && !failed.ok) throw failed.error;
    await until('every cluster Ready', () => names.every((name) => tail.ready.get(name) === true), 300_000);
    const joinSeconds = (performance.now() - joinStarted) / 1000;

    // 2. Idle: let the join's rounds settle, then a quiet window.
    await new Promise((resolve) => setTimeout(resolve, 2 * intervalSeconds * 1000));
    const eventsBefore = tail.events;
    const cpuBefore = process.cpuUsage();
    const idleStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const cpu = process.cpuUsage(cpuBefore);
    const idleElapsed = (performance.now() - idleStarted) / 1000;
    const idleCpuPercent = ((cpu.user + cpu.system) / 1e6 / idleElapsed) * 100;
    const idleEventsPerMinute = ((tail.events - eventsBefore) / idleElapsed) * 60;
    const rssMiB = process.memoryUsage().rss / 2 ** 20;

    // 3. Failure: members turn unhealthy or unreachable; each one's taint follows after the damping.
    const sick = names.slice(0, failing);
    const cut = names.slice(failing, 2 * failing);
    const caPem = members.get(sick[0]!)!.caPem;
    const brokeAt = performance.now();
    await Promise.all([...sick.map((name) => setHealth(sim.url, caPem, name, 'unhealthy')), ...cut.map((name) => setHealth(sim.url, caPem, name, 'unreachable'))]);
    await until('the taints', () => [...sick, ...cut].every((name) => tail.tainted.has(name)), (thresholdSeconds + 3 * intervalSeconds + 30) * 1000);
    const secondsToTaint = (group: string[]) => group.map((name) => (tail.tainted.get(name)! - brokeAt) / 1000);
    const taintSeconds = secondsToTaint(sick);
    const unreachableTaintSeconds = secondsToTaint(cut);

    return {
      scenario: 'clusters',
      parameters: { clusters: options.clusters, intervalSeconds, thresholdSeconds, idleSeconds, failing },
      seconds: (performance.now() - started) / 1000,
      figures: [
        { name: `join → all ${options.clusters} clusters Ready`, value: Number(joinSeconds.toFixed(2)), unit: 's' },
        { name: 'cluster-svc CPU while idle', value: Number(idleCpuPercent.toFixed(2)), unit: '% of a core', target: { op: '<=', value: 10 } },
        { name: 'status events while idle', value: Number(idleEventsPerMinute.toFixed(1)), unit: 'events/min', target: { op: '<=', value: 0 } },
        { name: 'unhealthy → taint event, median', value: Number(percentile(taintSeconds, 50).toFixed(2)), unit: 's' },
        {
          name: 'unhealthy → taint event, max (threshold + interval + 2 s)',
          value: Number(Math.max(...taintSeconds).toFixed(2)),
          unit: 's',
          target: { op: '<=', value: thresholdSeconds + intervalSeconds + 2 },
        },
        ...(cut.length > 0
          ? [
              {
                name: 'unreachable → taint event, max (threshold + 2 s)',
                value: Number(Math.max(...unreachableTaintSeconds).toFixed(2)),
                unit: 's',
                target: { op: '<=' as const, value: thresholdSeconds + 2 },
              },
            ]
          : []),
        { name: 'process RSS', value: Math.round(rssMiB), unit: 'MiB' },
      ],
      details: { taintSeconds, unreachableTaintSeconds, idleCpuMicros: cpu, idleElapsedSeconds: idleElapsed, statusEvents: tail.events },
    };
  } finally {
    await stopTail?.();
    await stopService?.();
    await sim.stop();
    await (await jetstreamManager(nc)).streams.delete(subjects.stream).catch(() => undefined);
    await nc.close();
    await dropBenchDatabase(options.databaseUrl, scratch);
    rmSync(kubeconfigDir, { recursive: true, force: true });
  }
}
