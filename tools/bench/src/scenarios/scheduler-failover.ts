/**
 * The failover part of `scheduler`: N Deployments through the whole product, 3 replicas each divided over three
 * simulated members (one per member), then one member goes unreachable in member-sim. cluster-svc notices it and taints
 * it NoExecute (thresholds shortened to seconds), scheduler-svc evicts every binding from it, binding-svc and
 * executor-svc move the replicas. The figure: from the NoExecute taint to every replica Ready elsewhere, per binding
 * and for all of them; and how many old Works were asked to go before their binding's new placement was Ready (the
 * graceful eviction says none).
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parse } from 'yaml';
import type { Figure } from '../bench-report.js';
import { summarize } from '../percentiles.js';
import { createTemplates, expectCreated, policiesPath } from '../propagate/create-templates.js';
import type { StreamFollower } from '../propagate/stream-follower.js';
import { benchNamespace, deploymentTemplate, divideEvenlyPolicy, memberClusters, memberName } from '../propagate/workload.js';
import { startBenchStack, type BenchStack } from '../stack/bench-stack.js';
import { FailoverTimeline } from './scheduler-failover-timeline.js';

export interface FailoverBenchOptions {
  readonly bindings: number;
  readonly natsUrl: string;
  readonly databaseUrl: string;
  readonly progress?: (line: string) => void;
}

export interface FailoverBenchResult {
  readonly figures: readonly Figure[];
  readonly details: Record<string, unknown>;
}

const members = 3;
const failing = memberName(1);
/** Creates in flight at once. */
const concurrency = 32;
/** How long no binding may settle before the run gives up. */
const stallMs = 180_000;
const progressEveryMs = 10_000;

/**
 * Thresholds of seconds instead of Karmada's minutes, so that the run measures the control plane, not the waits:
 * probes every second, a failure published after 2 s, the NoExecute taint 1 s later.
 */
const fastFailureDetection: NodeJS.ProcessEnv = {
  CLUSTER_STATUS_INTERVAL_SECONDS: '1',
  CLUSTER_FAILURE_THRESHOLD_SECONDS: '2',
  CLUSTER_SUCCESS_THRESHOLD_SECONDS: '2',
  CLUSTER_NOEXECUTE_GRACE_SECONDS: '1',
};

export async function benchFailover(options: FailoverBenchOptions): Promise<FailoverBenchResult> {
  const say = options.progress ?? (() => undefined);
  const { bindings } = options;
  say(`failover: starting the stack with ${members} members…`);
  const stack = await startBenchStack({
    name: 'bench-failover',
    // After the failure the two members left run two replicas of each binding between them.
    members: memberClusters(members, 2 * bindings),
    natsUrl: options.natsUrl,
    databaseUrl: options.databaseUrl,
    maxSockets: concurrency,
    env: fastFailureDetection,
  });
  const timeline = new FailoverTimeline(failing);
  try {
    const follower = await stack.follow((event) => timeline.add(event));
    const names = Array.from({ length: members }, (_, i) => memberName(i));
    expectCreated(await stack.gateway.post(policiesPath, divideEvenlyPolicy(names)), 'the PropagationPolicy');
    say(`failover: creating ${bindings} Deployments of ${members} replicas…`);
    await createTemplates(stack.gateway, bindings, concurrency, (i) => deploymentTemplate(i, members));
    await until(stack, follower, () => timeline.settled(), bindings, 'placed and Ready on every member', say);

    say(`failover: ${failing} goes unreachable`);
    const failedAt = Date.now();
    await setMemberHealth(stack.memberKubeconfig(failing), failing, 'unreachable');
    const recovered = await until(stack, follower, () => timeline.recovered(), bindings, `Ready without ${failing}`, say);
    const times = timeline.result();
    const ready = summarize(times.readyElsewhere);
    const evicted = summarize(times.evicted);
    return {
      figures: [
        { name: `failover: bindings Ready elsewhere`, value: times.readyElsewhere.length, unit: 'bindings', target: { op: '>=', value: bindings } },
        { name: 'failover: NoExecute taint → all replicas Ready elsewhere', value: round(ready.max / 1000, 2), unit: 's' },
        { name: 'failover: taint → Ready elsewhere p50 (per binding)', value: ready.p50, unit: 'ms' },
        { name: 'failover: taint → Ready elsewhere p99 (per binding)', value: ready.p99, unit: 'ms' },
        { name: 'failover: taint → evicted p50', value: evicted.p50, unit: 'ms' },
        { name: 'failover: taint → evicted, last binding', value: evicted.max, unit: 'ms' },
        { name: 'failover: old Works removed before the new placement was Ready', value: times.removedEarly, unit: 'Works', target: { op: '<=', value: 0 } },
        { name: 'failover: member unreachable → NoExecute taint', value: times.taintedAt === undefined ? -1 : round((times.taintedAt - failedAt) / 1000, 2), unit: 's' },
      ],
      details: {
        completed: recovered,
        instance: stack.instance,
        bindingsOnFailedMember: times.affected,
        failureDetection: fastFailureDetection,
        readyElsewhereMs: ready,
        evictedMs: evicted,
        latencySource: 'JetStream storage timestamps, from the ClusterStatusCollected that added the NoExecute taint',
      },
    };
  } finally {
    await stack.stop();
  }
}

/** Waits until `count()` reaches `wanted`; false when it stood still for stallMs. A crashed service fails the run. */
async function until(
  stack: BenchStack,
  follower: StreamFollower,
  count: () => number,
  wanted: number,
  what: string,
  say: (line: string) => void,
): Promise<boolean> {
  let last = count();
  let movedAt = Date.now();
  let reportedAt = Date.now();
  for (;;) {
    const now = count();
    if (now >= wanted) return true;
    const crashed = stack.crashed()[0];
    if (crashed) throw new Error(`${crashed.name} exited during the run:\n${crashed.lines.slice(-20).join('\n')}`);
    const failure = follower.failure();
    if (failure) throw failure;
    if (now !== last) {
      last = now;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      say(`failover: no progress for ${stallMs / 1000} s: ${now}/${wanted} ${what}`);
      return false;
    }
    if (Date.now() - reportedAt >= progressEveryMs) {
      reportedAt = Date.now();
      say(`failover: ${now}/${wanted} ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** member-sim's admin API (PUT /_sim/clusters/<name>/health) on the port, and behind the CA, of the member's kubeconfig. */
async function setMemberHealth(kubeconfigPath: string, name: string, state: 'healthy' | 'unreachable'): Promise<void> {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority-data': string } }[] };
  const cluster = config.clusters[0]!.cluster;
  const url = new URL(`/_sim/clusters/${name}/health`, new URL(cluster.server).origin);
  const body = JSON.stringify({ state });
  const ca = Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8');
  await new Promise<void>((resolve, reject) => {
    const req = request(url, { method: 'PUT', ca, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`member-sim answered ${res.statusCode} to ${state} for ${name}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
