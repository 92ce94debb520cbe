import { readSnapshot } from '@karmada-ts/projections';
import type { DataSource } from 'typeorm';
import type { AuditEntry } from './audit-entry.js';
import { auditEntryOfRow, type AuditEntryRow } from './audit-entry-row.js';
import { auditPageSql } from './audit-entries-sql.js';
import { encodeContinueToken } from './audit-cursor.js';
import type { AuditListQuery } from './audit-list-query.js';

export interface AuditPage {
  /** Every change up to this resourceVersion is in the read model (resume `/audit/stream` from it). */
  readonly checkpoint: number;
  readonly entries: readonly AuditEntry[];
  /** Present when older entries match: the token of the next page. */
  readonly continueToken?: string;
}

/**
 * Reads one page of audit entries and the checkpoint of the consumer that feeds them in one snapshot (rows and
 * checkpoint commit together, so a REPEATABLE READ transaction sees them as of one batch).
 */
export async function readAuditPage(database: DataSource, consumer: string, query: AuditListQuery): Promise<AuditPage> {
  const { sql, params } = auditPageSql(query);
  const { checkpoint, rows } = await readSnapshot(database, async (manager) => {
    const checkpoint: { seq: string }[] = await manager.query('SELECT seq FROM projection_checkpoints WHERE consumer = $1', [consumer]);
    const rows: AuditEntryRow[] = await manager.query(sql, params);
    return { checkpoint, rows };
  });
  const entries = rows.slice(0, query.limit).map(auditEntryOfRow);
  const last = entries[entries.length - 1];
  return {
    checkpoint: Number(checkpoint[0]?.seq ?? 0),
    entries,
    ...(rows.length > query.limit && last ? { continueToken: encodeContinueToken(Number(last.resourceVersion)) } : {}),
  };
}
