import { Inject, Injectable, Optional } from '@nestjs/common';
import type { BindingUpsertedData } from '@karmada-ts/contracts';
import { executionSpaceName } from '@karmada-ts/domain';
import { quoteIdent, readSnapshot, type StateKey } from '@karmada-ts/projections';
import { PROJECTION_DATABASE } from '@karmada-ts/service-runtime';
import { DataSource, type EntityManager } from 'typeorm';
import type { PlacementRow } from './placements.projection.js';
import {
  keyString,
  rowKinds,
  tables,
  type BindingKey,
  type EventState,
  type LastEvent,
  type TemplateState,
  type WorkKey,
  type WorkOwner,
} from './read-model-tables.js';
import { TemplatesOfKindCache } from './templates-of-kind-cache.js';
import { workStatusState } from './works.projection.js';

/** Keys per statement: bounds the size of the array parameters. */
const keysPerStatement = 5_000;

/** A Work's subject and its owner. */
export interface WorkOwnerRow extends WorkKey {
  readonly owner: WorkOwner | undefined;
}

/** A Work row: its subject, its owner and its last event. */
export interface WorkRow extends WorkOwnerRow {
  readonly last: LastEvent;
}

/**
 * How much of a rendered Work's manifests a read brings: all of them, or only what names each one (apiVersion, kind,
 * metadata.name and namespace), which is all that status aggregation reads of them (manifestIndex). A rendered
 * Deployment is most of a Work row: reads for status only read the row's status state (workStatusState), which leaves
 * it out, where the row has one.
 */
export type WorkManifests = 'whole' | 'identities';

/** A template row's key as one string (`kind|namespace|name`). */
export function stateKeyString(key: StateKey): string {
  return `${key.kind}|${key.namespace}|${key.name}`;
}

/** A read model row's content, and the stream sequence of the event that last wrote it. */
export interface VersionedRow<T> {
  readonly value: T;
  readonly seq: number;
}

/** The mapping between kinds and plural resource names, both ways, by API group. */
export interface ResourceKinds {
  /** `<group>/<Kind>` → plural. */
  readonly pluralOf: ReadonlyMap<string, string>;
  /** `<group>/<plural>` → Kind. */
  readonly kindOf: ReadonlyMap<string, string>;
}

/**
 * Reads binding-svc's read models in bulk: every method takes all the keys a reconcile batch needs and asks Postgres
 * once per table (per few thousand keys), never once per key.
 */
@Injectable()
export class ReadModelReader {
  constructor(
    @Inject(PROJECTION_DATABASE) private readonly db: DataSource | EntityManager,
    // Shared by the readers of every snapshot (Nest leaves it to the default).
    @Optional() private readonly kindCache: TemplatesOfKindCache = new TemplatesOfKindCache(),
  ) {}

  /** The last statement of this snapshot's reader, the next one starts after it (see query). */
  private statements: Promise<unknown> = Promise.resolve();

  /**
   * Runs `read` against one snapshot of the read models (a REPEATABLE READ transaction), so what the service's
   * other consumers commit meanwhile is seen whole or not at all. Reads made apart can disagree: a binding's
   * placement read before its placement consumer committed a new one, and the Works rendered from that placement
   * read after, make those Works look like orphans. A reader that is a snapshot's already reads in that one.
   */
  snapshot<T>(read: (reader: ReadModelReader) => Promise<T>): Promise<T> {
    if (!(this.db instanceof DataSource)) return read(this);
    return readSnapshot(this.db, (manager) => read(new ReadModelReader(manager, this.kindCache)));
  }

  /**
   * Runs one statement. The reads of a snapshot share its transaction's connection, which runs one statement at a
   * time whatever the caller does: they wait for each other here rather than inside pg, which deprecates queueing
   * a query on a busy client (pg 9 will not). Reads outside a snapshot go to the pool side by side.
   */
  private query<Row>(sql: string, parameters?: unknown[]): Promise<Row[]> {
    const run = (): Promise<Row[]> => this.db.query(sql, parameters);
    if (this.db instanceof DataSource) return run();
    const result = this.statements.then(run);
    this.statements = result.catch(() => undefined);
    return result;
  }

  async templates(keys: readonly StateKey[]): Promise<Map<string, VersionedRow<TemplateState>>> {
    const rows = (await this.byKeys(
      `SELECT t.kind, t.namespace, t.name, t.state, t.seq FROM ${quoteIdent(tables.templates)} t
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(kind, namespace, name)
       ON t.kind = k.kind AND t.namespace = k.namespace AND t.name = k.name`,
      keys,
      (k) => [k.kind, k.namespace, k.name],
    )) as { kind: string; namespace: string; name: string; state: TemplateState; seq: string }[];
    return new Map(rows.map((r) => [stateKeyString(r), { value: r.state, seq: Number(r.seq) }]));
  }

  /**
   * Every template of one kind (`namespaces`, `clusters.cluster.karmada.io`, …), optionally in some namespaces only.
   * All of a kind are read again only when the kind's version moved: every rendering batch asks for every Cluster,
   * which with a hundred members was the largest read of the service. The states are shared: do not change them.
   */
  async templatesOfKind(kind: string, namespaces?: readonly string[]): Promise<readonly TemplateState[]> {
    if (namespaces !== undefined) {
      const rows: { state: TemplateState }[] = await this.query(
        `SELECT state FROM ${quoteIdent(tables.templates)} WHERE kind = $1 AND namespace = ANY($2) ORDER BY namespace, name`,
        [kind, namespaces],
      );
      return rows.map((r) => r.state);
    }
    const [{ version }]: { version: string }[] = await this.query(
      `SELECT count(*) || '/' || coalesce(sum(seq), 0) AS version FROM ${quoteIdent(tables.templates)} WHERE kind = $1`,
      [kind],
    );
    return this.kindCache.get(kind, version, async () => {
      const rows: { state: TemplateState }[] = await this.query(`SELECT state FROM ${quoteIdent(tables.templates)} WHERE kind = $1 ORDER BY namespace, name`, [kind]);
      return rows.map((r) => r.state);
    });
  }

  /** The names of every template of one kind. */
  async templateNames(kind: string): Promise<string[]> {
    const rows: { name: string }[] = await this.query(`SELECT name FROM ${quoteIdent(tables.templates)} WHERE kind = $1 ORDER BY name`, [kind]);
    return rows.map((r) => r.name);
  }

  async resourceKinds(): Promise<ResourceKinds> {
    const rows: { api_group: string; kind: string; resource: string }[] = await this.query(
      `SELECT api_group, kind, resource FROM ${quoteIdent(tables.resourceKinds)}`,
    );
    return {
      pluralOf: new Map(rows.map((r) => [`${r.api_group}/${r.kind}`, r.resource])),
      kindOf: new Map(rows.map((r) => [`${r.api_group}/${r.resource}`, r.kind])),
    };
  }

  async bindings(keys: readonly BindingKey[]): Promise<Map<string, VersionedRow<BindingUpsertedData>>> {
    return this.lastEventData<BindingUpsertedData>(tables.bindings, keys);
  }

  async placements(keys: readonly BindingKey[]): Promise<Map<string, VersionedRow<PlacementRow>>> {
    return this.lastEventData<PlacementRow>(tables.placements, keys);
  }

  /** The keys of every binding, or of the bindings in one namespace. */
  async bindingKeys(namespace?: string): Promise<BindingKey[]> {
    return namespace === undefined
      ? this.query(`SELECT namespace, name FROM ${quoteIdent(tables.bindings)} ORDER BY namespace, name`)
      : this.query(`SELECT namespace, name FROM ${quoteIdent(tables.bindings)} WHERE namespace = $1 ORDER BY name`, [namespace]);
  }

  /** Bindings that target a cluster, are evicting from it, or have a Work in it (`@>` so the GIN indexes serve). */
  async bindingKeysInvolving(cluster: string): Promise<BindingKey[]> {
    return this.query(
      `SELECT namespace, name FROM ${quoteIdent(tables.placements)} WHERE clusters @> ARRAY[$1::text]
       UNION SELECT namespace, name FROM ${quoteIdent(tables.bindings)} WHERE required_clusters @> ARRAY[$1::text]
       UNION SELECT owner_namespace, owner_name FROM ${quoteIdent(tables.works)}
         WHERE namespace = $2 AND owner_kind IN ('ResourceBinding', 'ClusterResourceBinding')`,
      [cluster, executionSpaceName(cluster)],
    );
  }

  async worksOwnedBy(owners: readonly WorkOwner[], manifests: WorkManifests = 'whole'): Promise<WorkRow[]> {
    return this.workRows(
      `JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(kind, namespace, name)
       ON t.owner_kind = k.kind AND t.owner_namespace = k.namespace AND t.owner_name = k.name`,
      owners,
      (o) => [o.kind, o.namespace, o.name],
      manifests,
    );
  }

  async worksAt(keys: readonly WorkKey[], manifests: WorkManifests = 'whole'): Promise<WorkRow[]> {
    return this.workRows(workAtKeys, keys, (k) => [k.namespace, k.name], manifests);
  }

  /** The owners of these Works, without the Works. */
  async workOwnersAt(keys: readonly WorkKey[]): Promise<WorkOwnerRow[]> {
    const rows = (await this.byKeys(
      `SELECT t.namespace, t.name, t.owner_kind, t.owner_namespace, t.owner_name FROM ${quoteIdent(tables.works)} t ${workAtKeys}`,
      keys,
      (k) => [k.namespace, k.name],
    )) as WorkOwnerColumns[];
    return rows.map(workOwnerRow);
  }

  /** executor-svc's last report on each of these Works. */
  async workStatuses(keys: readonly WorkKey[]): Promise<Map<string, LastEvent>> {
    return this.lastEvents(tables.workStatuses, keys.map((k) => ({ kind: rowKinds.work, ...k })), keyString);
  }

  /** binding-svc's last event on each of these bindings' `bindingstatus` subjects. */
  async bindingStatuses(keys: readonly BindingKey[]): Promise<Map<string, LastEvent>> {
    return this.lastEvents(tables.bindingStatuses, keys.map((k) => ({ kind: rowKinds.binding, ...k })), keyString);
  }

  /** binding-svc's last event on these `templatestatus` subjects (keyed like templates). */
  async templateStatuses(keys: readonly StateKey[]): Promise<Map<string, LastEvent>> {
    return this.lastEvents(tables.templateStatuses, keys, stateKeyString);
  }

  /** Last events of a latest-state table, by the key string `mapKey` makes of each row. */
  private async lastEvents(table: string, keys: readonly StateKey[], mapKey: (key: StateKey) => string): Promise<Map<string, LastEvent>> {
    const rows = (await this.byKeys(
      `SELECT t.kind, t.namespace, t.name, t.state, t.seq FROM ${quoteIdent(table)} t
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(kind, namespace, name)
       ON t.kind = k.kind AND t.namespace = k.namespace AND t.name = k.name`,
      keys,
      (k) => [k.kind, k.namespace, k.name],
    )) as { kind: string; namespace: string; name: string; state: EventState; seq: string }[];
    return new Map(rows.map((r) => [mapKey(r), { type: r.state.type, data: r.state.data, seq: Number(r.seq) }]));
  }

  private async lastEventData<Data>(table: string, keys: readonly BindingKey[]): Promise<Map<string, VersionedRow<Data>>> {
    const rows = (await this.byKeys(
      `SELECT t.namespace, t.name, t.state, t.seq FROM ${quoteIdent(table)} t
       JOIN unnest($1::text[], $2::text[]) AS k(namespace, name) ON t.namespace = k.namespace AND t.name = k.name`,
      keys,
      (k) => [k.namespace, k.name],
    )) as { namespace: string; name: string; state: EventState<Data>; seq: string }[];
    return new Map(rows.map((r) => [keyString(r), { value: r.state.data, seq: Number(r.seq) }]));
  }

  private async workRows<K>(join: string, keys: readonly K[], columns: (key: K) => string[], manifests: WorkManifests): Promise<WorkRow[]> {
    const state = manifests === 'whole' ? 't.state' : `coalesce(t.${workStatusState}, t.state)`;
    const rows = (await this.byKeys(
      `SELECT t.namespace, t.name, t.owner_kind, t.owner_namespace, t.owner_name, ${state} AS state, t.seq FROM ${quoteIdent(tables.works)} t ${join}`,
      keys,
      columns,
    )) as (WorkOwnerColumns & { state: EventState; seq: string })[];
    return rows.map((r) => ({ ...workOwnerRow(r), last: { type: r.state.type, data: r.state.data, seq: Number(r.seq) } }));
  }

  /** Runs a query whose parameters are one text array per key column, a few thousand keys at a time. */
  private async byKeys<K>(sql: string, keys: readonly K[], columns: (key: K) => string[]): Promise<unknown[]> {
    const rows: unknown[] = [];
    const unique = [...new Map(keys.map((k) => [JSON.stringify(columns(k)), columns(k)])).values()];
    for (let i = 0; i < unique.length; i += keysPerStatement) {
      const chunk = unique.slice(i, i + keysPerStatement);
      const width = chunk[0]?.length ?? 0;
      const parameters = Array.from({ length: width }, (_, column) => chunk.map((key) => key[column]));
      rows.push(...((await this.query(sql, parameters)) as unknown[]));
    }
    return rows;
  }
}

const workAtKeys = 'JOIN unnest($1::text[], $2::text[]) AS k(namespace, name) ON t.namespace = k.namespace AND t.name = k.name';

interface WorkOwnerColumns {
  namespace: string;
  name: string;
  owner_kind: string;
  owner_namespace: string;
  owner_name: string;
}

function workOwnerRow(r: WorkOwnerColumns): WorkOwnerRow {
  return {
    namespace: r.namespace,
    name: r.name,
    owner: r.owner_kind ? { kind: r.owner_kind as WorkOwner['kind'], namespace: r.owner_namespace, name: r.owner_name } : undefined,
  };
}
