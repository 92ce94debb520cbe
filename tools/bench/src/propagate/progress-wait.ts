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
  status(): Promise<string>;
  readonly say: (line: string) => void;
  /** Between progress lines (default 10 s). */
  readonly reportEveryMs?: number;
}

/**
 * Polls until `done()`; false when nothing advanced for `stallMs` or at the deadline. A service that exited on its
 * own or a broken stream reader fails the run.
 */
export async function untilDone(watch: ProgressWatch): Promise<boolean> {
  const started = Date.now();
  const reportEveryMs = watch.reportEveryMs ?? 10_000;
  let reportedAt = started;
  for (;;) {
    if (watch.done()) return true;
    const crashed = watch.stack.crashed()[0];
    if (crashed) throw new Error(`${crashed.name} exited during the run:\n${crashed.lines.slice(-20).join('\n')}`);
    const failure = watch.follower.failure();
    if (failure) throw failure;
    const now = Date.now();
    if (now - Math.max(watch.lastProgressAt(), started) > watch.stallMs) {
      watch.say(`no progress for ${watch.stallMs / 1000} s, giving up: ${await watch.status()}`);
      return false;
    }
    if (now > watch.deadline) {
      watch.say(`deadline reached, giving up: ${await watch.status()}`);
      return false;
    }
    if (now - reportedAt >= reportEveryMs) {
      reportedAt = now;
      watch.say(`${((now - started) / 1000).toFixed(0)} s: ${await watch.status()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
