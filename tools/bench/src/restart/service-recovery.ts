/**
 * One service's crash and recovery: kill -9, start it again at once, then time how long it takes to serve (/readyz
 * answers 200: connections, projections within their lag bound) and to catch up (its durable consumers have nothing
 * pending or unacknowledged; for the gateway, a list also answers in full).
 */
import type { JetStreamManager } from '@nats-io/jetstream';
import type { ServiceName } from '@karmada-ts/service-runtime';
import { caughtUp, consumerLags, durablesOf } from '../propagate/consumer-lags.js';
import type { BenchStack } from '../stack/bench-stack.js';
import { readProcessMemory } from '../stack/process-memory.js';
import { answersReady, httpPortOf } from '../stack/service-http.js';

export interface Recovery {
  readonly service: ServiceName;
  /** Messages its consumers had not been delivered yet when it came back. */
  readonly pendingAtRestart: number;
  /** Messages delivered to the killed process and never acknowledged: JetStream delivers them again after AckWait. */
  readonly unackedAtRestart: number;
  /** restart → the process logged "started" (connections, migrations, consumers bound, HTTP listening). */
  readonly startedSeconds: number;
  /** restart → /readyz answered 200; undefined when it did not within the limit. */
  readonly servingSeconds?: number;
  /** restart → its consumers caught up (and the extra check passed); undefined when they did not within the limit. */
  readonly caughtUpSeconds?: number;
  /** Of the new process, when it was serving and caught up (or at the limit). */
  readonly peakRssMiB?: number;
}

export interface RecoveryProbe {
  readonly stack: BenchStack;
  readonly jsm: JetStreamManager;
  /** How long serving and catching up may take before the recovery is reported as not reached. */
  readonly limitMs: number;
  /** A further condition of "caught up" for this service (the gateway: a list answers in full). */
  readonly alsoCaughtUp?: () => Promise<boolean>;
}

const pollMs = 100;

export async function crashAndRecover(name: ServiceName, probe: RecoveryProbe): Promise<Recovery> {
  const { stack, jsm } = probe;
  const stream = stack.subjects.stream;
  await stack.kill(name);
  const backlog = (await consumerLags(jsm, stream)).filter(durablesOf(name));
  const restartedAt = performance.now();
  const seconds = () => (performance.now() - restartedAt) / 1000;
  const service = await stack.restart(name);
  const startedSeconds = seconds();
  const port = httpPortOf(service);
  let servingSeconds: number | undefined;
  let caughtUpSeconds: number | undefined;
  while ((servingSeconds === undefined || caughtUpSeconds === undefined) && performance.now() - restartedAt < probe.limitMs) {
    if (service.crashed()) throw new Error(`${name} exited after its restart:\n${service.lines.slice(-20).join('\n')}`);
    if (servingSeconds === undefined && (await answersReady(port))) servingSeconds = seconds();
    if (caughtUpSeconds === undefined && caughtUp((await consumerLags(jsm, stream)).filter(durablesOf(name))) && (await (probe.alsoCaughtUp?.() ?? true))) {
      caughtUpSeconds = seconds();
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  const memory = readProcessMemory(service.child.pid!);
  return {
    service: name,
    pendingAtRestart: backlog.reduce((sum, l) => sum + l.pending, 0),
    unackedAtRestart: backlog.reduce((sum, l) => sum + l.ackPending, 0),
    startedSeconds,
    ...(servingSeconds === undefined ? {} : { servingSeconds }),
    ...(caughtUpSeconds === undefined ? {} : { caughtUpSeconds }),
    ...(memory ? { peakRssMiB: memory.peakRssMiB } : {}),
  };
}
