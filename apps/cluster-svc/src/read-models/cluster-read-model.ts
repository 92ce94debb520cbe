import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { LatestStateReader, quoteIdent, type StateRow } from '@karmada-ts/projections';
import { PROJECTION_DATABASE } from '@karmada-ts/service-runtime';
import { readModelKinds, readModelTables, type ClusterRow, type SecretRow } from './read-models.js';

/** What a resync compares with the members it runs: versions only, no objects. */
export interface ClusterVersion {
  readonly name: string;
  /** The stream sequence of the Cluster's last spec event. */
  readonly seq: number;
  /** The stream sequence of the last event of the Secret its secretRef names; undefined while there is none. */
  readonly secretSeq: number | undefined;
  readonly deleting: boolean;
}

/** A Cluster with the version of its Secret. */
export interface ClusterSnapshot extends ClusterVersion {
  readonly row: ClusterRow;
}

interface VersionRecord {
  name: string;
  seq: string;
  secret_seq: string | null;
  deleting: boolean;
  state?: ClusterRow;
}

/** Reads the clusters and secrets read models. */
@Injectable()
export class ClusterReadModel {
  private readonly clusters: LatestStateReader<ClusterRow>;
  private readonly secrets: LatestStateReader<SecretRow>;

  constructor(@Inject(PROJECTION_DATABASE) private readonly database: DataSource) {
    this.clusters = new LatestStateReader(database, readModelTables.clusters);
    this.secrets = new LatestStateReader(database, readModelTables.secrets);
  }

  cluster(name: string): Promise<StateRow<ClusterRow> | undefined> {
    return this.clusters.get({ kind: readModelKinds.cluster, namespace: '', name });
  }

  /** The named Clusters that exist, with one query. */
  clustersNamed(names: readonly string[]): Promise<StateRow<ClusterRow>[]> {
    return this.clusters.getMany(readModelKinds.cluster, '', names);
  }

  secret(namespace: string, name: string): Promise<StateRow<SecretRow> | undefined> {
    return this.secrets.get({ kind: readModelKinds.secret, namespace, name });
  }

  /** Every Cluster's version, its Secret's version and whether it is being deleted. */
  async versions(): Promise<ClusterVersion[]> {
    const records: VersionRecord[] = await this.database.query(this.sql(false, false), [readModelKinds.cluster, readModelKinds.secret]);
    return records.map(toVersion);
  }

  /** The named Clusters, with their Secrets' versions. */
  async snapshots(names: readonly string[]): Promise<ClusterSnapshot[]> {
    if (names.length === 0) return [];
    const records: VersionRecord[] = await this.database.query(this.sql(true, true), [readModelKinds.cluster, readModelKinds.secret, names]);
    return records.map((r) => ({ ...toVersion(r), row: r.state! }));
  }

  private sql(withState: boolean, byName: boolean): string {
    const spec = `c.state->'cluster'->'spec'->'secretRef'`;
    return `SELECT c.name, c.seq, s.seq AS secret_seq,
        (c.state->'cluster'->'metadata'->>'deletionTimestamp') IS NOT NULL AS deleting${withState ? ', c.state' : ''}
      FROM ${quoteIdent(readModelTables.clusters)} c
      LEFT JOIN ${quoteIdent(readModelTables.secrets)} s
        ON s.kind = $2 AND s.namespace = ${spec}->>'namespace' AND s.name = ${spec}->>'name'
      WHERE c.kind = $1${byName ? ' AND c.name = ANY($3)' : ''}
      ORDER BY c.name`;
  }
}

function toVersion(r: VersionRecord): ClusterVersion {
  return { name: r.name, seq: Number(r.seq), secretSeq: r.secret_seq === null ? undefined : Number(r.secret_seq), deleting: r.deleting };
}
