/** The answer of one readiness check. */
export type ReadinessResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** A named readiness condition: NATS connected, Postgres reachable, a consumer caught up, … */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult> | ReadinessResult;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly reason?: string }[];
}

export const ready: ReadinessResult = { ok: true };

export function notReady(reason: string): ReadinessResult {
  return { ok: false, reason };
}

/**
 * The readiness checks of one service. Modules add their checks at startup; `/readyz` evaluates all of them
 * concurrently. A check that throws or takes longer than the timeout counts as not ready.
 */
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];

  constructor(private readonly timeoutMs = 2000) {}

  add(...checks: readonly ReadinessCheck[]): this {
    this.checks.push(...checks);
    return this;
  }

  async evaluate(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(async (c) => ({ name: c.name, result: await this.run(c) })),
    );
    return {
      ready: results.every((r) => r.result.ok),
      checks: results.map(({ name, result }) =>
        result.ok ? { name, ok: true } : { name, ok: false, reason: result.reason },
      ),
    };
  }

  private async run(check: ReadinessCheck): Promise<ReadinessResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(() => resolve(notReady(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
    } catch (err) {
      return notReady(err instanceof Error ? err.message : String(err));
    } finally {
      clearTimeout(timer);
    }
  }
}
