import { Injectable, type OnModuleDestroy } from '@nestjs/common';

const firstDelayMs = 1_000;
const maxDelayMs = 5 * 60_000;

/** The delay before retry number `attempt` (0 for the first) of a Work that failed to apply: 1 s, doubling, at most 5 min. */
export function applyRetryDelayMs(attempt: number): number {
  return Math.min(firstDelayMs * 2 ** Math.min(attempt, 30), maxDelayMs);
}

interface PendingRetry {
  readonly seq: number;
  readonly attempt: number;
  readonly timer: NodeJS.Timeout;
}

/**
 * Karmada's execution controller requeues a Work whose manifests failed to apply, with a growing delay, whatever the
 * error. Some failures end without any event this service would see: a conflict with an object the member owns ends
 * when that object is deleted (the informers watch only Karmada's objects), a manifest the member refused may be
 * accepted once the member changes (a CRD installed, an admission rule relaxed). So a Work that failed for good is
 * tried again later, one timer per Work; the delay grows while the same version of the Work keeps failing.
 */
@Injectable()
export class ApplyRetries implements OnModuleDestroy {
  private readonly pending = new Map<string, PendingRetry>();
  private stopped = false;

  /** Runs `retry` later for version `seq` of the Work `id`, replacing a retry already planned for it. */
  schedule(id: string, seq: number, retry: () => Promise<void>): void {
    if (this.stopped) return;
    const previous = this.pending.get(id);
    if (previous) clearTimeout(previous.timer);
    const attempt = previous?.seq === seq ? previous.attempt + 1 : 0;
    const timer = setTimeout(() => void retry(), applyRetryDelayMs(attempt)).unref();
    this.pending.set(id, { seq, attempt, timer });
  }

  /** The Work applied, or is being deleted: nothing to retry. */
  cancel(id: string): void {
    const previous = this.pending.get(id);
    if (!previous) return;
    clearTimeout(previous.timer);
    this.pending.delete(id);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
