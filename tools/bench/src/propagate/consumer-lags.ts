import type { JetStreamManager } from '@nats-io/jetstream';

/** How far one durable consumer trails its stream. */
export interface ConsumerLag {
  readonly durable: string;
  /** Matching messages not delivered yet. */
  readonly pending: number;
  /** Delivered, not acknowledged yet. */
  readonly ackPending: number;
  readonly redelivered: number;
}

/** Every durable consumer of `stream` (the services'; ephemeral readers are left out), most behind first. */
export async function consumerLags(jsm: JetStreamManager, stream: string): Promise<ConsumerLag[]> {
  const lags: ConsumerLag[] = [];
  for await (const info of jsm.consumers.list(stream)) {
    if (!info.config.durable_name) continue;
    lags.push({ durable: info.config.durable_name, pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered });
  }
  return lags.sort((a, b) => b.pending + b.ackPending - (a.pending + a.ackPending));
}

/** `policy-svc-templates 120+32` for the consumers that trail, `all caught up` when none does. */
export function describeLags(lags: readonly ConsumerLag[]): string {
  const behind = lags.filter((l) => l.pending + l.ackPending > 0);
  return behind.length === 0 ? 'all caught up' : behind.map((l) => `${l.durable} ${l.pending}+${l.ackPending}`).join(', ');
}

/** `describeLags` of the consumers as the server has them now (ProgressWatch.behind). */
export async function describeLagsNow(jsm: JetStreamManager, stream: string): Promise<string> {
  return describeLags(await consumerLags(jsm, stream));
}

/** The durable consumers of one service: their names start with `<service>-` (durableName). */
export const durablesOf = (service: string) => (lag: ConsumerLag): boolean => lag.durable.startsWith(`${service}-`);

/** Whether every consumer picked has taken in and acknowledged everything of the stream so far. */
export function caughtUp(lags: readonly ConsumerLag[]): boolean {
  return lags.length > 0 && lags.every((l) => l.pending + l.ackPending === 0);
}

/**
 * Waits until the durable consumers of `stream` (those `pick` keeps: all by default) have caught up at one reading;
 * fails after `timeoutMs`, naming the ones that trail.
 */
export async function untilCaughtUp(
  jsm: JetStreamManager,
  stream: string,
  timeoutMs: number,
  pick: (lag: ConsumerLag) => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lags = (await consumerLags(jsm, stream)).filter(pick);
    if (caughtUp(lags)) return;
    if (Date.now() > deadline) throw new Error(`the consumers did not catch up within ${timeoutMs / 1000} s: ${describeLags(lags)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
