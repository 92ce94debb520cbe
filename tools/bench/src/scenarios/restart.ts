/**
 * `restart`: with N×K Works in place, each service in turn is killed with SIGKILL and started again at once.
 *
 * 1. the stack under its own instance with K simulated members; N Deployments of K replicas, divided one per member
 *    by one policy (as `propagate`), until every Work is applied and every template aggregated ready;
 * 2. the stack idle (every durable consumer caught up); then for each service, one at a time: kill -9, restart, and
 *    the time to "serving" (/readyz 200) and to "caught up" (its durable consumers have nothing pending or
 *    unacknowledged; the gateway also answers the list of the N templates in full), see service-recovery.ts; the
 *    stack idle again before the next one;
 * 3. that nothing was lost: every Work still there and Applied, every template ready, every member holding its
 *    Deployments, no dead letters.
 */
import { loadavg } from 'node:os';
import { serviceNames, type ServiceName } from '@karmada-ts/service-runtime';
import { nodeArgsFor, packageDir } from '../../../../scripts/run-tool.mjs';
import type { BenchResult, Figure } from '../bench-report.js';
import { describeLagsNow, untilCaughtUp } from '../propagate/consumer-lags.js';
import { createTemplates, deploymentsPath, expectCreated, policiesPath } from '../propagate/create-templates.js';
import { countOf } from '../propagate/dead-letters.js';
import { untilDone } from '../propagate/progress-wait.js';
import { StageTimeline } from '../propagate/stage-timeline.js';
import { benchNamespace, deploymentTemplate, divideEvenlyPolicy, memberClusters, memberName } from '../propagate/workload.js';
import { readConsistency } from '../restart/consistency.js';
import { crashAndRecover, type Recovery } from '../restart/service-recovery.js';
import { startBenchStack } from '../stack/bench-stack.js';
import type { GatewayClient } from '../stack/gateway-client.js';
import { peakRssFigures, roundedMemory } from '../stack/process-memory.js';

export interface RestartBenchOptions {
  readonly templates: number;
  readonly clusters: number;
  /** The services restarted, in this order (default: all six, in the catalog's order). */
  readonly services?: readonly ServiceName[];
  readonly natsUrl: string;
  /** Postgres server URL; the stack works in a scratch database it drops afterwards. */
  readonly databaseUrl: string;
  /** Creates in flight at once while the Works are put in place (default 32). */
  readonly concurrency?: number;
  /** How long one service may take to serve and catch up before it is reported as not recovered (default 300 s). */
  readonly recoveryLimitSeconds?: number;
  readonly progress?: (line: string) => void;
}

/** What the issue holds each restart to: caught up and serving within 10 s. */
const targetSeconds = 10;
const setupStallMs = 180_000;
const idleTimeoutMs = 300_000;
const deploymentResource = { group: 'apps', resource: 'deployments' };

export async function runRestartScenario(options: RestartBenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const { templates, clusters } = options;
  const services = options.services ?? serviceNames;
  const concurrency = options.concurrency ?? 32;
  const say = options.progress ?? (() => undefined);
  const works = templates * clusters;
  const members = Array.from({ length: clusters }, (_, i) => memberName(i));

  say(`starting the stack with ${clusters} members…`);
  const stack = await startBenchStack({
    name: 'bench-restart',
    // Each member runs one replica of every template.
    members: memberClusters(clusters, templates),
    natsUrl: options.natsUrl,
    databaseUrl: options.databaseUrl,
    maxSockets: concurrency,
  });
  const timeline = new StageTimeline({ resource: deploymentResource, kind: 'Deployment', namespace: benchNamespace });
  try {
    const jsm = await stack.jetstream();
    const status = () => {
      const counts = timeline.counts();
      return `Works applied ${counts.applied}/${works}, templates ready ${counts.aggregated}/${templates}`;
    };
    const behind = () => describeLagsNow(jsm, stack.subjects.stream);

    const follower = await stack.follow((event) => timeline.add(event));
    expectCreated(await stack.gateway.post(policiesPath, divideEvenlyPolicy(members)), 'the PropagationPolicy');
    say(`putting ${works} Works in place (${templates} Deployments × ${clusters} members)…`);
    const setupStartedAt = Date.now();
    await createTemplates(stack.gateway, templates, concurrency, (i) => deploymentTemplate(i, clusters));
    const placed = await untilDone({
      stack,
      follower,
      done: () => timeline.counts().applied >= works && timeline.counts().aggregated >= templates,
      lastProgressAt: () => timeline.lastProgress().storedAtMs,
      stallMs: setupStallMs,
      deadline: Infinity,
      status,
      behind,
      say,
    });
    if (!placed) throw new Error(`the Works were not put in place: ${status()}; behind: ${await behind()}`);
    const setupSeconds = (timeline.lastProgress().storedAtMs - setupStartedAt) / 1000;
    // From here on the state is read through the API, not the stream: the bench process stays out of the way.
    await follower.stop();
    await untilCaughtUp(jsm, stack.subjects.stream, idleTimeoutMs);
    const events = (await jsm.streams.info(stack.subjects.stream)).state.messages;
    say(`${works} Works applied in ${setupSeconds.toFixed(1)} s (${events} events in the stream); restarting ${services.join(', ')}…`);

    const recoveries: Recovery[] = [];
    for (const name of services) {
      const recovery = await crashAndRecover(name, {
        stack,
        jsm,
        limitMs: (options.recoveryLimitSeconds ?? 300) * 1000,
        ...(name === 'api-gateway' ? { alsoCaughtUp: () => listsAll(stack.gateway, templates) } : {}),
      });
      recoveries.push(recovery);
      say(`${name}: started ${recovery.startedSeconds.toFixed(2)} s, serving ${describeSeconds(recovery.servingSeconds)}, caught up ${describeSeconds(recovery.caughtUpSeconds)} (${recovery.pendingAtRestart} pending, ${recovery.unackedAtRestart} unacknowledged at the restart)`);
      await untilCaughtUp(jsm, stack.subjects.stream, idleTimeoutMs);
    }

    say('checking that nothing was lost…');
    const after = await readConsistency(stack, jsm, members);
    const memory = stack.memory();
    return {
      scenario: 'restart',
      parameters: { templates, clusters, works, services },
      seconds: (performance.now() - started) / 1000,
      figures: [
        { name: 'Works in place before the restarts', value: timeline.counts().applied, unit: 'Works', target: { op: '>=', value: works } },
        { name: 'Works applied per second (setup)', value: round(works / setupSeconds, 1), unit: 'Works/s' },
        ...recoveries.flatMap((r): Figure[] => [
          { name: `${r.service}: restart → started`, value: round(r.startedSeconds, 2), unit: 's' },
          { name: `${r.service}: restart → serving`, value: reachedOr(r.servingSeconds, options), unit: 's', target: { op: '<=', value: targetSeconds } },
          { name: `${r.service}: restart → caught up`, value: reachedOr(r.caughtUpSeconds, options), unit: 's', target: { op: '<=', value: targetSeconds } },
        ]),
        { name: 'Works after the restarts', value: after.works, unit: 'Works', target: { op: '>=', value: works } },
        { name: 'Works Applied after the restarts', value: after.worksApplied, unit: 'Works', target: { op: '>=', value: works } },
        { name: 'templates ready after the restarts', value: after.templatesReady, unit: 'templates', target: { op: '>=', value: templates } },
        { name: 'Deployments in the members', value: Object.values(after.inMembers).reduce((a, b) => a + b, 0), unit: 'Deployments', target: { op: '>=', value: works } },
        { name: 'dead letters', value: countOf(after.deadLetters), unit: 'messages', target: { op: '<=', value: 0 } },
        ...peakRssFigures(memory),
      ],
      details: {
        instance: stack.instance,
        setupSeconds,
        eventsInStream: events,
        recoveries,
        recoveryLimitSeconds: options.recoveryLimitSeconds ?? 300,
        // Transpiled on the fly, a service takes longer to start than built: `npm run build` first for the real figures.
        ranFrom: Object.fromEntries(services.map((name) => [name, nodeArgsFor(packageDir(name)).some((a: string) => a.endsWith('.ts')) ? 'TypeScript sources' : 'built dist'])),
        definitions: {
          started: 'the new process logged "<service> started": connections, migrations, consumers bound, HTTP listening',
          serving: 'its /readyz answered 200 (NATS, Postgres, every projection within 100 events of its stream)',
          caughtUp: "its durable consumers had nothing pending or unacknowledged; for api-gateway, the list of the templates also answered in full",
        },
        after,
        memoryMiB: roundedMemory(memory),
        loadAverage: loadavg(),
      },
    };
  } finally {
    await stack.stop();
  }
}

/** Whether the gateway answers the list of the bench templates with all of them. */
async function listsAll(gateway: GatewayClient, templates: number): Promise<boolean> {
  const { status, body } = await gateway.get(deploymentsPath);
  return status === 200 && (body as { items: unknown[] }).items.length >= templates;
}

/** Seconds to a point reached, or the limit waited when it was not (so that the figure misses its target). */
function reachedOr(seconds: number | undefined, options: RestartBenchOptions): number {
  return round(seconds ?? options.recoveryLimitSeconds ?? 300, 2);
}

function describeSeconds(seconds: number | undefined): string {
  return seconds === undefined ? 'not reached' : `${seconds.toFixed(2)} s`;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
