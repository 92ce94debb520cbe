import { batchStatements, seqColumn, type Checkpoint, type GuardedWrite, type InsertOnce, type Statement } from './batch-statement.js';

export { seqColumn, type Statement };

/**
 * A column value. Rows travel to Postgres as JSON and are converted to the table's column types there
 * (`json_populate_recordset`): objects go into json/jsonb columns, arrays into json/jsonb or array columns, dates
 * (ISO strings) into timestamps. A missing or undefined value becomes NULL.
 */
export type SqlValue = string | number | boolean | null | Date | readonly unknown[] | { readonly [key: string]: unknown };

/** A row by column name. */
export type Row = Readonly<Record<string, SqlValue>>;

/** A projection table keyed by some of its columns (its primary key or a unique index). */
export interface TableSpec {
  readonly table: string;
  readonly key: readonly string[];
  /**
   * Rows of this table are only ever upserted, never deleted: each upsert is guarded by the row's own `seq` column
   * (`ON CONFLICT … WHERE seq < EXCLUDED.seq`) and claims no version in `projection_row_versions`, which halves the
   * rows a write touches. A table whose rows can be deleted needs the version a delete leaves behind (see
   * ProjectionWriter), so `delete` on an upsert-only table throws.
   */
  readonly upsertOnly?: boolean;
}

/** What runs the batch's statements (ProjectionRunner's runs one as a named statement on the DataSource's pool). */
export interface SqlRunner {
  query(sql: string, params?: readonly unknown[]): Promise<unknown>;
  /** Runs the statements in order, in one transaction. */
  transaction(statements: readonly Statement[]): Promise<void>;
}

/**
 * Collects a batch's writes and applies them in bulk, guarded by stream sequence:
 *
 * - `upsert(table, row, seq)` / `delete(table, key, seq)` take effect only if `seq` is newer than the sequence that
 *   last wrote (or deleted) that row, recorded in `projection_row_versions`. An event at or below it is skipped.
 *   Within a batch only the newest write per row counts. Deletes leave their sequence behind, so an older upsert
 *   delivered late cannot bring a row back. Tables whose rows are never deleted (TableSpec.upsertOnly) need no
 *   version row: the row's own `seq` guards it.
 * - `append(table, row, seq)` inserts an insert-only row once: the table's primary key must include `seq`.
 * - `add(table, row)` adds a row to a table that is a set (its key is all it says) once, outside the guard: adding
 *   to a set is idempotent and order-independent.
 *
 * Because fat events carry the whole new state, applying the newest write per row gives the same rows whatever
 * order batches commit in (several replicas share one consumer) and however often one is redelivered. Nothing is
 * written before flush(), which writes everything, and the checkpoint with it, in one statement (batchStatements;
 * a batch that deletes rows takes two, in one transaction).
 */
export class ProjectionWriter {
  private readonly guarded = new Map<string, GuardedWrite>();
  private readonly appends: InsertOnce[] = [];
  private readonly adds = new Map<string, InsertOnce>();

  constructor(private readonly db: SqlRunner) {}

  /** Inserts or replaces the row (all its columns), unless a newer event already wrote or deleted it. */
  upsert(table: TableSpec, row: Row, seq: number): void {
    if (seqColumn in row) throw new Error(`${table.table}: the writer sets "${seqColumn}" itself`);
    this.keep({ table, rowKey: rowKeyOf(table, row), seq, row: { ...row, [seqColumn]: seq }, op: 'upsert' });
  }

  /** Deletes the row, unless a newer event already wrote it. */
  delete(table: TableSpec, key: Row, seq: number): void {
    if (table.upsertOnly) throw new Error(`${table.table}: rows of an upsert-only table are never deleted`);
    this.keep({ table, rowKey: rowKeyOf(table, key), seq, row: { ...key, [seqColumn]: seq }, op: 'delete' });
  }

  /** Inserts an insert-only row (audit, history) once; redelivery does nothing. */
  append(table: string, row: Row, seq: number): void {
    this.appends.push({ table, row: { ...row, [seqColumn]: seq } });
  }

  /** Adds a row to a set table once (no sequence, no guard). */
  add(table: string, row: Row): void {
    this.adds.set(`${table}\u0000${JSON.stringify(row)}`, { table, row });
  }

  /** Writes what was collected, and moves the checkpoint if given, in one statement; the runner calls it once. */
  async flush(checkpoint?: Checkpoint): Promise<void> {
    // A fixed order makes batches side by side lock rows in the same order: no deadlocks between replicas.
    const guarded = [...this.guarded.values()].sort((a, b) => compare(a.table.table, b.table.table) || compare(a.rowKey, b.rowKey));
    // Batches side by side may add the same rows to a set: in the same order too. (An appended row's key holds its
    // event's sequence: only a redelivered batch ever inserts it again.)
    const adds = [...this.adds].sort(([a], [b]) => compare(a, b)).map(([, add]) => add);
    const inserts = [...this.appends.splice(0), ...adds];
    this.guarded.clear();
    this.adds.clear();
    const statements = batchStatements({ guarded, inserts, ...(checkpoint ? { checkpoint } : {}) });
    if (statements.length > 1) await this.db.transaction(statements);
    else if (statements[0]) await this.db.query(statements[0].sql, statements[0].params);
  }

  private keep(write: GuardedWrite): void {
    const id = `${write.table.table}\u0000${write.rowKey}`;
    const current = this.guarded.get(id);
    if (!current || current.seq < write.seq) this.guarded.set(id, write);
  }
}

function rowKeyOf(table: TableSpec, row: Row): string {
  const values = table.key.map((column) => {
    const value = row[column];
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`${table.table}: key column "${column}" must be a string or a number`);
    }
    return value;
  });
  return JSON.stringify(values);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
