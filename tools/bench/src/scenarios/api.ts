/**
 * `api`: the gateway's Kubernetes API under load, the gateway in a process of its own on a scratch instance
 * (stream, database, state directory; removed afterwards), without the controllers (GATEWAY_CLEANUP_FINALIZERS=false),
 * reached over HTTPS with the admin token on keep-alive connections. Measured:
 *
 * 1. after a warm-up ramping up to it, creates of ConfigMaps paced open-loop at `rate`/s for `seconds`, with gets of
 *    created objects at the same rate: latency percentiles of each; a watch on the namespace meanwhile gives
 *    create → event latency under load;
 * 2. the namespace topped up to `objects` ConfigMaps as fast as 16 requests in flight go (and how far the watch fell
 *    behind), then full lists of it (JSON, and as kubectl's Table);
 * 3. paced updates of a few objects while the watch runs: time from the write's response to its watch event.
 *
 * With `profileDir`, the gateway runs under a CPU profiler and writes its `.cpuprofile` there when it stops.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subjects } from '@karmada-ts/contracts';
import { pacedLoad } from '../api/paced-load.js';
import { processCpuSeconds, processRunQueueSeconds } from '../stack/process-cpu.js';
import { TimedClient, type ArrivedWatchEvent, type TimedResponse } from '../api/timed-client.js';
import type { BenchResult, Figure } from '../bench-report.js';
import { percentile } from '../percentiles.js';
import { databaseUrlAt, removeBenchInstance } from '../stack/bench-instance.js';
import { cpuProfileEnv } from '../stack/cpu-profile-env.js';
import { readProcessMemory } from '../stack/process-memory.js';
import { startServiceProcess, type ServiceProcess } from '../stack/service-process.js';

export interface ApiBenchOptions {
  /** Creates per second in phase 1 (default 200); gets run at the same rate. */
  readonly rate: number;
  /** Length of phase 1 in seconds (default 30). */
  readonly seconds: number;
  /** Objects in the namespace for the list timings (default 10,000). */
  readonly objects: number;
  /** Full lists timed (default 5). */
  readonly listRuns?: number;
  /** Length of the warm-up before phase 1 in seconds (default 15). */
  readonly warmUpSeconds?: number;
  /** Paced updates in phase 3 (default 200, at 20/s). */
  readonly watchUpdates?: number;
  readonly natsUrl: string;
  /** Postgres server URL; a scratch database is created on it and dropped afterwards. */
  readonly databaseUrl: string;
  /** Where the gateway writes its CPU profile (`api-gateway-<pid>.cpuprofile`, for Chrome DevTools); no profile when absent. */
  readonly profileDir?: string;
  readonly progress?: (line: string) => void;
}

const namespace = 'bench-api';
const collection = `/api/v1/namespaces/${namespace}/configmaps`;
const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
/** Connections at most (the keep-alive pool): more requests wait for one, and that wait counts in their latency. */
const maxSockets = 64;
const topUpConcurrency = 16;
const updatesPerSecond = 20;
const updatedObjects = 10;
/** How long a watch event may take before it counts as missed. */
const watchGraceMs = 60_000;
/** The warm-up's steps, as shares of the rate, each for a third of the warm-up. */
const warmUpSteps = [0.25, 0.5, 1];
/** How long the watch may take to catch up with creates it is behind on. */
const catchUpTimeoutMs = 300_000;

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { bench: 'api' } }, data: { value: name.padEnd(200, '.') } });

function resourceVersionOf(response: TimedResponse): string {
  return (JSON.parse(response.text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

function expectStatus(response: TimedResponse, expected: number, what: string): TimedResponse {
  if (response.status !== expected) throw new Error(`api bench: ${what} answered ${response.status}: ${response.text.slice(0, 300)}`);
  return response;
}

/** The latency figures of a sample, in ms, rounded to 0.1 ms. */
function latencyFigures(name: string, values: readonly number[], target?: Figure['target']): Figure[] {
  const round = (v: number) => Math.round(v * 10) / 10;
  return [
    { name: `${name} p50`, value: round(percentile(values, 50)), unit: 'ms' },
    { name: `${name} p95`, value: round(percentile(values, 95)), unit: 'ms' },
    { name: `${name} p99`, value: round(percentile(values, 99)), unit: 'ms', ...(target ? { target } : {}) },
    { name: `${name} max`, value: round(percentile(values, 100)), unit: 'ms' },
  ];
}

/** Write responses whose watch event must arrive: resourceVersion → when the response ended. */
class WatchLatencies {
  private readonly written = new Map<string, number>();
  private readonly arrived = new Map<string, number>();
  /** The newest resourceVersion the watch delivered. */
  private newest = 0;

  onEvent(event: ArrivedWatchEvent): void {
    const rv = event.object.metadata?.resourceVersion;
    if (rv === undefined) return;
    this.newest = Math.max(this.newest, Number(rv));
    if (!this.arrived.has(rv)) this.arrived.set(rv, event.arrivedAt);
  }

  /** Waits until the watch delivered `resourceVersion` (or a later one); false when it did not within the timeout. */
  async reach(resourceVersion: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.newest < resourceVersion) {
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  }

  expect(response: TimedResponse): void {
    this.written.set(resourceVersionOf(response), response.endedAt);
  }

  /** Waits until every expected event arrived or the grace time passed; then the latencies and what never came. */
  async settle(): Promise<{ latencies: number[]; missed: number; beforeResponse: number }> {
    const deadline = performance.now() + watchGraceMs;
    while ([...this.written.keys()].some((rv) => !this.arrived.has(rv)) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const latencies: number[] = [];
    let missed = 0;
    let beforeResponse = 0;
    for (const [rv, respondedAt] of this.written) {
      const arrivedAt = this.arrived.get(rv);
      if (arrivedAt === undefined) missed++;
      else {
        // The event may beat the response to this process: the change was seen no later than the write returned.
        if (arrivedAt < respondedAt) beforeResponse++;
        latencies.push(Math.max(0, arrivedAt - respondedAt));
      }
    }
    this.written.clear();
    return { latencies, missed, beforeResponse };
  }
}

export async function runApiScenario(options: ApiBenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const progress = options.progress ?? (() => undefined);
  const listRuns = options.listRuns ?? 5;
  const watchUpdates = options.watchUpdates ?? 200;
  const warmUpStepSeconds = (options.warmUpSeconds ?? 15) / warmUpSteps.length;
  const instance = `bench-api-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const database = `karmada_${instance.replace(/-/g, '_')}`;
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  let gateway: ServiceProcess | undefined;
  let client: TimedClient | undefined;
  let closeWatch: (() => void) | undefined;
  try {
    progress(`starting the gateway (instance ${instance})`);
    gateway = await startServiceProcess(
      'api-gateway',
      {
        KARMADA_INSTANCE: instance,
        KARMADA_STATE_DIR: stateDir,
        DATABASE_URL: databaseUrlAt(options.databaseUrl, database),
        NATS_URL: options.natsUrl,
        GATEWAY_PORT: '0',
        GATEWAY_CLEANUP_FINALIZERS: 'false',
        LOG_LEVEL: 'info',
        ...cpuProfileEnv(options.profileDir),
      },
      240_000,
    );
    const pid = gateway.child.pid!;
    client = new TimedClient(join(stateDir, 'kubeconfig'), maxSockets);
    const api = client;
    expectStatus(await api.send('POST', '/api/v1/namespaces', { body: { metadata: { name: namespace } } }), 201, 'creating the namespace');
    const watchLatencies = new WatchLatencies();
    const emptyList = expectStatus(await api.send('GET', collection), 200, 'listing the empty namespace');
    const watch = await api.watch(`${collection}?watch=1&resourceVersion=${resourceVersionOf(emptyList)}&timeoutSeconds=3600`, (e) => watchLatencies.onEvent(e));
    closeWatch = () => watch.close();

    // 1. Paced creates with gets of what exists, after a warm-up that ramps up to the rate (a gateway that has just
    //    started compiles and optimizes its code and opens its connections: its first seconds are not its steady state).
    const created: string[] = [];
    const createMs: number[] = [];
    const getMs: number[] = [];
    const failures: string[] = [];
    /** Create latencies by the second of phase 1 they were sent in: does latency build up, or spike and recover? */
    const createsBySecond: number[][] = [];
    const mixedLoad = async (rate: number, seconds: number, prefix: string, measured: boolean) => {
      const inFlight: Promise<void>[] = [];
      const record = (what: string, expected: number, call: Promise<TimedResponse>, onSuccess: (r: TimedResponse) => void) =>
        inFlight.push(
          call.then(
            (r) => (r.status === expected ? onSuccess(r) : void failures.push(`${what}: ${r.status} ${r.text.slice(0, 200)}`)),
            (error: unknown) => void failures.push(`${what}: ${(error as Error).message}`),
          ),
        );
      const started = performance.now();
      const run = await pacedLoad(rate, seconds, (i) => {
        const name = `${prefix}-${i}`;
        const second = Math.floor((performance.now() - started) / 1000);
        record(`create ${name}`, 201, api.send('POST', collection, { body: configMap(name) }), (r) => {
          created.push(name);
          if (!measured) return;
          createMs.push(r.ms);
          (createsBySecond[second] ??= []).push(r.ms);
          watchLatencies.expect(r);
        });
        const existing = created[Math.floor(Math.random() * created.length)];
        if (existing) record(`get ${existing}`, 200, api.send('GET', `${collection}/${existing}`), (r) => void (measured && getMs.push(r.ms)));
      });
      await Promise.all(inFlight);
      return run;
    };
    progress(`warm-up: ${warmUpSteps.map((share) => Math.round(options.rate * share)).join(', ')} creates/s and as many gets/s, ${warmUpStepSeconds} s each`);
    for (const [step, share] of warmUpSteps.entries()) await mixedLoad(Math.max(1, Math.round(options.rate * share)), warmUpStepSeconds, `warm${step}`, false);
    await watchLatencies.reach(Number(resourceVersionOf(expectStatus(await api.send('GET', collection), 200, 'listing after the warm-up'))), catchUpTimeoutMs);
    progress(`phase 1: ${options.rate} creates/s and ${options.rate} gets/s for ${options.seconds} s`);
    const cpuBefore = processCpuSeconds(pid) ?? 0;
    const waitBefore = processRunQueueSeconds(pid) ?? 0;
    const phaseStarted = performance.now();
    const load = await mixedLoad(options.rate, options.seconds, 'load', true);
    // From the first request to the last answer: the CPU its requests cost, and how long it was runnable but not running.
    const phaseSeconds = (performance.now() - phaseStarted) / 1000;
    const gatewayCpuSeconds = (processCpuSeconds(pid) ?? 0) - cpuBefore;
    const gatewayWaitPercent = (((processRunQueueSeconds(pid) ?? 0) - waitBefore) / phaseSeconds) * 100;
    const underLoad = await watchLatencies.settle();

    // 2. Top up to `objects`, then full lists.
    progress(`phase 2: ${options.objects} objects, ${listRuns} full lists`);
    let next = created.length;
    let lastFill = 0;
    const total = Math.max(options.objects, created.length);
    const fills = total - created.length;
    const fillStarted = performance.now();
    await Promise.all(
      Array.from({ length: topUpConcurrency }, async () => {
        while (next < total) {
          const name = `fill-${next++}`;
          lastFill = Math.max(lastFill, Number(resourceVersionOf(expectStatus(await api.send('POST', collection, { body: configMap(name) }), 201, `creating ${name}`))));
        }
      }),
    );
    // The watch sees every new object too; the lists and updates start once it has caught up, so they do not compete.
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    const caughtUp = await watchLatencies.reach(lastFill, catchUpTimeoutMs);
    const watchBehindSeconds = (performance.now() - fillStarted) / 1000 - fillSeconds;
    const listMs: number[] = [];
    const tableMs: number[] = [];
    let listed = 0;
    for (let run = 0; run < listRuns; run++) {
      const list = expectStatus(await api.send('GET', collection), 200, 'listing the namespace');
      listMs.push(list.ms);
      listed = (JSON.parse(list.text) as { items: unknown[] }).items.length;
      tableMs.push(expectStatus(await api.send('GET', `${collection}?limit=500`, { accept: tableAccept }), 200, 'listing as a Table').ms);
    }
    if (listed !== total) throw new Error(`api bench: the list returned ${listed} objects, ${total} exist`);

    // 3. Paced updates under the watch.
    progress(`phase 3: ${watchUpdates} updates at ${updatesPerSecond}/s under a watch`);
    const targets = created.slice(0, updatedObjects);
    if (targets.length === 0) throw new Error(`api bench: no create succeeded (${failures[0] ?? 'no answer'})`);
    const updates: Promise<void>[] = [];
    const updateMs: number[] = [];
    await pacedLoad(updatesPerSecond, watchUpdates / updatesPerSecond, (i) => {
      const name = targets[i % targets.length]!;
      updates.push(
        api.send('PATCH', `${collection}/${name}`, { body: { data: { update: String(i) } }, contentType: 'application/merge-patch+json' }).then((r) => {
          expectStatus(r, 200, `updating ${name}`);
          updateMs.push(r.ms);
          watchLatencies.expect(r);
        }),
      );
    });
    await Promise.all(updates);
    const afterUpdates = await watchLatencies.settle();
    const memory = readProcessMemory(pid);

    const figures: Figure[] = [
      ...latencyFigures('create', createMs, { op: '<=', value: 50 }),
      ...latencyFigures('get', getMs),
      { name: 'creates/s achieved', value: Math.round(createMs.length / load.seconds), unit: '/s' },
      { name: 'failed requests', value: failures.length, unit: '', target: { op: '<=', value: 0 } },
      { name: `list of ${total} objects, median`, value: Math.round(percentile(listMs, 50)), unit: 'ms', target: { op: '<=', value: 300 } },
      { name: `list of ${total} objects, max`, value: Math.round(percentile(listMs, 100)), unit: 'ms' },
      { name: `list of ${total} objects as a Table (kubectl get), median`, value: Math.round(percentile(tableMs, 50)), unit: 'ms' },
      { name: 'watch: update response → event p50', value: Math.round(percentile(afterUpdates.latencies, 50) * 10) / 10, unit: 'ms' },
      { name: 'watch: update response → event p99', value: Math.round(percentile(afterUpdates.latencies, 99) * 10) / 10, unit: 'ms', target: { op: '<=', value: 50 } },
      { name: 'watch: create response → event under load p99', value: Math.round(percentile(underLoad.latencies, 99) * 10) / 10, unit: 'ms' },
      { name: 'watch events missed', value: underLoad.missed + afterUpdates.missed, unit: '', target: { op: '<=', value: 0 } },
      { name: `top-up: ${fills} creates at ${topUpConcurrency} in flight`, value: fills > 0 ? Math.round(fills / fillSeconds) : 0, unit: '/s' },
      { name: 'watch: behind the top-up when it ended', value: caughtUp ? Math.round(watchBehindSeconds * 10) / 10 : catchUpTimeoutMs / 1000, unit: 's' },
      { name: 'gateway CPU per phase-1 request', value: Math.round((gatewayCpuSeconds / Math.max(1, createMs.length + getMs.length)) * 1e4) / 10, unit: 'ms' },
      { name: 'gateway CPU in phase 1', value: Math.round((gatewayCpuSeconds / phaseSeconds) * 100), unit: '% of a core' },
      { name: 'gateway waiting for a CPU in phase 1 (other processes)', value: Math.round(gatewayWaitPercent), unit: '% of the time' },
      { name: 'gateway RSS at the end', value: Math.round(memory?.rssMiB ?? 0), unit: 'MiB' },
      { name: 'bench client late to send (its own event loop), p99', value: Math.round(percentile(load.lateMs, 99)), unit: 'ms' },
    ];
    return {
      scenario: 'api',
      parameters: { rate: options.rate, seconds: options.seconds, warmUpSeconds: warmUpStepSeconds * warmUpSteps.length, objects: total, listRuns, watchUpdates },
      seconds: (performance.now() - started) / 1000,
      figures,
      details: {
        failures: failures.slice(0, 20),
        createP50BySecond: createsBySecond.map((ms) => Math.round(percentile(ms, 50))),
        createMaxBySecond: createsBySecond.map((ms) => Math.round(percentile(ms, 100))),
        update: { p50: percentile(updateMs, 50), p99: percentile(updateMs, 99) },
        listMs,
        tableMs,
        watchUnderLoad: { ...underLoad, latencies: undefined },
        watchAfterUpdates: { ...afterUpdates, latencies: undefined },
        gatewayPeakRssMiB: memory?.peakRssMiB,
        ...(options.profileDir ? { profileDir: options.profileDir } : {}),
      },
    };
  } finally {
    closeWatch?.();
    client?.close();
    await gateway?.stop();
    await removeBenchInstance({ natsUrl: options.natsUrl, databaseUrl: options.databaseUrl, stream: new Subjects(instance).stream, database });
    rmSync(stateDir, { recursive: true, force: true });
  }
}
