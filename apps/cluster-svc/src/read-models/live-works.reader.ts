import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { quoteIdent } from '@karmada-ts/projections';
import { PROJECTION_DATABASE } from '@karmada-ts/service-runtime';
import { readModelKinds, readModelTables } from './read-models.js';

/** The Works of an execution namespace that executor-svc has not cleaned up yet. */
@Injectable()
export class LiveWorksReader {
  constructor(@Inject(PROJECTION_DATABASE) private readonly database: DataSource) {}

  /**
   * A Work is cleaned up when a cleanup of the same Work (same uid, when both name one) was recorded after the
   * Work's last event: the stream sequence orders the two aggregates. A Work rendered again later is live again.
   */
  async uncleanedWorks(namespace: string): Promise<number> {
    const [row]: { count: number }[] = await this.database.query(
      `SELECT count(*)::int AS count FROM ${quoteIdent(readModelTables.works)} w
       WHERE w.kind = $1 AND w.namespace = $2 AND NOT EXISTS (
         SELECT 1 FROM ${quoteIdent(readModelTables.workCleanups)} c
         WHERE c.kind = w.kind AND c.namespace = w.namespace AND c.name = w.name AND c.seq > w.seq
           AND (w.state->>'uid' IS NULL OR c.state->>'uid' IS NULL OR c.state->>'uid' = w.state->>'uid'))`,
      [readModelKinds.work, namespace],
    );
    return row?.count ?? 0;
  }
}
