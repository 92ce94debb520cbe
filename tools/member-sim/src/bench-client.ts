import { Agent, type RequestOptions } from 'node:https';
import { createSecureContext } from 'node:tls';
import * as k8s from '@kubernetes/client-node';
import { startCpuProfile } from './bench-profile.js';

/**
 * A load generator process for the member-sim benchmark: server-side applies through client-node's
 * KubernetesObjectApi to many simulated clusters. Driven over IPC by bench.ts.
 */
export interface BenchClientTask {
  kubeconfigs: string[];
  applies: number;
  concurrency: number;
  keepAlive: boolean;
  kind: 'ConfigMap' | 'Deployment';
  /** Write a CPU profile of the measured applies here. */
  profilePath?: string;
}

export interface BenchClientReport {
  applies: number;
  errors: number;
  firstError?: string;
  seconds: number;
  /** CPU (user + system) this load generator spent on the measured applies. */
  cpuMs: number;
}

function objectApi(path: string, keepAlive: boolean): k8s.KubernetesObjectApi {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(path);
  if (keepAlive) reuseConnections(kc);
  return k8s.KubernetesObjectApi.makeApiClient(kc);
}

/**
 * How a controller talking to many clusters uses client-node (libs/member-access does the same for its requests):
 * one keep-alive agent per cluster with one TLS context, and the kubeconfig's credentials, static here (a token),
 * turned into headers once. Stock client-node rebuilds its HTTPS options and a new agent, hence a new TLS
 * connection, for every request; an agent given the CA itself would also re-encode it into its pool key per request.
 */
function reuseConnections(kc: k8s.KubeConfig): void {
  const settings = (async () => {
    const options: RequestOptions = {};
    await kc.applyToHTTPSOptions(options);
    const { ca, cert, key } = options;
    const agent = new Agent({ keepAlive: true, maxSockets: 4, secureContext: createSecureContext({ ca, cert, key }) });
    return { agent, headers: Object.entries(options.headers ?? {}).map(([name, value]) => [name, String(value)] as const) };
  })();
  kc.applySecurityAuthentication = async (context) => {
    const { agent, headers } = await settings;
    for (const [name, value] of headers) context.setHeaderParam(name, value);
    context.setAgent(agent);
  };
}

function manifest(kind: BenchClientTask['kind'], round: number): k8s.KubernetesObject {
  const name = `bench-${round % 8}`;
  if (kind === 'ConfigMap') return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { round: String(round) } } as k8s.KubernetesObject;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name, round: String(round) } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
    },
  } as k8s.KubernetesObject;
}

/** Resolves when the benchmark says `go` (every load generator has warmed up). */
function startSignal(): Promise<void> {
  return new Promise((resolve) => process.once('message', () => resolve()));
}

async function run(task: BenchClientTask): Promise<BenchClientReport> {
  const apis = task.kubeconfigs.map((p) => objectApi(p, task.keepAlive));
  const apply = (i: number, round: number) => apis[i % apis.length]!.patch(manifest(task.kind, round), undefined, undefined, 'bench', true, k8s.PatchStrategy.ServerSideApply);
  // Warm-up: discovery of the kind on every cluster, outside the measurement.
  for (let i = 0; i < apis.length; i += task.concurrency) await Promise.all(apis.slice(i, i + task.concurrency).map((_, j) => apply(i + j, 0)));
  const go = startSignal();
  process.send!('warm');
  await go;
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const stopProfile = task.profilePath ? await startCpuProfile() : undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: task.concurrency }, async () => {
      while (next < task.applies) {
        const i = next++;
        try {
          await apply(i, i + 1);
        } catch (error) {
          errors++;
          firstError ??= String((error as { body?: unknown }).body ?? error);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (stopProfile) await stopProfile(task.profilePath!);
  const report: BenchClientReport = { applies: task.applies, errors, seconds, cpuMs: (cpu.user + cpu.system) / 1000 };
  if (firstError) report.firstError = firstError;
  return report;
}

process.once('message', (task: BenchClientTask) => {
  run(task).then(
    (report) => process.send!(report, () => process.exit(0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
