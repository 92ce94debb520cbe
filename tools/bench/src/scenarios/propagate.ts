/**
 * `propagate`: N Deployments through the whole product, divided over K simulated member clusters.
 *
 * 1. the raw JetStream acked-publish ceiling of this machine, measured first (the bus ceiling);
 * 2. the stack under its own instance: six services as processes, member-sim with room for every replica, members
 *    joined with karmadactl and Ready, one PropagationPolicy, every consumer caught up;
 * 3. N Deployments created through the gateway over HTTPS (keep-alive, bounded concurrency), while one ordered
 *    consumer follows the instance's stream and places every event on the stage timeline;
 * 4. done when every template's aggregated status has readyReplicas = replicas and every Work is applied; or, when
 *    nothing moves for a while, the run stops and reports how far it got and which consumers trail.
 *
 * Throughput and stage latencies come from the stream's storage timestamps; peak RSS from /proc of each process.
 */
import { loadavg } from 'node:os';
import type { BenchResult, Figure } from '../bench-report.js';
import { summarize, type LatencySummary } from '../percentiles.js';
import { consumerLags, describeLagsNow, untilCaughtUp } from '../propagate/consumer-lags.js';
import { createTemplates, expectCreated, policiesPath } from '../propagate/create-templates.js';
import { untilDone } from '../propagate/progress-wait.js';
import { StageTimeline, stages, transitions, type Stage, type Transition } from '../propagate/stage-timeline.js';
import { benchNamespace, deploymentTemplate, divideEvenlyPolicy, memberClusters, memberName } from '../propagate/workload.js';
import { EventTypeCounter } from '../propagate/event-type-counter.js';
import { startBenchStack } from '../stack/bench-stack.js';
import { cpuProfileEnv } from '../stack/cpu-profile-env.js';
import type { ServiceReplicas } from '../stack/service-replicas.js';
import { machineCpuFigures, machineCpuShare, readMachineCpu } from '../stack/machine-cpu.js';
import { cpuFigures, cpuUsedSince } from '../stack/process-cpu.js';
import { peakRssFigures, roundedMemory } from '../stack/process-memory.js';
import { measureRawPublishCeiling } from './backbone.js';

export interface PropagateBenchOptions {
  readonly templates: number;
  readonly clusters: number;
  readonly natsUrl: string;
  /** Postgres server URL; the stack works in a scratch database it drops afterwards. */
  readonly databaseUrl: string;
  /** Creates in flight at once (default 32). */
  readonly concurrency?: number;
  /** Messages of the bus-ceiling measurement (default 20,000). */
  readonly ceilingEvents?: number;
  /** How long no template or Work may advance a stage before the run gives up (default 180 s). */
  readonly stallSeconds?: number;
  /** The longest the run may take from the first create; it then reports how far it got (default: no limit). */
  readonly maxSeconds?: number;
  /** Processes per service (default 1), or of some services (BenchStackOptions.replicas). */
  readonly replicas?: ServiceReplicas;
  /** Where every service writes its CPU profile when the stack stops (`<app>-<pid>.cpuprofile`); no profiles when absent. */
  readonly profileDir?: string;
  /** Progress lines while the run goes on (stderr in the CLI). */
  readonly progress?: (line: string) => void;
}

const deploymentResource = { group: 'apps', resource: 'deployments' };
const quiesceTimeoutMs = 120_000;

export async function runPropagateScenario(options: PropagateBenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const { templates, clusters } = options;
  const concurrency = options.concurrency ?? 32;
  const stallMs = (options.stallSeconds ?? 180) * 1000;
  const say = options.progress ?? (() => undefined);
  // One replica per member: every template has a Work in every cluster.
  const replicas = clusters;
  const expected: Record<Stage, number> = {
    accepted: templates,
    bound: templates,
    scheduled: templates,
    rendered: templates * clusters,
    applied: templates * clusters,
    aggregated: templates,
  };

  say('measuring the bus ceiling…');
  const ceiling = await measureRawPublishCeiling({ natsUrl: options.natsUrl, events: options.ceilingEvents ?? 20_000 });
  say(`bus ceiling ${Math.round(ceiling)} events/s; starting the stack with ${clusters} members…`);
  const stack = await startBenchStack({
    name: 'bench-prop',
    // Each member runs one replica of every template.
    members: memberClusters(clusters, templates),
    natsUrl: options.natsUrl,
    databaseUrl: options.databaseUrl,
    maxSockets: concurrency,
    env: cpuProfileEnv(options.profileDir),
    replicas: options.replicas ?? 1,
  });
  const timeline = new StageTimeline({ resource: deploymentResource, kind: 'Deployment', namespace: benchNamespace });
  try {
    const types = new EventTypeCounter();
    const follower = await stack.follow((event) => {
      timeline.add(event);
      types.add(event);
    });
    const jsm = await stack.jetstream();
    const names = Array.from({ length: clusters }, (_, i) => memberName(i));
    expectCreated(await stack.gateway.post(policiesPath, divideEvenlyPolicy(names)), 'the PropagationPolicy');
    await untilCaughtUp(jsm, stack.subjects.stream, quiesceTimeoutMs);
    const seqBefore = (await jsm.streams.info(stack.subjects.stream)).state.last_seq;
    types.startAfter(seqBefore);

    say(`creating ${templates} Deployments (${concurrency} at once)…`);
    const cpuBefore = stack.cpuSeconds();
    const machineAtStart = readMachineCpu();
    const createStartedAt = Date.now();
    await createTemplates(stack.gateway, templates, concurrency, (i) => deploymentTemplate(i, replicas));
    const createSeconds = (Date.now() - createStartedAt) / 1000;
    say(`created in ${createSeconds.toFixed(1)} s; waiting for every template to be ready…`);

    const completed = await untilDone({
      stack,
      follower,
      done: () => {
        const counts = timeline.counts();
        return stages.every((s) => counts[s] >= expected[s]);
      },
      lastProgressAt: () => timeline.lastProgress().storedAtMs,
      stallMs,
      deadline: options.maxSeconds === undefined ? Infinity : createStartedAt + options.maxSeconds * 1000,
      status: () => describeCounts(timeline.counts(), expected),
      behind: () => describeLagsNow(jsm, stack.subjects.stream),
      say,
    });
    const machine = machineCpuShare(machineAtStart, readMachineCpu());
    const memory = stack.memory();
    const cpu = cpuUsedSince(cpuBefore, stack.cpuSeconds());
    const lags = await consumerLags(jsm, stack.subjects.stream);
    const last = timeline.lastProgress();
    const endedAt = completed ? last.storedAtMs : Date.now();
    const totalSeconds = (endedAt - createStartedAt) / 1000;
    const counts = timeline.counts();
    const latencies = Object.fromEntries(Object.entries(timeline.latencies()).map(([t, values]) => [t, summarize(values)])) as Record<
      Transition,
      LatencySummary
    >;
    const events = (completed ? last.seq : (await jsm.streams.info(stack.subjects.stream)).state.last_seq) - seqBefore;
    const eventsPerSec = events / totalSeconds;
    return {
      scenario: 'propagate',
      parameters: { templates, clusters, replicasPerTemplate: replicas, createConcurrency: concurrency, processesPerService: options.replicas ?? 1 },
      seconds: (performance.now() - started) / 1000,
      figures: [
        { name: 'templates aggregated ready', value: counts.aggregated, unit: 'templates', target: { op: '>=', value: expected.aggregated } },
        { name: 'Works applied', value: counts.applied, unit: 'Works', target: { op: '>=', value: expected.applied } },
        { name: completed ? 'first create → every template ready' : 'first create → gave up', value: round(totalSeconds, 2), unit: 's' },
        { name: 'Works applied per second', value: round(counts.applied / totalSeconds, 1), unit: 'Works/s' },
        { name: 'templates ready per second', value: round(counts.aggregated / totalSeconds, 1), unit: 'templates/s' },
        { name: 'creates through the gateway', value: round(templates / createSeconds, 1), unit: 'templates/s' },
        { name: 'events through the system', value: Math.round(eventsPerSec), unit: 'events/s' },
        { name: 'events per Work', value: round(events / expected.rendered, 2), unit: 'events' },
        { name: 'bus ceiling (raw JetStream acked publish)', value: Math.round(ceiling), unit: 'events/s' },
        { name: 'events/s ÷ bus ceiling', value: round(eventsPerSec / ceiling, 4), unit: 'ratio' },
        ...transitions.flatMap((t): Figure[] => [
          { name: `${t} p50`, value: latencies[t].p50, unit: 'ms' },
          { name: `${t} p99`, value: latencies[t].p99, unit: 'ms' },
        ]),
        ...machineCpuFigures('during the run', machine),
        ...peakRssFigures(memory),
        ...cpuFigures(cpu),
      ],
      details: {
        completed,
        instance: stack.instance,
        propagationSeconds: totalSeconds,
        createSeconds,
        expected,
        stageCounts: Object.fromEntries(stages.map((s) => [s, counts[s]])),
        latencyMs: latencies,
        latencySource: 'JetStream storage timestamps of the events (envelope times are copied from the cause)',
        busCeilingEventsPerSec: ceiling,
        eventsThroughSystem: events,
        eventsPerSec,
        eventsByType: types.counts(events),
        ratioToCeiling: eventsPerSec / ceiling,
        memoryMiB: roundedMemory(memory),
        cpuSecondsDuringRun: cpu,
        machineCpu: machine,
        consumersBehindAtEnd: lags.filter((l) => l.pending + l.ackPending > 0),
        loadAverage: loadavg(),
      },
    };
  } finally {
    await stack.stop();
  }
}

function describeCounts(counts: Record<Stage, number>, expected: Record<Stage, number>): string {
  return stages.map((s) => `${s} ${counts[s]}/${expected[s]}`).join(', ');
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
