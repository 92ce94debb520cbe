import { Inject, Injectable } from '@nestjs/common';
import type { BindingUpsertedData, ClusterStatusCollectedData, PlacementDecidedData } from '@karmada-ts/contracts';
import type { Cluster, Placement, RequeueFacts } from '@karmada-ts/domain';
import { LatestStateReader, type StateRow } from '@karmada-ts/projections';
import { BatchedStateReads, PROJECTION_DATABASE } from '@karmada-ts/service-runtime';
import type { DataSource } from 'typeorm';
import { placementUnschedulable } from '../migrations/1767000000000-index-unschedulable-placements.js';
import { healthWatchColumns } from '../migrations/1767100000000-health-watch-columns.js';
import type { HealthRow } from './bindings.projection.js';
import { bindingRowKey, readModelTables, rowKinds, type BindingKey } from './read-models.js';

/** A Cluster's spec and cluster-svc's status of it (none before its first probe), as of `version`. */
export interface ClusterParts {
  readonly name: string;
  readonly version: string;
  readonly spec: Cluster;
  readonly status: ClusterStatusCollectedData | null;
}

const clustersWithStatuses = `FROM ${readModelTables.clusters} c
  LEFT JOIN ${readModelTables.clusterStatuses} s ON s.kind = c.kind AND s.namespace = c.namespace AND s.name = c.name`;
const clusterVersion = `c.seq || '/' || coalesce(s.seq::text, '')`;

/** A binding and its placement, as the requeue rules see them. */
export interface RequeueCandidate extends RequeueFacts {
  readonly key: BindingKey;
}

/** The queries scheduler-svc runs on its read models. */
@Injectable()
export class SchedulerReadModel {
  // Point reads of bindings scheduled side by side (a batch's reconciles) go to Postgres together.
  private readonly bindings: BatchedStateReads<BindingUpsertedData>;
  private readonly placements: LatestStateReader<PlacementDecidedData>;
  private readonly health: BatchedStateReads<HealthRow>;

  constructor(@Inject(PROJECTION_DATABASE) private readonly database: DataSource) {
    this.bindings = new BatchedStateReads(new LatestStateReader(database, readModelTables.bindings));
    this.placements = new LatestStateReader(database, readModelTables.placements);
    this.health = new BatchedStateReads(new LatestStateReader(database, readModelTables.bindingHealth));
  }

  binding(key: BindingKey): Promise<StateRow<BindingUpsertedData> | undefined> {
    return this.bindings.get(bindingRowKey(key));
  }

  async placement(key: BindingKey): Promise<PlacementDecidedData | undefined> {
    return (await this.placements.get(bindingRowKey(key)))?.state;
  }

  async bindingHealth(key: BindingKey): Promise<HealthRow> {
    return (await this.health.get(bindingRowKey(key)))?.state ?? [];
  }

  /**
   * Every live binding with what its placement says about it: where a cluster change may matter. With
   * `unschedulableOnly`, only those whose last decision found no room (Scheduled=False).
   */
  async requeueCandidates(options: { readonly unschedulableOnly?: boolean } = {}): Promise<RequeueCandidate[]> {
    // Unschedulable only: driven by the partial index of those placements, so a capacity change parses no other row.
    const [from, where] = options.unschedulableOnly
      ? [
          `${readModelTables.placements} p JOIN ${readModelTables.bindings} b ON b.kind = p.kind AND b.namespace = p.namespace AND b.name = p.name`,
          `p.kind = $1 AND ${placementUnschedulable('p.state')}`,
        ]
      : [
          `${readModelTables.bindings} b LEFT JOIN ${readModelTables.placements} p ON p.kind = b.kind AND p.namespace = b.namespace AND p.name = b.name`,
          'b.kind = $1',
        ];
    const rows: {
      namespace: string;
      name: string;
      placement: Placement | null;
      affinity: string | null;
      targets: { name: string }[] | null;
      scheduled: string | null;
    }[] = await this.database.query(
      `SELECT b.namespace, b.name, b.state->'binding'->'spec'->'placement' AS placement,
              p.state->>'schedulerObservingAffinityName' AS affinity, p.state->'clusters' AS targets,
              p.state->'scheduledCondition'->>'status' AS scheduled
         FROM ${from}
        WHERE ${where} AND coalesce(b.state->>'deleting', 'false') <> 'true'`,
      [rowKinds.binding],
    );
    return rows.map((row) => ({
      key: { namespace: row.namespace || undefined, name: row.name },
      placement: row.placement ?? undefined,
      ...(row.affinity ? { observedAffinityName: row.affinity } : {}),
      targets: (row.targets ?? []).map((target) => target.name),
      unschedulable: row.scheduled === 'False',
    }));
  }

  /**
   * Among these bindings, the ones a change of health concerns: with application failover, with graceful eviction
   * tasks to end, or with a failback under way.
   */
  async healthWatchers(keys: readonly BindingKey[]): Promise<BindingKey[]> {
    if (keys.length === 0) return [];
    const rows: { namespace: string; name: string }[] = await this.database.query(
      `SELECT b.namespace, b.name
         FROM ${readModelTables.bindings} b
         JOIN unnest($2::text[], $3::text[]) AS k(namespace, name) ON k.namespace = b.namespace AND k.name = b.name
         LEFT JOIN ${readModelTables.placements} p ON p.kind = b.kind AND p.namespace = b.namespace AND p.name = b.name
        WHERE b.kind = $1 AND (b.${healthWatchColumns.binding} OR coalesce(p.${healthWatchColumns.placement}, false))`,
      [rowKinds.binding, keys.map((key) => key.namespace ?? ''), keys.map((key) => key.name)],
    );
    return rows.map((row) => ({ namespace: row.namespace || undefined, name: row.name }));
  }

  /** Every binding, for the resync at start. */
  async bindingKeys(): Promise<BindingKey[]> {
    const rows: { namespace: string; name: string }[] = await this.database.query(
      `SELECT namespace, name FROM ${readModelTables.bindings} WHERE kind = $1 ORDER BY namespace, name`,
      [rowKinds.binding],
    );
    return rows.map((row) => ({ namespace: row.namespace || undefined, name: row.name }));
  }

  /** A token that changes whenever a Cluster spec or status row is written or removed. */
  async clustersVersion(): Promise<string> {
    const version = (table: string) => `(SELECT count(*) || ':' || coalesce(sum(seq), 0) FROM ${table})`;
    const rows: { version: string }[] = await this.database.query(
      `SELECT ${version(readModelTables.clusters)} || '/' || ${version(readModelTables.clusterStatuses)} AS version`,
    );
    return rows[0]!.version;
  }

  /**
   * The version of every Cluster: the sequences of its spec row and of its status row (`<spec>/<status>`), so that a
   * refresh reads again only the Clusters whose version moved.
   */
  async clusterVersions(): Promise<Map<string, string>> {
    const rows: { name: string; version: string }[] = await this.database.query(
      `SELECT c.name, ${clusterVersion} AS version ${clustersWithStatuses} WHERE c.kind = $1`,
      [rowKinds.cluster],
    );
    return new Map(rows.map((row) => [row.name, row.version]));
  }

  /** The spec and status of the named Clusters, each with the version (as clusterVersions) it was read at. */
  async clustersNamed(names: readonly string[]): Promise<ClusterParts[]> {
    if (names.length === 0) return [];
    return this.database.query(
      `SELECT c.name, ${clusterVersion} AS version, c.state AS spec, s.state AS status ${clustersWithStatuses}
        WHERE c.kind = $1 AND c.name = ANY($2)`,
      [rowKinds.cluster, names],
    );
  }
}
