import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@karmada-ts/operability';
import { SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { bindingId, type BindingKey } from '../read-models/read-models.js';

/** setTimeout's longest delay; a later deadline is waited for in steps. */
const maxDelayMs = 2 ** 31 - 1;
/** How long a failed timed decision waits before it is tried again. */
const retryDelayMs = 5_000;

type DueHandler = (key: BindingKey, at: string) => Promise<void>;

/**
 * Wake-ups of bindings whose decision depends on time alone — a toleration of a NoExecute taint, an application's
 * tolerance of unhealthiness, a graceful eviction task or a failback's wait running out — one per binding, replaced by every new decision. The handler decides again with the
 * deadline as its time, so replicas waking up for the same deadline produce the same event.
 */
@Injectable()
export class PlacementTimers implements OnModuleDestroy {
  private readonly timers = new Map<string, { at: string; timer: NodeJS.Timeout }>();
  private handler: DueHandler | undefined;
  private closed = false;

  constructor(@Inject(SERVICE_LOGGER) private readonly logger: Logger) {}

  onDue(handler: DueHandler): void {
    this.handler = handler;
  }

  /** Wakes the binding up at `at`, or never when undefined (the decision no longer waits for anything). */
  set(key: BindingKey, at: string | undefined): void {
    const id = bindingId(key);
    const existing = this.timers.get(id);
    if (existing?.at === at) return;
    if (existing) clearTimeout(existing.timer);
    this.timers.delete(id);
    if (at !== undefined && !this.closed) this.schedule(id, key, at, Date.parse(at) - Date.now());
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(id: string, key: BindingKey, at: string, delayMs: number): void {
    const timer = setTimeout(() => void this.fire(id, key, at), Math.min(Math.max(0, delayMs), maxDelayMs));
    timer.unref();
    this.timers.set(id, { at, timer });
  }

  private async fire(id: string, key: BindingKey, at: string): Promise<void> {
    if (this.closed || this.timers.get(id)?.at !== at) return;
    if (Date.now() < Date.parse(at)) return this.schedule(id, key, at, Date.parse(at) - Date.now());
    this.timers.delete(id);
    try {
      await this.handler?.(key, at);
    } catch (error) {
      this.logger.error({ err: error, binding: id, at }, 'timed placement decision failed; retrying');
      if (!this.closed && !this.timers.has(id)) this.schedule(id, key, at, retryDelayMs);
    }
  }
}
