import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Payload, type Subscription } from '@nats-io/nats-core';

/** How often answers that are overdue are looked for. */
const expirySweepMs = 250;

interface Waiting {
  readonly subject: string;
  readonly deadline: number;
  readonly resolve: (answer: Msg) => void;
  readonly reject: (error: Error) => void;
}

/** A request found nobody listening on its subject (the server's 503 status). */
export class NoResponderError extends Error {
  override readonly name = 'NoResponderError';

  constructor(readonly subject: string) {
    super(`nothing answers on ${subject}: is JetStream enabled and the stream provisioned?`);
  }
}

/** A request got no answer in time. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';

  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer on ${subject} within ${timeoutMs} ms`);
  }
}

/**
 * Requests to the server (JetStream acked publishes, direct gets), any number in flight, answered on one inbox
 * subscription. nats.js's own request arms a timer for each request and, once the answer has come, rejects the
 * settled promise with a new Error and its captured stack: 3-5 % of a busy service's CPU. Here a request is one map
 * entry; one sweep a quarter second rejects those that are overdue (all have the same timeout, so the oldest come
 * first and the sweep stops at the first that is not).
 */
export class ReplyInbox {
  private readonly prefix = `${createInbox()}.`;
  private readonly subscription: Subscription;
  private readonly waiting = new Map<string, Waiting>();
  private readonly sweep: NodeJS.Timeout;
  private counter = 0;
  private closed: Error | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.subscription = nc.subscribe(`${this.prefix}*`, { callback: (error, answer) => this.answered(error, answer) });
    this.sweep = setInterval(() => this.expire(), expirySweepMs).unref();
    void nc.closed().then(() => this.close(new Error('the NATS connection is closed')));
  }

  /** Requests in flight. */
  get size(): number {
    return this.waiting.size;
  }

  /** Publishes `data` to `subject` and resolves with the answer; a 503 (no responder) rejects. */
  request(subject: string, data: Payload, headers?: MsgHdrs): Promise<Msg> {
    if (this.closed) return Promise.reject(this.closed);
    const token = (++this.counter).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      this.waiting.set(token, { subject, deadline: this.now() + this.timeoutMs, resolve, reject });
      try {
        this.nc.publish(subject, data, { reply: this.prefix + token, ...(headers ? { headers } : {}) });
      } catch (error) {
        this.waiting.delete(token);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Stops listening; requests in flight are rejected with `reason`. */
  close(reason = new Error('the reply inbox is closed')): void {
    if (this.closed) return;
    this.closed = reason;
    clearInterval(this.sweep);
    if (!this.subscription.isClosed()) this.subscription.unsubscribe();
    for (const waiting of this.waiting.values()) waiting.reject(reason);
    this.waiting.clear();
  }

  /** Rejects the requests whose time is up (insertion order is deadline order). */
  expire(): void {
    const now = this.now();
    for (const [token, waiting] of this.waiting) {
      if (waiting.deadline > now) return;
      this.waiting.delete(token);
      waiting.reject(new RequestTimeoutError(waiting.subject, this.timeoutMs));
    }
  }

  private answered(error: Error | null, answer: Msg): void {
    if (error) {
      this.close(error);
      return;
    }
    const token = answer.subject.slice(this.prefix.length);
    const waiting = this.waiting.get(token);
    if (!waiting) return; // answered after it timed out
    this.waiting.delete(token);
    if (answer.headers?.code === 503) waiting.reject(new NoResponderError(waiting.subject));
    else waiting.resolve(answer);
  }
}
