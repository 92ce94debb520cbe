/**
 * What a consumer worker knows, without asking the server, about the messages its consumer has not delivered yet.
 *
 * Asking is not free on NATS 2.9: consumer info counts the pending messages by matching the filter against every
 * subject from the consumer's position to the end of the stream. A consumer with a sparse filter (Clusters, Secrets)
 * sits near the start of the stream, so each answer walks nearly all of it: at 550,000 events, a tenth of a second
 * of server CPU or so, which every service's lag metric used to spend for each of its consumers every 5 s.
 */
export interface DeliveryState {
  /** The consumer's pull loop runs: while there is room, the server hands over each new matching message at once. */
  readonly pulling: boolean;
  /** The newest count of undelivered messages: stamped by the server on the last delivery, or its last answer. */
  readonly lastKnownPending: number | undefined;
  /** Messages are queued in the worker or being handled. */
  readonly busy: boolean;
  /** When a handler failure last sent a message back for a delayed redelivery (ms), or -Infinity. */
  readonly lastRetryAt: number;
}

/**
 * 0 when the worker knows its consumer has caught up: it is idle, every message it was given is settled, and the
 * last count it saw was 0, so the pull it keeps outstanding would have brought anything appended since. Otherwise
 * undefined: only the server knows. A stamped count goes stale as soon as more is appended, and a message waiting
 * `retryMs` at most for its redelivery holds one of the unacknowledged slots at which the server stops delivering.
 */
export function localPending(state: DeliveryState, now: number, retryMs: number): 0 | undefined {
  const caughtUp = state.pulling && !state.busy && state.lastKnownPending === 0 && now - state.lastRetryAt >= retryMs;
  return caughtUp ? 0 : undefined;
}
