import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The event backbone's metrics, registered in a service's registry. The event store and the JetStream transport
 * report through this class; label values are event types, durable names and handler patterns (bounded sets).
 */
export class BackboneMetrics {
  private readonly appended: Counter<'type'>;
  private readonly handled: Counter<'durable' | 'type'>;
  private readonly failed: Counter<'durable' | 'type'>;
  private readonly deadLettered: Counter<'durable' | 'type'>;
  private readonly handlerSeconds: Histogram<'durable' | 'pattern'>;
  private readonly lag: Gauge<'durable'>;
  private readonly lagSources = new Map<string, () => Promise<number | undefined>>();
  private readonly appendedByType = new Map<string, Counter.Internal>();

  constructor(registry: Registry) {
    const registers = [registry];
    this.appended = new Counter({
      name: 'karmada_events_appended_total',
      help: 'Events appended to the stream (duplicates dropped by the dedup window not counted).',
      labelNames: ['type'],
      registers,
    });
    this.handled = new Counter({
      name: 'karmada_events_handled_total',
      help: 'Events a consumer handled successfully and acknowledged.',
      labelNames: ['durable', 'type'],
      registers,
    });
    this.failed = new Counter({
      name: 'karmada_events_failed_total',
      help: 'Event deliveries whose handler failed (each will be retried or dead-lettered).',
      labelNames: ['durable', 'type'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'karmada_events_dead_lettered_total',
      help: 'Events a consumer gave up on and published to its dead-letter subject.',
      labelNames: ['durable', 'type'],
      registers,
    });
    this.handlerSeconds = new Histogram({
      name: 'karmada_handler_duration_seconds',
      help: 'Time a handler call took (one event, or one batch for batch handlers).',
      labelNames: ['durable', 'pattern'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const lagSources = this.lagSources;
    this.lag = new Gauge({
      name: 'karmada_consumer_lag',
      help: 'Messages in the stream not yet delivered to the durable consumer, read when scraped (consumer info num_pending).',
      labelNames: ['durable'],
      registers,
      // Read on scrape, not on a timer: on NATS 2.9 each reading can cost the server a walk over the stream.
      async collect() {
        await Promise.all(
          [...lagSources].map(async ([durable, read]) => {
            const pending = await read();
            if (pending !== undefined) this.set({ durable }, pending);
          }),
        );
      },
    });
  }

  eventAppended(type: string): void {
    // Appends are the hot path: keep each type's labelled child instead of hashing the labels on every call.
    let child = this.appendedByType.get(type);
    if (!child) {
      child = this.appended.labels({ type });
      this.appendedByType.set(type, child);
    }
    child.inc();
  }

  eventsHandled(durable: string, type: string, count = 1): void {
    this.handled.inc({ durable, type }, count);
  }

  eventFailed(durable: string, type: string): void {
    this.failed.inc({ durable, type });
  }

  eventDeadLettered(durable: string, type: string): void {
    this.deadLettered.inc({ durable, type });
  }

  observeHandler(durable: string, pattern: string, seconds: number): void {
    this.handlerSeconds.observe({ durable, pattern }, seconds);
  }

  /**
   * Where the lag of `durable` is read at each scrape (undefined: keep the last value, the read failed). Returns the
   * function that stops reading it.
   */
  readConsumerLagFrom(durable: string, read: () => Promise<number | undefined>): () => void {
    this.lagSources.set(durable, read);
    return () => {
      if (this.lagSources.get(durable) === read) this.lagSources.delete(durable);
    };
  }
}
