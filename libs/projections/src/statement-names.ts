import { createHash } from 'node:crypto';

/**
 * Names for the statements a process sends again and again, so that Postgres parses, analyses and plans each of them
 * once per pooled connection instead of every time: a batch statement (batchStatement) takes one of a few shapes per
 * consumer, and preparing them took Postgres's CPU from 27.8–28.0 to 24.2 s at 20 templates/s (docs/performance.md).
 * A named statement stays prepared on each connection that ran it for as long as the connection lives, so only the
 * first `limit` distinct statements get a name; any others run unnamed, parsed each time.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly limit = 64) {}

  /** The name of this statement, or undefined once `limit` other statements have one. */
  nameOf(sql: string): string | undefined {
    const known = this.names.get(sql);
    if (known !== undefined || this.names.size >= this.limit) return known;
    const name = `kts_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    this.names.set(sql, name);
    return name;
  }
}
