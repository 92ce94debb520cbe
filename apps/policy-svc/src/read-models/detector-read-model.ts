import { Inject, Injectable } from '@nestjs/common';
import type { BindingCleanedUpData, BindingUpsertedData, ClaimingPolicyJson, GroupResourceJson, TemplateClaimedData } from '@karmada-ts/contracts';
import type { ClusterOverridePolicy, ClusterPropagationPolicy, DetectInput, KubeObject, OverridePolicy, PropagationPolicy, ResourceSelector } from '@karmada-ts/domain';
import { LatestStateReader, type StateRow } from '@karmada-ts/projections';
import { BatchedStateReads, BatchLoader, PROJECTION_DATABASE } from '@karmada-ts/service-runtime';
import type { DataSource } from 'typeorm';
import { bindingLabels, propagatesDeps } from '../migrations/1766700000000-index-binding-dependencies.js';
import type { PlacementRow } from './placements.projection.js';
import {
  bindingRowKind,
  policyResources,
  priorityClassResource,
  readModelTables,
  resourceKey,
  resourceOfKey,
  type BindingKey,
  type TemplateKey,
} from './read-models.js';

/**
 * A template with the stream sequence of the event that wrote it (its resourceVersion as far as the detector cares).
 * Rows hold the objects the gateway wrote, read here as the domain's KubeObject.
 */
export interface TemplateRow {
  readonly key: TemplateKey;
  readonly object: KubeObject;
  readonly seq: number;
}

/** The policies a template of a namespace may be claimed by (DetectorReadModel.policies), by namespace. */
export type PolicyLookup = (namespace: string | undefined) => Promise<DetectInput>;

/** The queries the detector runs on its read models. */
@Injectable()
export class DetectorReadModel {
  private readonly templates: LatestStateReader<KubeObject>;
  private readonly bindings: LatestStateReader<BindingUpsertedData>;
  private readonly placements: LatestStateReader<PlacementRow>;
  private readonly cleanups: LatestStateReader<BindingCleanedUpData>;
  private readonly templateReads: BatchedStateReads<KubeObject>;
  private readonly labelled = new BatchLoader(labelledId, (keys) => this.bindingsWithAnyLabel(keys));

  constructor(@Inject(PROJECTION_DATABASE) private readonly database: DataSource) {
    this.templates = new LatestStateReader(database, readModelTables.templates);
    this.templateReads = new BatchedStateReads(this.templates);
    this.bindings = new LatestStateReader(database, readModelTables.bindings);
    this.placements = new LatestStateReader(database, readModelTables.placements);
    this.cleanups = new LatestStateReader(database, readModelTables.cleanups);
  }

  /** The template, read together with the others asked for at the same moment (a batch's detections side by side). */
  async template(key: TemplateKey): Promise<TemplateRow | undefined> {
    const row = await this.templateReads.get({ kind: resourceKey(key.resource), namespace: key.namespace ?? '', name: key.name });
    return row && templateRow(row);
  }

  /** The policies a template of `namespace` may be claimed by, and the override policies they may depend on. */
  async policies(namespace: string | undefined): Promise<DetectInput> {
    const kinds = {
      propagationPolicies: resourceKey(policyResources.propagationPolicies),
      clusterPropagationPolicies: resourceKey(policyResources.clusterPropagationPolicies),
      overridePolicies: resourceKey(policyResources.overridePolicies),
      clusterOverridePolicies: resourceKey(policyResources.clusterOverridePolicies),
    };
    // One query for the four lists: a template's detection ran four before.
    const rows = await this.templates.listEach([
      ...(namespace ? [{ kind: kinds.propagationPolicies, namespace }, { kind: kinds.overridePolicies, namespace }] : []),
      { kind: kinds.clusterPropagationPolicies, namespace: '' },
      { kind: kinds.clusterOverridePolicies, namespace: '' },
    ]);
    const ofKind = <T>(kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.state) as unknown as T[];
    return {
      propagationPolicies: ofKind<PropagationPolicy>(kinds.propagationPolicies),
      clusterPropagationPolicies: ofKind<ClusterPropagationPolicy>(kinds.clusterPropagationPolicies),
      overridePolicies: ofKind<OverridePolicy>(kinds.overridePolicies),
      clusterOverridePolicies: ofKind<ClusterOverridePolicy>(kinds.clusterOverridePolicies),
    };
  }

  /**
   * A lookup that reads the policies of each namespace once: a reconciler's batch detects its templates against one
   * read of the policies per namespace (the batch's policy events are projected before it runs), instead of four
   * queries per template.
   */
  policiesOnce(): PolicyLookup {
    const read = new Map<string, Promise<DetectInput>>();
    return (namespace) => {
      const key = namespace ?? '';
      let policies = read.get(key);
      if (!policies) {
        policies = this.policies(namespace);
        // A failed read is not kept: the template that asked fails (and its batch is retried), the others read again.
        policies.catch(() => read.delete(key));
        read.set(key, policies);
      }
      return policies;
    };
  }

  /** The value of every PriorityClass, for policies with schedulePriority. */
  async priorityClasses(): Promise<ReadonlyMap<string, number>> {
    const rows = await this.templates.list(resourceKey(priorityClassResource), '');
    return new Map(rows.filter((r) => typeof r.state['value'] === 'number').map((r) => [r.name, r.state['value'] as number]));
  }

  /** The policies of one kind naming `overridePolicy` in their dependentOverrides (in `namespace`, or cluster-wide). */
  async policiesDependingOn(policy: GroupResourceJson, namespace: string, overridePolicy: string): Promise<KubeObject[]> {
    const rows: { state: KubeObject }[] = await this.database.query(
      `SELECT state FROM ${readModelTables.templates} WHERE kind = $1 AND namespace = $2
         AND (state->'spec'->'dependentOverrides')::jsonb ? $3`,
      [resourceKey(policy), namespace, overridePolicy],
    );
    return rows.map((r) => r.state);
  }

  /** The templates a resource selector may pick: same apiVersion and Kind, and namespace and name when it sets them. */
  async templatesSelectedBy(selector: ResourceSelector, namespace: string | undefined): Promise<TemplateKey[]> {
    const conditions = [`state->>'kind' = $1`, `state->>'apiVersion' = $2`];
    const params: unknown[] = [selector.kind, selector.apiVersion];
    const ns = selector.namespace || namespace;
    if (ns) conditions.push(`namespace = $${params.push(ns)}`);
    if (selector.name) conditions.push(`name = $${params.push(selector.name)}`);
    const rows: { kind: string; namespace: string; name: string; state: KubeObject }[] = await this.database.query(
      `SELECT kind, namespace, name, state FROM ${readModelTables.templates} WHERE ${conditions.join(' AND ')}`,
      params,
    );
    return rows.map((row) => keyOfRow(row.kind, row.namespace, row.name, row.state.kind));
  }

  /** The templates a policy holds. */
  async templatesClaimedBy(policy: Pick<ClaimingPolicyJson, 'kind' | 'namespace' | 'name'>): Promise<TemplateKey[]> {
    const rows: { state: TemplateClaimedData }[] = await this.database.query(
      `SELECT state FROM ${readModelTables.claims}
        WHERE state->'policy'->>'name' = $1 AND state->'policy'->>'kind' = $2 AND coalesce(state->'policy'->>'namespace', '') = $3`,
      [policy.name, policy.kind, policy.namespace ?? ''],
    );
    return rows.map(({ state: { template } }) => ({ resource: template.resource, kind: template.kind, namespace: template.namespace, name: template.name }));
  }

  /** The template a binding is for, found by its apiVersion, Kind, namespace and name. */
  async templateOf(resource: { apiVersion: string; kind: string; namespace?: string; name: string }): Promise<TemplateRow | undefined> {
    const rows: { kind: string; namespace: string; name: string; state: KubeObject; seq: string }[] = await this.database.query(
      `SELECT kind, namespace, name, state, seq FROM ${readModelTables.templates}
        WHERE namespace = $1 AND name = $2 AND state->>'kind' = $3 AND state->>'apiVersion' = $4`,
      [resource.namespace ?? '', resource.name, resource.kind, resource.apiVersion],
    );
    const row = rows[0];
    return row && templateRow({ ...row, seq: Number(row.seq) });
  }

  /** Templates of one resource in a namespace, by name. */
  async templatesNamed(resource: GroupResourceJson, namespace: string, names: readonly string[]): Promise<TemplateRow[]> {
    return (await this.templates.getMany(resourceKey(resource), namespace, names)).map(templateRow);
  }

  async binding(key: BindingKey): Promise<BindingUpsertedData | undefined> {
    return (await this.bindings.get(bindingRow(key)))?.state;
  }

  async bindingsNamed(namespace: string, names: readonly string[]): Promise<BindingUpsertedData[]> {
    return (await this.bindings.getMany(bindingRowKind, namespace, names)).map((r) => r.state);
  }

  /**
   * The bindings of a namespace carrying a label (an independent binding's depended-by label). The look-ups of one
   * moment (a batch's bindings distributed side by side) go to Postgres as one query per namespace.
   */
  bindingsLabelled(namespace: string, label: string): Promise<BindingUpsertedData[]> {
    return this.labelled.load({ namespace, label }).then((found) => found ?? []);
  }

  private async bindingsWithAnyLabel(keys: readonly { namespace: string; label: string }[]): Promise<Map<string, BindingUpsertedData[]>> {
    const labelsByNamespace = new Map<string, string[]>();
    for (const { namespace, label } of keys) labelsByNamespace.set(namespace, [...(labelsByNamespace.get(namespace) ?? []), label]);
    const found = new Map<string, BindingUpsertedData[]>();
    for (const [namespace, labels] of labelsByNamespace) {
      const rows: { state: BindingUpsertedData }[] = await this.database.query(
        // kind and namespace as expressions: the primary key (kind, namespace, name) must not look cheaper to the
        // planner than the label index, which it does while the table has no statistics yet (a new, fast-growing read
        // model) and which then filters every binding of the namespace.
        `SELECT state FROM ${readModelTables.bindings} WHERE (kind || '') = $1 AND (namespace || '') = $2 AND ${bindingLabels} ?| $3::text[]`,
        [bindingRowKind, namespace, labels],
      );
      for (const label of labels) {
        found.set(labelledId({ namespace, label }), rows.map((r) => r.state).filter((b) => b.binding.metadata.labels?.[label] !== undefined));
      }
    }
    return found;
  }

  /** The bindings of a namespace that propagate their dependencies. */
  async bindingsPropagatingDependencies(namespace: string): Promise<BindingKey[]> {
    const rows: { name: string }[] = await this.database.query(
      `SELECT name FROM ${readModelTables.bindings} WHERE kind = $1 AND namespace = $2 AND ${propagatesDeps}`,
      [bindingRowKind, namespace],
    );
    return rows.map((r) => ({ namespace, name: r.name }));
  }

  async placement(key: BindingKey): Promise<PlacementRow | undefined> {
    return (await this.placements.get(bindingRow(key)))?.state;
  }

  async cleanup(key: BindingKey): Promise<BindingCleanedUpData | undefined> {
    return (await this.cleanups.get(bindingRow(key)))?.state;
  }
}

function bindingRow(key: BindingKey) {
  return { kind: bindingRowKind, namespace: key.namespace ?? '', name: key.name };
}

function keyOfRow(kind: string, namespace: string, name: string, objectKind: string): TemplateKey {
  return { resource: resourceOfKey(kind), kind: objectKind, namespace: namespace || undefined, name };
}

function labelledId(key: { namespace: string; label: string }): string {
  return `${key.namespace}/${key.label}`;
}

function templateRow(row: StateRow<KubeObject>): TemplateRow {
  return { key: keyOfRow(row.kind, row.namespace, row.name, row.state.kind), object: row.state, seq: row.seq };
}
