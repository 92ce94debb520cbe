import { Agent } from 'node:https';
import * as k8s from '@kubernetes/client-node';

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
}

export interface BenchClientReport {
  applies: number;
  errors: number;
  firstError?: string;
  seconds: number;
}

function objectApi(path: string, keepAlive: boolean): k8s.KubernetesObjectApi {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(path);
  if (keepAlive) {
    // client-node builds a new https.Agent (a new TLS connection) per request; reuse one keep-alive agent instead.
    const ca = Buffer.from(kc.getCurrentCluster()!.caData!, 'base64');
    const agent = new Agent({ keepAlive: true, ca, maxSockets: 4 });
    const authenticate = kc.applySecurityAuthentication.bind(kc);
    kc.applySecurityAuthentication = async (context) => {
      await authenticate(context);
      context.setAgent(agent);
    };
  }
  return k8s.KubernetesObjectApi.makeApiClient(kc);
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

async function run(task: BenchClientTask): Promise<BenchClientReport> {
  const apis = task.kubeconfigs.map((p) => objectApi(p, task.keepAlive));
  const apply = (i: number, round: number) => apis[i % apis.length]!.patch(manifest(task.kind, round), undefined, undefined, 'bench', true, k8s.PatchStrategy.ServerSideApply);
  // Warm-up: discovery of the kind on every cluster, outside the measurement.
  for (let i = 0; i < apis.length; i += task.concurrency) await Promise.all(apis.slice(i, i + task.concurrency).map((_, j) => apply(i + j, 0)));
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
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
  const report: BenchClientReport = { applies: task.applies, errors, seconds: (performance.now() - started) / 1000 };
  if (firstError) report.firstError = firstError;
  return report;
}

process.on('message', (task: BenchClientTask) => {
  run(task).then(
    (report) => process.send!(report, () => process.exit(0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
