/**
 * Open-loop pacing: request i is sent at start + i / rate whatever happened to the earlier ones, so a slow server
 * sees requests pile up instead of being given time to breathe (a closed loop would hide its latency).
 */
export interface PacedRun {
  readonly sent: number;
  /** How late each request left (this process's own lag: a busy event loop fires timers late). */
  readonly lateMs: readonly number[];
  readonly seconds: number;
}

export async function pacedLoad(ratePerSecond: number, seconds: number, send: (i: number) => void): Promise<PacedRun> {
  const total = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  const started = performance.now();
  const lateMs: number[] = [];
  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && started + next * interval <= now) {
      lateMs.push(now - (started + next * interval));
      send(next++);
    }
    if (next < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + next * interval - performance.now())));
  }
  return { sent: total, lateMs, seconds: (performance.now() - started) / 1000 };
}
