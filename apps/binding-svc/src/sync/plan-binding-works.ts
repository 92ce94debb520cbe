import {
  clustersKeepingWorks,
  clustersPurgedDirectly,
  clusterOfWork,
  executionSpaceName,
  generateWorkName,
  renderWork,
  sealedManifestsOf,
  workTargetClusters,
  type AnyResourceBinding,
  type Cluster,
  type ClusterOverrideFailure,
  type KubeObject,
  type OverridePolicies,
  type SealedValuesRef,
  type Work,
  withWorkPermanentId,
} from '@karmada-ts/domain';
import type { WorkRenderedData } from '@karmada-ts/contracts';
import { keyString, type WorkKey } from '../read-models/read-model-tables.js';
import { bindingOwnerOf, bindingRefOf } from './binding-ref.js';
import { cleanedUp, isLive, sameOwner, workIn, type KnownWork } from './known-work.js';
import { identityOf, withIdentity, type WorkIdentity, type WorkIntent } from './work-decisions.js';

export interface BindingWorksInput {
  /** The binding with its placement (scheduledBinding). */
  readonly binding: AnyResourceBinding;
  /** policy-svc marked it deleting: its template is gone. */
  readonly deleting: boolean;
  /** Its resource template; undefined while unknown. */
  readonly template: KubeObject | undefined;
  /** A Secret template's sealed values (its `data` is not in the object): every Work names them. */
  readonly templateSealedData?: SealedValuesRef;
  /** Every Cluster known, by name. */
  readonly clusters: ReadonlyMap<string, Cluster>;
  readonly overridePolicies: OverridePolicies;
  /** The Works the binding owns and those on its target subjects, by keyString of their subject. */
  readonly works: ReadonlyMap<string, KnownWork>;
  /**
   * The digest of all of the above that rendering reads (renderInputsDigest): a live Work that carries it is kept
   * without rendering. Undefined: every Work is rendered.
   */
  readonly renderedFrom?: string;
}

export interface BindingWorksPlan {
  readonly intents: readonly WorkIntent[];
  /** Override failures by cluster when the Works were rendered; undefined when rendering was not attempted. */
  readonly overrideFailures: readonly ClusterOverrideFailure[] | undefined;
  /** The binding is deleting and every Work it had is cleaned up in its member: its cleanup is complete. */
  readonly cleanedUp: boolean;
}

/**
 * Karmada's binding controller for one binding, as intents about Work subjects:
 * 1. a deleting binding requests the deletion of all its Works and is cleaned up once executor-svc has cleaned up
 *    after every one;
 * 2. Works on clusters the binding no longer keeps (clustersKeepingWorks: targets and clusters being evicted
 *    gracefully) and on Clusters being deleted are deleted;
 * 3. while a Work on a Directly-purged cluster still exists, nothing is rendered (delete before create);
 * 4. one Work per target cluster (spec.clusters ∪ requiredBy clusters) that is known and not being deleted, rendered
 *    with overrides (renderWork). A cluster whose overrides fail keeps its Work as it was; the failure is reported.
 *    A Secret's Works name where its values are (sealedManifestsOf), so new values render them anew.
 * Without a template (or with one of another uid than the binding names) only steps 1-2 run.
 */
export function planBindingWorks(input: BindingWorksInput): BindingWorksPlan {
  const { binding } = input;
  const ref = bindingRefOf(binding);
  const owned = [...input.works.values()].filter((work) => sameOwner(work.owner, bindingOwnerOf(binding)));
  const deleteIntent = (work: KnownWork): WorkIntent => ({ kind: 'delete', key: work.key, binding: ref });

  if (input.deleting) {
    return {
      intents: owned.filter((work) => isLive(work.last)).map(deleteIntent),
      overrideFailures: undefined,
      cleanedUp: owned.every((work) => !isLive(work.last) && cleanedUp(work.report, workIn(work.last).metadata.uid)),
    };
  }

  const keep = clustersKeepingWorks(binding.spec);
  const clusterOf = (work: KnownWork) => clusterOfWork(workIn(work.last)) ?? '';
  const beingDeleted = (name: string) => input.clusters.get(name)?.metadata.deletionTimestamp !== undefined;
  const orphans = owned.filter((work) => isLive(work.last) && (!keep.has(clusterOf(work)) || beingDeleted(clusterOf(work))));
  const intents: WorkIntent[] = orphans.map(deleteIntent);

  const purged = clustersPurgedDirectly(binding.spec);
  const awaitingPurge = owned.some((work) => purged.has(clusterOf(work)) && (isLive(work.last) || !cleanedUp(work.report, workIn(work.last).metadata.uid)));
  const template = input.template;
  const otherTemplate = template !== undefined && !!binding.spec.resource.uid && !!template.metadata.uid && binding.spec.resource.uid !== template.metadata.uid;
  if (awaitingPurge || !template || otherTemplate) return { intents, overrideFailures: undefined, cleanedUp: false };

  const failures: ClusterOverrideFailure[] = [];
  const workName = generateWorkName(template.kind, template.metadata.name ?? '', template.metadata.namespace);
  for (const target of workTargetClusters(binding.spec)) {
    const cluster = input.clusters.get(target.name);
    if (!cluster || beingDeleted(target.name)) continue;
    const key: WorkKey = { namespace: executionSpaceName(target.name), name: workName };
    const known = input.works.get(keyString(key));
    const renderWith = (permanentId: string) => renderWork(template, binding, cluster, { overridePolicies: input.overridePolicies, workPermanentId: permanentId });
    // A render the decision asks for after planning (the inputs rendered here already, so a failure is unexpected).
    const renderLater = (identity: WorkIdentity): Work => {
      const rendered = renderWith(identity.permanentId);
      if (!rendered.ok) throw new Error(`rendering ${keyString(key)} failed on a second pass: ${rendered.error.summary}`);
      return withIdentity(rendered.work, identity);
    };
    const { renderedFrom } = input;
    if (renderedFrom !== undefined && known && isLive(known.last) && (known.last!.data as WorkRenderedData).renderedFrom === renderedFrom) {
      // Rendered from these very inputs (so without an override failure): decideWork keeps it unless the subject's
      // head turns out to be another Work, which is then rendered.
      intents.push({
        kind: 'render',
        key,
        cluster: target.name,
        binding: ref,
        report: known.report,
        renderedFrom,
        sealedManifests: (known.last!.data as WorkRenderedData).sealedManifests ?? [],
        render: renderLater,
      });
      continue;
    }
    const firstId = known && isLive(known.last) ? identityOf(workIn(known.last)).permanentId : '';
    const first = renderWith(firstId);
    if (!first.ok) {
      failures.push({ cluster: target.name, summary: first.error.summary });
      continue;
    }
    intents.push({
      kind: 'render',
      key,
      cluster: target.name,
      binding: ref,
      report: known?.report,
      ...(renderedFrom !== undefined ? { renderedFrom } : {}),
      sealedManifests: sealedManifestsOf(first.work, template, input.templateSealedData),
      render: (identity: WorkIdentity): Work => {
        if (identity.permanentId === firstId) return withIdentity(first.work, identity);
        // A new Work: the render without an id, given its new one.
        if (firstId === '') return withIdentity(withWorkPermanentId(first.work, identity.permanentId), identity);
        return renderLater(identity);
      },
    });
  }
  return { intents, overrideFailures: failures, cleanedUp: false };
}
