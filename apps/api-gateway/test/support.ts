import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { parse } from 'yaml';
import { Subjects } from '@karmada-ts/contracts';
import { EventStore } from '@karmada-ts/eventstore';
import { dropDatabase } from '@karmada-ts/projections';
import { startService, type RunningService } from '@karmada-ts/service-runtime';
import { uniqueName } from '@karmada-ts/testing';
import { KubeApi } from '../src/kube-api.js';
import { KubeApiServer } from '../src/server/kube-api-server.js';
import { apiGatewayService } from '../src/service.js';
import { gatewayEvents } from '../src/events.js';

export const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** The environment of a gateway of its own: instance (stream, schemas), database and state directory. */
export interface GatewayEnvironment {
  readonly instance: string;
  readonly database: string;
  readonly stateDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly subjects: Subjects;
}

export function gatewayEnvironment(prefix: string, extra: NodeJS.ProcessEnv = {}): GatewayEnvironment {
  const name = uniqueName(prefix);
  const instance = name.replace(/_/g, '-');
  const stateDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return {
    instance,
    database: name,
    stateDir,
    subjects: new Subjects(instance),
    env: {
      KARMADA_INSTANCE: instance,
      DATABASE_URL: `${postgresUrl}/${name}`,
      NATS_URL: natsUrl,
      KARMADA_STATE_DIR: stateDir,
      HTTP_PORT: '0',
      GATEWAY_PORT: '0',
      // These suites exercise the API alone: no controllers run to release cleanup finalizers (cleanup.spec.ts does).
      GATEWAY_CLEANUP_FINALIZERS: 'false',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...extra,
    },
  };
}

/** A gateway running in this process, with a connection of the test's own to its stream. */
export interface TestGateway extends GatewayEnvironment {
  readonly running: RunningService;
  readonly api: KubeApi;
  /** HTTPS port of the Kubernetes API. */
  readonly port: number;
  readonly kubeconfig: string;
  readonly caPem: string;
  readonly adminToken: string;
  readonly nc: NatsConnection;
  readonly events: EventStore;
  stop(): Promise<void>;
}

export async function startTestGateway(prefix: string, extra: NodeJS.ProcessEnv = {}): Promise<TestGateway> {
  const environment = gatewayEnvironment(prefix, extra);
  const running = await startService(apiGatewayService, environment.env);
  const kubeconfig = join(environment.stateDir, 'kubeconfig');
  const parsed = parse(readFileSync(kubeconfig, 'utf8')) as {
    clusters: { cluster: { 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  const nc = await connect({ servers: natsUrl });
  const events = await EventStore.open(nc, { stream: environment.subjects.stream, registry: gatewayEvents });
  let stopped = false;
  return {
    ...environment,
    running,
    api: running.app.get(KubeApi),
    port: running.app.get(KubeApiServer).port,
    kubeconfig,
    caPem: Buffer.from(parsed.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString(),
    adminToken: parsed.users[0]!.user.token,
    nc,
    events,
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.stop();
      await nc.drain();
      await cleanupEnvironment(environment);
    },
  };
}

/** Deletes what a gateway environment created: its stream, its database, its state directory. */
export async function cleanupEnvironment(environment: GatewayEnvironment): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  await (await jetstreamManager(nc)).streams.delete(environment.subjects.stream).catch(() => undefined);
  await nc.drain();
  await dropDatabase(`${postgresUrl}/${environment.database}`);
  rmSync(environment.stateDir, { recursive: true, force: true });
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: any;
}

/** One HTTPS request to a gateway's Kubernetes API (token: the admin token unless given; null: none). */
export function apiRequest(
  gateway: Pick<TestGateway, 'port' | 'caPem' | 'adminToken'>,
  method: string,
  path: string,
  options: { token?: string | null; body?: string | object; contentType?: string } = {},
): Promise<ApiResponse> {
  const token = options.token === undefined ? gateway.adminToken : options.token;
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: gateway.port,
        method,
        path,
        ca: gateway.caPem,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': options.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The stream's last sequence (to show that a rejected request appended nothing). */
export async function lastSeq(gateway: Pick<TestGateway, 'events'>): Promise<number> {
  return gateway.events.lastSequence();
}

/** Runs the real kubectl with a HOME of its own (no discovery cache from other servers). */
export function kubectl(gateway: Pick<TestGateway, 'kubeconfig'>, home: string, args: readonly string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'kubectl',
      ['--kubeconfig', gateway.kubeconfig, ...args],
      { env: { ...process.env, HOME: home, KUBECONFIG: '' }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}
