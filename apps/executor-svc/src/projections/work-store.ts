import { Inject, Injectable } from '@nestjs/common';
import type { WatchedKind } from '@karmada-ts/member-access';
import type { StateRow } from '@karmada-ts/projections';
import { BatchLoader, BoundedMap, PROJECTION_DATABASE } from '@karmada-ts/service-runtime';
import type { DataSource } from 'typeorm';
import { workCluster } from '../migrations/1766700000000-index-works-by-cluster.js';
import { workDeleting } from '../migrations/1767200000000-work-deleting-column.js';
import { appliedKindsTable } from './applied-kinds.projection.js';
import { workReportsTable } from './work-reports.projection.js';
import { workKeyId, workStateKey, worksTable, type WorkKey, type WorkState } from './works.projection.js';

/** A Work as the executor reads it: its newest state and the stream sequence that wrote it (its version). */
export type WorkRow = StateRow<WorkState>;

/** A Work read for a batch, and whether the executor's reports read model has a row for it. */
export interface PrefetchedWork {
  readonly row: WorkRow;
  readonly reported: boolean;
}

/** One member object a dispatched Work of a cluster stands for. */
export interface AppliedObject {
  readonly work: WorkKey;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** A kind of member object the dispatched Works of a cluster use. */
export interface AppliedKind {
  readonly cluster: string;
  readonly apiVersion: string;
  readonly kind: string;
}

/** Works whose newest version read is remembered (a number each), far more than are ever in flight at once. */
const rememberedVersions = 100_000;

/**
 * Queries over the Works read model. It remembers the newest version of each Work it has returned, so that a read
 * overtaken by a newer one (reads in flight side by side finish in any order) can be told apart.
 */
@Injectable()
export class WorkStore {
  private readonly newest = new BoundedMap<number>(rememberedVersions);
  /** Single reads (one per member event, mostly) asked for together go to Postgres as one query. */
  private readonly loader = new BatchLoader((key: WorkKey) => workKeyId(key), (keys) => this.getMany(keys));

  constructor(@Inject(PROJECTION_DATABASE) private readonly database: DataSource) {}

  async get(key: WorkKey): Promise<WorkRow | undefined> {
    return (await this.loader.load(key))?.row;
  }

  /** Whether a newer version of the Work than this row has been read since. */
  superseded(row: WorkRow): boolean {
    return (this.newest.get(workKeyId(row)) ?? 0) > row.seq;
  }

  /** The Works of a batch in one query (missing ones are left out), by workKeyId. */
  async getMany(keys: readonly WorkKey[]): Promise<Map<string, PrefetchedWork>> {
    if (keys.length === 0) return new Map();
    const rows: { namespace: string; name: string; state: WorkState; seq: string; reported: boolean }[] = await this.database.query(
      `SELECT w.namespace, w.name, w.state, w.seq, r.seq IS NOT NULL AS reported
         FROM ${worksTable} w
         JOIN unnest($1::text[], $2::text[]) AS k(namespace, name) ON w.namespace = k.namespace AND w.name = k.name
         LEFT JOIN ${workReportsTable} r ON r.kind = 'workstatus' AND r.namespace = w.namespace AND r.name = w.name
        WHERE w.kind = 'work'`,
      [keys.map((k) => k.namespace), keys.map((k) => k.name)],
    );
    return new Map(
      rows.map((r) => {
        const row: WorkRow = { ...workStateKey(r), state: r.state, seq: Number(r.seq) };
        this.saw(row);
        return [workKeyId(r), { row, reported: r.reported }];
      }),
    );
  }

  private saw(row: WorkRow): void {
    const id = workKeyId(row);
    if ((this.newest.get(id) ?? 0) < row.seq) this.newest.set(id, row.seq);
  }

  /**
   * The Works of a cluster the executor still owes something: never reported, reported for an older version, or
   * deleting and not yet cleaned up after (a clean-up older than the deletion request does not count). Only Works
   * whose last event is at or below `upToSeq`. (The kind is compared as an expression so that the primary key
   * never looks cheaper to the planner than the cluster index, as it does before the table has statistics.)
   */
  async pendingOf(cluster: string, upToSeq: number): Promise<WorkKey[]> {
    const rows: { namespace: string; name: string }[] = await this.database.query(
      `SELECT w.namespace, w.name
         FROM ${worksTable} w
         LEFT JOIN ${workReportsTable} r ON r.kind = 'workstatus' AND r.namespace = w.namespace AND r.name = w.name
        WHERE (w.kind || '') = 'work' AND w.${workCluster} = $1 AND w.seq <= $2
          AND (r.seq IS NULL
               OR (w.${workDeleting} AND NOT ((r.state->>'cleanedUp') IS NOT NULL AND r.seq > w.seq))
               OR (NOT w.${workDeleting} AND ((r.state->>'cleanedUp') IS NOT NULL OR (r.state->>'observedWorkSeq')::bigint < w.seq)))
        ORDER BY w.namespace, w.name`,
      [cluster, upToSeq],
    );
    return rows.map((r) => ({ namespace: r.namespace, name: r.name }));
  }

  /** The kinds of member object each cluster has been dispatched (see appliedKindsProjection): what to watch. */
  async appliedKinds(): Promise<AppliedKind[]> {
    const rows: { cluster: string; api_version: string; kind: string }[] = await this.database.query(
      `SELECT cluster, api_version, kind FROM ${appliedKindsTable}`,
    );
    return rows.map((r) => ({ cluster: r.cluster, apiVersion: r.api_version, kind: r.kind }));
  }

  /** The kinds of member object dispatched to any cluster: what a cluster that joins will most likely be sent. */
  async dispatchedKinds(): Promise<WatchedKind[]> {
    const rows: { api_version: string; kind: string }[] = await this.database.query(`SELECT DISTINCT api_version, kind FROM ${appliedKindsTable}`);
    return rows.map((r) => ({ apiVersion: r.api_version, kind: r.kind }));
  }

  /** The member objects of one kind that the dispatched Works of a cluster stand for. */
  async appliedObjects(cluster: string, kind: { apiVersion: string; kind: string }): Promise<AppliedObject[]> {
    const rows: { namespace: string; name: string; object_namespace: string | null; object_name: string }[] = await this.database.query(
      `SELECT w.namespace, w.name, m->'metadata'->>'namespace' AS object_namespace, m->'metadata'->>'name' AS object_name
         FROM ${worksTable} w, ${manifestsOf('w')} m
        WHERE w.${workCluster} = $1 AND ${dispatched('w')} AND m->>'apiVersion' = $2 AND m->>'kind' = $3`,
      [cluster, kind.apiVersion, kind.kind],
    );
    return rows.map((r) => ({
      work: { namespace: r.namespace, name: r.name },
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      ...(r.object_namespace ? { namespace: r.object_namespace } : {}),
      name: r.object_name,
    }));
  }
}

/** The manifests of the Works in `alias`, one row each. */
export function manifestsOf(alias: string): string {
  return `json_array_elements(${alias}.state->'work'->'spec'->'workload'->'manifests')`;
}

/**
 * Works that are dispatched: not deleting, not suspended. Read from the JSON, not the `deleting` column: the
 * applied-kinds migration (1767000000000) runs it before that column exists.
 */
export function dispatched(alias: string): string {
  return `${alias}.kind = 'work' AND NOT (${alias}.state->>'deleting')::boolean
            AND coalesce((${alias}.state->'work'->'spec'->>'suspendDispatching')::boolean, false) = false`;
}
