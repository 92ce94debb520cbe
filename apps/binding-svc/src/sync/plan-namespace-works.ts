import {
  clusterOfWork,
  executionSpaceName,
  generateWorkName,
  renderNamespaceWork,
  shouldAutoPropagateNamespace,
  type Cluster,
  type ClusterOverrideFailure,
  type ClusterOverridePolicy,
  type KubeObject,
} from '@karmada-ts/domain';
import { keyString, type WorkKey, type WorkOwner } from '../read-models/read-model-tables.js';
import { isLive, sameOwner, workIn, type KnownWork } from './known-work.js';
import { withIdentity, type WorkIntent } from './work-decisions.js';

export interface NamespaceWorksInput {
  readonly name: string;
  /** The control-plane Namespace; undefined once deleted. */
  readonly namespace: KubeObject | undefined;
  /** Every Cluster known, by name. */
  readonly clusters: ReadonlyMap<string, Cluster>;
  readonly clusterOverridePolicies: readonly ClusterOverridePolicy[];
  /** The Namespace's Works and the Work subjects it would use, by keyString of their subject. */
  readonly works: ReadonlyMap<string, KnownWork>;
}

export interface NamespaceWorksPlan {
  readonly intents: readonly WorkIntent[];
  readonly overrideFailures: readonly ClusterOverrideFailure[];
}

/** The Work subject of a Namespace's Work in one cluster. */
export function namespaceWorkKey(namespace: string, cluster: string): WorkKey {
  return { namespace: executionSpaceName(cluster), name: generateWorkName('Namespace', namespace, undefined) };
}

export function namespaceOwner(name: string): WorkOwner {
  return { kind: 'Namespace', namespace: '', name };
}

/**
 * Karmada's namespace sync controller for one Namespace, as intents about Work subjects: a Namespace that should be
 * auto-propagated (shouldAutoPropagateNamespace) gets a Work in every known Cluster not being deleted, with
 * ClusterOverridePolicies applied; a deleted (or deleting) Namespace loses its Works, as Karmada's garbage collector
 * removes the Works it owns; Works on Clusters being deleted go. A Namespace labelled to skip auto-propagation keeps
 * the Works it already has, as in Karmada.
 */
export function planNamespaceWorks(input: NamespaceWorksInput): NamespaceWorksPlan {
  const owner = namespaceOwner(input.name);
  const live = [...input.works.values()].filter((work) => sameOwner(work.owner, owner) && isLive(work.last));
  const beingDeleted = (name: string) => input.clusters.get(name)?.metadata.deletionTimestamp !== undefined;
  const namespace = input.namespace;
  if (!namespace || namespace.metadata.deletionTimestamp) {
    return { intents: live.map((work) => ({ kind: 'delete', key: work.key })), overrideFailures: [] };
  }
  const intents: WorkIntent[] = live
    .filter((work) => beingDeleted(clusterOfWork(workIn(work.last)) ?? ''))
    .map((work) => ({ kind: 'delete', key: work.key }));
  const overrideFailures: ClusterOverrideFailure[] = [];
  if (!shouldAutoPropagateNamespace(namespace)) return { intents, overrideFailures };
  for (const [clusterName, cluster] of [...input.clusters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (beingDeleted(clusterName)) continue;
    const rendered = renderNamespaceWork(namespace, cluster, input.clusterOverridePolicies);
    if (!rendered.ok) {
      overrideFailures.push({ cluster: clusterName, summary: rendered.error.summary });
      continue;
    }
    const key = namespaceWorkKey(input.name, clusterName);
    intents.push({
      kind: 'render',
      key,
      cluster: clusterName,
      report: input.works.get(keyString(key))?.report,
      render: (identity) => withIdentity(rendered.work, identity),
    });
  }
  return { intents, overrideFailures };
}
