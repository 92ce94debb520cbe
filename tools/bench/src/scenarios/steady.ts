/**
 * `steady`: a steady open-loop load of template creates against the whole product with K simulated members.
 *
 * 1. the raw JetStream acked-publish ceiling of this machine (the bus ceiling);
 * 2. the stack under its own instance (six services as processes, member-sim, members joined and Ready), the group
 *    policies of the steady workload (steady-workload.ts: groups of about three members, 1–3 Works per template),
 *    and every consumer caught up: the load starts on an idle stack;
 * 3. `rate` creates per second for `seconds` through the gateway, each sent on time whatever happened to the ones
 *    before (open loop), while one ordered consumer follows the stream and places every event on the stage timeline;
 * 4. done when every accepted template has all the Works of its placement applied (or nothing moved for a while).
 *
 * The figure: per template, accepted (ResourceCreated stored) → its first Work applied in its member, and → all its
 * Works applied (WorkStatusReported with Applied=True stored), from the stream's storage timestamps: the envelopes'
 * times are copied from the cause and say nothing about how long a step took (stage-timeline.ts).
 */
import { loadavg } from 'node:os';
import { pacedLoad } from '../api/paced-load.js';
import type { BenchResult, Figure } from '../bench-report.js';
import { percentile, summarize, type LatencySummary } from '../percentiles.js';
import { consumerLags, describeLagsNow, untilCaughtUp } from '../propagate/consumer-lags.js';
import { deploymentsPath, expectCreated, policiesPath } from '../propagate/create-templates.js';
import { countOf, deadLetters } from '../propagate/dead-letters.js';
import { untilDone } from '../propagate/progress-wait.js';
import { StageTimeline, stages, transitions, type Transition } from '../propagate/stage-timeline.js';
import { benchNamespace, memberClusters } from '../propagate/workload.js';
import { EventTypeCounter } from '../propagate/event-type-counter.js';
import { startBenchStack } from '../stack/bench-stack.js';
import { cpuProfileEnv } from '../stack/cpu-profile-env.js';
import { machineCpuFigures, machineCpuShare, readMachineCpu } from '../stack/machine-cpu.js';
import { cpuFigures, cpuUsedSince } from '../stack/process-cpu.js';
import { peakRssFigures, roundedMemory } from '../stack/process-memory.js';
import { measureRawPublishCeiling } from './backbone.js';
import { groupPolicies, memberGroups, replicaMix, replicasPerMemberAtMost, steadyTemplate } from '../steady/steady-workload.js';

export interface SteadyBenchOptions {
  /** Creates per second. */
  readonly rate: number;
  /** How long the load lasts. */
  readonly seconds: number;
  /** Simulated member clusters. */
  readonly clusters: number;
  readonly natsUrl: string;
  /** Postgres server URL; the stack works in a scratch database it drops afterwards. */
  readonly databaseUrl: string;
  /** Messages of the bus-ceiling measurement (default 20,000). */
  readonly ceilingEvents?: number;
  /** How long nothing may advance, after the load, before the run gives up on the templates left (default 120 s). */
  readonly stallSeconds?: number;
  /** Where every service writes its CPU profile when the stack stops (`<app>-<pid>.cpuprofile`); no profiles when absent. */
  readonly profileDir?: string;
  readonly progress?: (line: string) => void;
}

/** The p99 the issue holds accepted → applied in member to (Karmada's scale test: 1.3 s on 64 vCPU). */
const targetP99Ms = 250;
/**
 * The run's latencies are also told per window of acceptance: the first window holds the stack's first contact with
 * every member (connections, discovery, informers), the rest how it keeps up.
 */
const overTimeWindowMs = 10_000;
/** Connections to the gateway at most: enough that an open loop at the rate never waits for one. */
const maxSockets = 128;
const idleTimeoutMs = 300_000;
const deploymentResource = { group: 'apps', resource: 'deployments' };

interface CreateOutcome {
  readonly status: number;
  /** Request to response, as this process saw it. */
  readonly ms: number;
  readonly message?: string;
}

export async function runSteadyScenario(options: SteadyBenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const { rate, seconds, clusters } = options;
  const say = options.progress ?? (() => undefined);
  const total = Math.round(rate * seconds);
  const groups = memberGroups(clusters);

  say('measuring the bus ceiling…');
  const ceiling = await measureRawPublishCeiling({ natsUrl: options.natsUrl, events: options.ceilingEvents ?? 20_000 });
  say(`bus ceiling ${Math.round(ceiling)} events/s; starting the stack with ${clusters} members…`);
  const stack = await startBenchStack({
    name: 'bench-steady',
    members: memberClusters(clusters, replicasPerMemberAtMost(total, groups.length)),
    natsUrl: options.natsUrl,
    databaseUrl: options.databaseUrl,
    maxSockets,
    env: cpuProfileEnv(options.profileDir),
  });
  const timeline = new StageTimeline({ resource: deploymentResource, kind: 'Deployment', namespace: benchNamespace });
  try {
    const types = new EventTypeCounter();
    const follower = await stack.follow((event) => {
      timeline.add(event);
      types.add(event);
    });
    const jsm = await stack.jetstream();
    for (const policy of groupPolicies(groups)) expectCreated(await stack.gateway.post(policiesPath, policy), `PropagationPolicy ${policy.metadata.name}`);
    say(`${groups.length} group policies created; waiting for the stack to be idle…`);
    await untilCaughtUp(jsm, stack.subjects.stream, idleTimeoutMs);
    const seqBefore = (await jsm.streams.info(stack.subjects.stream)).state.last_seq;
    types.startAfter(seqBefore);

    say(`creating ${rate} Deployments per second for ${seconds} s…`);
    const cpuBefore = stack.cpuSeconds();
    const machineAtLoadStart = readMachineCpu();
    const outcomes: Promise<CreateOutcome>[] = [];
    const loadStartedAt = Date.now();
    const paced = await pacedLoad(rate, seconds, (i) => {
      const sentAt = performance.now();
      outcomes.push(
        stack.gateway.post(deploymentsPath, steadyTemplate(i, groups).template).then(
          (response) => ({ status: response.status, ms: performance.now() - sentAt, message: (response.body as { message?: string } | undefined)?.message }),
          (error: unknown) => ({ status: 0, ms: performance.now() - sentAt, message: (error as Error).message }),
        ),
      );
    });
    const creates = await Promise.all(outcomes);
    const loadSeconds = (Date.now() - loadStartedAt) / 1000;
    const machineAtLoadEnd = readMachineCpu();
    const accepted = creates.flatMap((c, i) => (c.status === 201 ? [i] : []));
    const refused = creates.filter((c) => c.status !== 201);
    const expectedWorks = accepted.reduce((sum, i) => sum + steadyTemplate(i, groups).works, 0);
    say(`${accepted.length}/${total} creates accepted in ${loadSeconds.toFixed(1)} s; waiting for every Work to be applied…`);

    const completed = await untilDone({
      stack,
      follower,
      done: () => timeline.appliedLatencies().all.length >= accepted.length,
      lastProgressAt: () => timeline.lastProgress().storedAtMs,
      stallMs: (options.stallSeconds ?? 120) * 1000,
      deadline: Infinity,
      status: () =>
        `templates all applied ${timeline.appliedLatencies().all.length}/${accepted.length}, Works applied ${timeline.counts().applied}/${expectedWorks}`,
      behind: () => describeLagsNow(jsm, stack.subjects.stream),
      say,
    });
    const machineAtEnd = readMachineCpu();
    const memory = stack.memory();
    const cpu = cpuUsedSince(cpuBefore, stack.cpuSeconds());
    const machineWhileCreating = machineCpuShare(machineAtLoadStart, machineAtLoadEnd);
    const machineAfterCreating = machineCpuShare(machineAtLoadEnd, machineAtEnd);
    const applied = timeline.appliedLatencies();
    const first = summarize(applied.first);
    const all = summarize(applied.all);
    const overTime = timeline.allAppliedOverTime(overTimeWindowMs);
    const warmUp = summarize(overTime.slice(0, 1).flatMap((w) => w.latencies));
    const afterWarmUp = summarize(overTime.slice(1).flatMap((w) => w.latencies));
    const steps = Object.fromEntries(Object.entries(timeline.latencies()).map(([t, values]) => [t, summarize(values)])) as Record<Transition, LatencySummary>;
    const counts = timeline.counts();
    const last = timeline.lastProgress();
    const runSeconds = (last.storedAtMs - loadStartedAt) / 1000;
    const events = last.seq - seqBefore;
    const letters = await deadLetters(jsm, stack.subjects);
    const createMs = creates.map((c) => c.ms);
    return {
      scenario: 'steady',
      parameters: { rate, seconds, clusters, groups: groups.length, replicaMix, templates: total },
      seconds: (performance.now() - started) / 1000,
      figures: [
        { name: 'templates with every Work applied', value: applied.all.length, unit: 'templates', target: { op: '>=', value: total } },
        { name: 'Works applied', value: counts.applied, unit: 'Works', target: { op: '>=', value: expectedWorks } },
        { name: 'creates asked', value: rate, unit: 'templates/s' },
        { name: 'creates accepted', value: round(accepted.length / loadSeconds, 1), unit: 'templates/s' },
        { name: 'Works applied per second', value: round(counts.applied / runSeconds, 1), unit: 'Works/s' },
        { name: 'accepted → first Work applied p50', value: first.p50, unit: 'ms' },
        { name: 'accepted → first Work applied p95', value: first.p95, unit: 'ms' },
        { name: 'accepted → first Work applied p99', value: first.p99, unit: 'ms', target: { op: '<=', value: targetP99Ms } },
        { name: 'accepted → first Work applied max', value: first.max, unit: 'ms' },
        { name: 'accepted → all Works applied p50', value: all.p50, unit: 'ms' },
        { name: 'accepted → all Works applied p95', value: all.p95, unit: 'ms' },
        { name: 'accepted → all Works applied p99', value: all.p99, unit: 'ms', target: { op: '<=', value: targetP99Ms } },
        { name: 'accepted → all Works applied max', value: all.max, unit: 'ms' },
        { name: `accepted → all Works applied p99, first ${overTimeWindowMs / 1000} s`, value: warmUp.p99, unit: 'ms' },
        { name: `accepted → all Works applied p99, after the first ${overTimeWindowMs / 1000} s`, value: afterWarmUp.p99, unit: 'ms' },
        ...transitions.map((t): Figure => ({ name: `${t} p99`, value: steps[t].p99, unit: 'ms' })),
        { name: 'create response p99 (client side)', value: round(percentile(createMs, 99), 1), unit: 'ms' },
        { name: 'create sent late p99 (the bench process lagging)', value: round(percentile(paced.lateMs, 99), 1), unit: 'ms' },
        { name: 'events through the system', value: Math.round(events / runSeconds), unit: 'events/s' },
        { name: 'bus ceiling (raw JetStream acked publish)', value: Math.round(ceiling), unit: 'events/s' },
        { name: 'dead letters', value: countOf(letters), unit: 'messages', target: { op: '<=', value: 0 } },
        ...machineCpuFigures('while creating', machineWhileCreating),
        ...machineCpuFigures('after the creates', machineAfterCreating),
        ...peakRssFigures(memory),
        ...cpuFigures(cpu),
      ],
      details: {
        completed,
        instance: stack.instance,
        workload: `members in ${groups.length} groups of ${groupSizes(groups)}; one PropagationPolicy per group dividing its templates' replicas with equal static weights; template i in group i mod ${groups.length} with ${replicaMix.join('/')} replicas (i mod ${replicaMix.length})`,
        acceptedTemplates: accepted.length,
        refusedCreates: refused.length,
        firstRefusal: refused[0] && { status: refused[0].status, message: refused[0].message },
        loadSeconds,
        pacedSeconds: paced.seconds,
        expectedWorks,
        stageCounts: Object.fromEntries(stages.map((s) => [s, counts[s]])),
        latencyMs: { 'accepted → first Work applied': first, 'accepted → all Works applied': all, ...steps },
        allAppliedOverTimeMs: overTime.map((w) => ({ acceptedFromSeconds: w.fromMs / 1000, ...summarize(w.latencies) })),
        latencySource: 'JetStream storage timestamps of the events (envelope times are copied from the cause)',
        createResponseMs: summarize(createMs),
        sentLateMs: summarize(paced.lateMs),
        busCeilingEventsPerSec: ceiling,
        eventsThroughSystem: events,
        eventsByType: types.counts(events),
        ratioToCeiling: events / runSeconds / ceiling,
        deadLetters: letters,
        cpuSecondsDuringRun: cpu,
        machineCpu: { whileCreating: machineWhileCreating, afterCreating: machineAfterCreating },
        memoryMiB: roundedMemory(memory),
        consumersBehindAtEnd: (await consumerLags(jsm, stack.subjects.stream)).filter((l) => l.pending + l.ackPending > 0),
        loadAverage: loadavg(),
      },
    };
  } finally {
    await stack.stop();
  }
}

/** `3–4 members` */
function groupSizes(groups: readonly (readonly string[])[]): string {
  const sizes = groups.map((g) => g.length);
  const [min, max] = [Math.min(...sizes), Math.max(...sizes)];
  return min === max ? `${min} members` : `${min}–${max} members`;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
