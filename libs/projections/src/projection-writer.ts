import type { EntityManager } from 'typeorm';
import { chunksOf, quoteIdent } from './sql.js';

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
}

/** The column every projected row carries: the stream sequence of the event that last wrote it. */
export const seqColumn = 'seq';

interface KeyedWrite {
  readonly table: TableSpec;
  readonly rowKey: string;
  readonly seq: number;
  /** The full row for an upsert (with `seq`), the key columns for a delete. */
  readonly row: Row;
  readonly op: 'upsert' | 'delete';
}

/**
 * Collects a batch's writes and applies them in bulk, guarded by stream sequence:
 *
 * - `upsert(table, row, seq)` / `delete(table, key, seq)` take effect only if `seq` is newer than the sequence that
 *   last wrote (or deleted) that row, recorded in `projection_row_versions`. An event at or below it is skipped.
 *   Within a batch only the newest write per row counts. Deletes leave their sequence behind, so an older upsert
 *   delivered late cannot bring a row back.
 * - `append(table, row, seq)` inserts an insert-only row once: the table's primary key must include `seq`.
 *
 * Because fat events carry the whole new state, applying the newest write per row gives the same rows whatever
 * order batches commit in (several replicas share one consumer) and however often one is redelivered.
 */
export class ProjectionWriter {
  private readonly keyed = new Map<string, KeyedWrite>();
  private readonly appends: { table: string; row: Row }[] = [];

  constructor(private readonly manager: EntityManager) {}

  /** Inserts or replaces the row (all its columns), unless a newer event already wrote or deleted it. */
  upsert(table: TableSpec, row: Row, seq: number): void {
    if (seqColumn in row) throw new Error(`${table.table}: the writer sets "${seqColumn}" itself`);
    this.keep({ table, rowKey: rowKeyOf(table, row), seq, row: { ...row, [seqColumn]: seq }, op: 'upsert' });
  }

  /** Deletes the row, unless a newer event already wrote it. */
  delete(table: TableSpec, key: Row, seq: number): void {
    this.keep({ table, rowKey: rowKeyOf(table, key), seq, row: key, op: 'delete' });
  }

  /** Inserts an insert-only row (audit, history) once; redelivery does nothing. */
  append(table: string, row: Row, seq: number): void {
    this.appends.push({ table, row: { ...row, [seqColumn]: seq } });
  }

  /** Applies what was collected (the runner calls it at the end of the batch; call it to read your own writes). */
  async flush(): Promise<void> {
    // A fixed order (table, key) makes concurrent batches lock rows in the same order: no deadlocks between replicas.
    const writes = [...this.keyed.values()].sort(
      (a, b) => compare(a.table.table, b.table.table) || compare(a.rowKey, b.rowKey),
    );
    const appends = this.appends.splice(0);
    this.keyed.clear();
    const winners = await this.claimRows(writes);
    const winning = writes.filter((w) => winners.has(identity(w.table.table, w.rowKey)));
    for (const group of groupBy(winning.filter((w) => w.op === 'upsert'), (w) => signature(w.table.table, w.row))) {
      await this.upsertRows(group[0]!.table, group.map((w) => w.row));
    }
    for (const group of groupBy(winning.filter((w) => w.op === 'delete'), (w) => w.table.table)) {
      await this.deleteRows(group[0]!.table, group.map((w) => w.row));
    }
    for (const group of groupBy(appends, (a) => signature(a.table, a.row))) {
      await this.insertOnce(group[0]!.table, group.map((a) => a.row));
    }
  }

  private keep(write: KeyedWrite): void {
    const id = identity(write.table.table, write.rowKey);
    const current = this.keyed.get(id);
    if (!current || current.seq < write.seq) this.keyed.set(id, write);
  }

  /** Moves each row's version to the write's sequence where that is newer; returns the rows that moved. */
  private async claimRows(writes: readonly KeyedWrite[]): Promise<Set<string>> {
    const winners = new Set<string>();
    for (const chunk of chunksOf(writes)) {
      const versions = chunk.map((w) => ({ table_name: w.table.table, row_key: w.rowKey, seq: w.seq }));
      const rows: { table_name: string; row_key: string }[] = await this.manager.query(
        `INSERT INTO projection_row_versions (table_name, row_key, seq)
         SELECT table_name, row_key, seq FROM json_populate_recordset(NULL::projection_row_versions, $1)
         ON CONFLICT (table_name, row_key) DO UPDATE SET seq = EXCLUDED.seq
         WHERE projection_row_versions.seq < EXCLUDED.seq
         RETURNING table_name, row_key`,
        [JSON.stringify(versions)],
      );
      for (const r of rows) winners.add(identity(r.table_name, r.row_key));
    }
    return winners;
  }

  private async upsertRows(table: TableSpec, rows: readonly Row[]): Promise<void> {
    const columns = Object.keys(rows[0]!).map(quoteIdent);
    const keyColumns = table.key.map(quoteIdent);
    const updates = columns.filter((c) => !keyColumns.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
    for (const chunk of chunksOf(rows)) {
      await this.manager.query(
        `INSERT INTO ${quoteIdent(table.table)} (${columns.join(', ')})
         SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${quoteIdent(table.table)}, $1)
         ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
        [JSON.stringify(chunk)],
      );
    }
  }

  private async deleteRows(table: TableSpec, keys: readonly Row[]): Promise<void> {
    const match = table.key.map((c) => `t.${quoteIdent(c)} = d.${quoteIdent(c)}`).join(' AND ');
    for (const chunk of chunksOf(keys)) {
      await this.manager.query(
        `DELETE FROM ${quoteIdent(table.table)} t
         USING json_populate_recordset(NULL::${quoteIdent(table.table)}, $1) d WHERE ${match}`,
        [JSON.stringify(chunk)],
      );
    }
  }

  private async insertOnce(table: string, rows: readonly Row[]): Promise<void> {
    const columns = Object.keys(rows[0]!).map(quoteIdent);
    for (const chunk of chunksOf(rows)) {
      await this.manager.query(
        `INSERT INTO ${quoteIdent(table)} (${columns.join(', ')})
         SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${quoteIdent(table)}, $1)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(chunk)],
      );
    }
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

function identity(table: string, rowKey: string): string {
  return `${table}\u0000${rowKey}`;
}

/** Rows of one table with the same columns go into one statement. */
function signature(table: string, row: Row): string {
  return `${table}\u0000${Object.keys(row).join('\u0000')}`;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
