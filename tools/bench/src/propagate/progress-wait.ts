import type { BenchStack } from '../stack/bench-stack.js';
import type { StreamFollower } from './stream-follower.js';

/** What a wait for the pipeline watches, and when it gives up. */
export interface ProgressWatch {
  readonly stack: BenchStack;
  readonly follower: StreamFollower;
  /** Whether what the run waits for has happened. */
  done(): boolean;
  /** When something last advanced (ms since the epoch). */
  lastProgressAt(): number;
  /** How long nothing may advance before the wait gives up. */
  readonly stallMs: number;
  /** When to stop waiting whatever the progress (ms since the epoch; Infinity: no deadline). */
  readonly deadline: number;
  /** How far it got, for the progress lines. */
  status(): string;
  /**
   * Which consumers trail, from the server. Each reading costs NATS 2.9 a walk over the stream for every consumer
   * with a sparse filter, so the progress lines carry it only every `behindEveryMs`.
   */
  behind(): Promise<string>;
  readonly say: (line: string) => void;
  /** Between progress lines (default 10 s). */
  readonly reportEveryMs?: number;
  /** Between progress lines that say which consumers trail (default 60 s); a wait that gives up always says it. */
  readonly behindEveryMs?: number;
}

/**
 * Polls until `done()`; false when nothing advanced for `stallMs` or at the deadline. A service that exited on its
 * own or a broken stream reader fails the run.
 */
export async function untilDone(watch: ProgressWatch): Promise<boolean> {
  const started = Date.now();
  const reportEveryMs = watch.reportEveryMs ?? 10_000;
  const behindEveryMs = watch.behindEveryMs ?? 60_000;
  let reportedAt = started;
  let behindReportedAt = started;
  const fullStatus = async () => `${watch.status()}; behind: ${await watch.behind()}`;
  for (;;) {
    if (watch.done()) return true;
    const crashed = watch.stack.crashed()[0];
    if (crashed) throw new Error(`${crashed.name} exited during the run:\n${crashed.lines.slice(-20).join('\n')}`);
    const failure = watch.follower.failure();
    if (failure) throw failure;
    const now = Date.now();
    if (now - Math.max(watch.lastProgressAt(), started) > watch.stallMs) {
      watch.say(`no progress for ${watch.stallMs / 1000} s, giving up: ${await fullStatus()}`);
      return false;
    }
    if (now > watch.deadline) {
      watch.say(`deadline reached, giving up: ${await fullStatus()}`);
      return false;
    }
    if (now - reportedAt >= reportEveryMs) {
      reportedAt = now;
      const withBehind = now - behindReportedAt >= behindEveryMs;
      if (withBehind) behindReportedAt = now;
      watch.say(`${((now - started) / 1000).toFixed(0)} s: ${withBehind ? await fullStatus() : watch.status()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
