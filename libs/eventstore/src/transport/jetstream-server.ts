import type { EventRegistry } from '@karmada-ts/contracts';
import {
  createLogger,
  notReady,
  ready,
  type BackboneMetrics,
  type Logger,
  type ReadinessCheck,
} from '@karmada-ts/operability';
import {
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { NodeConnectionOptions } from '@nats-io/transport-node';
import { Server, type BaseRpcContext, type CustomTransportStrategy, type MessageHandler, type ReadPacket } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  consumerCreateConfig,
  consumerUpdateConfig,
  resolveConsumerSpec,
  type ConsumerSpec,
  type ResolvedConsumerSpec,
} from './consumer-spec.js';
import { connectNats } from '../nats-connection.js';
import { ConsumerWorker } from './consumer-worker.js';
import type { JetStreamContext } from './jetstream-context.js';

/** Scopes `@EventPattern(pattern, JETSTREAM_TRANSPORT)` to this transport in hybrid applications. */
export const JETSTREAM_TRANSPORT = Symbol('JETSTREAM');

export interface JetStreamServerOptions {
  /** How to reach NATS. The server opens its own connection and drains it on close. */
  readonly connection: NodeConnectionOptions;
  /** The event stream (it must exist: provision it at startup with provisionStream). */
  readonly stream: string;
  /** The durable consumers this process runs. */
  readonly consumers: readonly ConsumerSpec[];
  /** Decodes and upcasts delivered envelopes. */
  readonly registry: EventRegistry;
  /** Dead-letter subject of a durable: `subjects.deadLetter(durable)` from @karmada-ts/contracts. */
  readonly deadLetterSubject: (durable: string) => string;
  readonly metrics?: BackboneMetrics;
  readonly logger?: Logger;
  /** Clock for dead-letter timestamps. Default the system clock. */
  readonly now?: () => Date;
}

/**
 * NestJS transport on JetStream durable pull consumers:
 * `NestFactory.createMicroservice(AppModule, { strategy: new JetStreamServer(options) })`.
 *
 * Routing: by the `Event-Type` header / envelope type, see patterns.ts (`'Type'`, `eventPattern(durable, type)`,
 * `batchPattern(durable)`). A handler gets the decoded envelope (`StoredEvent`, with its stream `seq`) or, for batch
 * handlers, `StoredEvent[]`, and `@Ctx() ctx: JetStreamContext`.
 *
 * Delivery: a message is acked only after its handler succeeded; a failure is retried with exponential backoff and,
 * on the consumer's last allowed delivery, published to the dead-letter subject and terminated. Messages of types
 * without a handler are acked. Handlers must be idempotent: a message can come twice.
 *
 * Errors: Nest turns a handler's exception into an error stream; this server awaits it (`handleEvent` override) so
 * failures are never acked. Nest's default RPC filter replaces the error by "Internal server error": install
 * {@link PropagateHandlerErrorsFilter} globally to keep the original error (message and stack) in logs and dead
 * letters.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  override readonly transportId = JETSTREAM_TRANSPORT;
  override readonly propagatesEventHandlerErrors = true;

  private nc: NatsConnection | undefined;
  private workers: ConsumerWorker[] = [];
  private readonly specs: readonly ResolvedConsumerSpec[];
  private readonly handlerByPattern = new Map<string, MessageHandler | null>();
  private handlersRegistered = false;
  private readonly log: Logger;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.specs = options.consumers.map(resolveConsumerSpec);
    this.log = options.logger ?? createLogger({ service: 'jetstream-server', level: 'warn' });
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      this.nc = await connectNats(this.options.connection);
      const jsm = await jetstreamManager(this.nc);
      const js = jetstream(this.nc);
      for (const spec of this.specs) await ensureConsumer(jsm, this.options.stream, spec);
      this.handlersRegistered = true;
      const invoker = {
        hasHandler: (pattern: string) => this.getHandlerByPattern(pattern) !== null,
        invoke: (pattern: string, data: unknown, context: JetStreamContext) =>
          this.handleEvent(pattern, { pattern, data }, context),
      };
      for (const spec of this.specs) {
        const worker = new ConsumerWorker({
          js,
          stream: this.options.stream,
          spec,
          registry: this.options.registry,
          invoker,
          deadLetterSubject: this.options.deadLetterSubject(spec.durable),
          logger: this.log,
          metrics: this.options.metrics,
          now: this.options.now ?? (() => new Date()),
        });
        await worker.start();
        this.workers.push(worker);
      }
      callback();
    } catch (err) {
      await this.close();
      callback(err);
    }
  }

  /**
   * Nest's look-up normalizes the pattern on every call (it tries to parse it as JSON, throwing for a plain string),
   * twice per batch here; Nest registered every handler before listen(), so from then on the answers are kept.
   */
  override getHandlerByPattern(pattern: string): MessageHandler | null {
    if (!this.handlersRegistered) return super.getHandlerByPattern(pattern);
    let handler = this.handlerByPattern.get(pattern);
    if (handler === undefined) this.handlerByPattern.set(pattern, (handler = super.getHandlerByPattern(pattern)));
    return handler;
  }

  /**
   * Runs the handler and waits for it, including the error stream Nest's exception filters return (the base
   * implementation subscribes without waiting, which swallows failures).
   */
  override async handleEvent(pattern: string, packet: ReadPacket, context: BaseRpcContext): Promise<void> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) return;
    // Settle on our own promise rather than on what the processing hooks return: a custom start hook need not
    // return the promise of the work it wraps.
    await new Promise<void>((resolve, reject) => {
      this.runWithProcessingHooks(context, async (runEndHook) => {
        try {
          const result = await handler(packet.data, context);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          resolve();
        } catch (err) {
          reject(err);
        } finally {
          runEndHook();
        }
      });
    });
  }

  /**
   * Stops every consumer (no more pulls, the batches in flight finish and are acked, queued messages are handed
   * back), then drains the connection.
   */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.stop()));
    const nc = this.nc;
    this.nc = undefined;
    if (nc && !nc.isClosed()) await nc.drain();
  }

  /** Messages not yet delivered to `durable` (fresh from the server). */
  async pending(durable: string): Promise<number> {
    const worker = this.workers.find((w) => w.durable === durable);
    if (!worker) throw new Error(`no running consumer ${durable}`);
    return worker.pending();
  }

  /**
   * Readiness of this transport: NATS connected, and each consumer with at most `maxPending` undelivered messages.
   */
  readinessChecks(options: { maxPending: number }): ReadinessCheck[] {
    return [
      {
        name: 'nats',
        check: () => (this.nc && !this.nc.isClosed() ? ready : notReady('not connected to NATS')),
      },
      ...this.specs.map((spec) => ({
        name: `consumer ${spec.durable}`,
        check: async () => {
          const pending = await this.pending(spec.durable);
          return pending <= options.maxPending ? ready : notReady(`${pending} messages not yet delivered`);
        },
      })),
    ];
  }

  on(): never {
    throw new Error('JetStreamServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    if (!this.nc) throw new Error('JetStreamServer is not listening');
    return this.nc as T;
  }
}

/** Creates the durable consumer, or brings the settings that may change to the spec. */
async function ensureConsumer(jsm: JetStreamManager, stream: string, spec: ResolvedConsumerSpec): Promise<void> {
  try {
    await jsm.consumers.info(stream, spec.durable);
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound)) throw err;
    try {
      await jsm.consumers.add(stream, consumerCreateConfig(spec));
      return;
    } catch (addErr) {
      // Another replica created it first: update below. Anything else is a real failure.
      if (!(await consumerExists(jsm, stream, spec.durable))) throw addErr;
    }
  }
  await jsm.consumers.update(stream, spec.durable, consumerUpdateConfig(spec));
}

async function consumerExists(jsm: JetStreamManager, stream: string, durable: string): Promise<boolean> {
  try {
    await jsm.consumers.info(stream, durable);
    return true;
  } catch {
    return false;
  }
}
