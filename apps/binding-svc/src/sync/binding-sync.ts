import { Inject, Injectable } from '@nestjs/common';
import { contentDigest, type Envelope, type Subjects, type TemplateRefJson } from '@karmada-ts/contracts';
import {
  aggregatedStatusItems,
  executionSpaceName,
  generateWorkName,
  groupOf,
  workTargetClusters,
  type AnyResourceBinding,
  type Cluster,
  type ClusterOverridePolicy,
  type KubeObject,
  type OverridePolicies,
  type OverridePolicy,
} from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { StateKey } from '@karmada-ts/projections';
import { KeyedSerializer, SUBJECTS } from '@karmada-ts/service-runtime';
import { ReadModelReader, stateKeyString, type ResourceKinds, type WorkManifests, type WorkRow } from '../read-models/read-model.reader.js';
import {
  keyString,
  knownResources,
  ownerKeyString,
  resourceKey,
  type BindingKey,
  type LastEvent,
  type TemplateState,
  type WorkKey,
  type WorkOwner,
} from '../read-models/read-model-tables.js';
import { bindingOwnerOf, bindingRefOf, scheduledBinding } from './binding-ref.js';
import { HeadAppender } from './head-appender.js';
import { LatestReconciles } from './latest-reconciles.js';
import { SeenInputs, type BindingInput, type InputSequences } from './seen-inputs.js';
import { indexKnownWorks, type KnownWork } from './known-work.js';
import { cleanupVerdict, type CleanupVerdict } from './cleanup-verdict.js';
import { planBindingWorks, type BindingWorksPlan } from './plan-binding-works.js';
import { DigestMemo, renderInputsDigest } from './render-inputs.js';
import { decideBindingCleanedUp, decideBindingStatus, decideTemplateStatus } from './status-decisions.js';
import { worksForStatus } from './status-works.js';
import type { SubjectDecision } from './subject-decision.js';
import { workSubjectDecision } from './work-subject-decision.js';

/** A binding to reconcile, and the event that asked for it. */
export interface BindingRequest {
  readonly key: BindingKey;
  readonly cause: StoredEvent;
  /**
   * `works`: its Works and everything else; `status`: only its status and its template's, for events that cannot
   * change its Works (a member's status report, binding-svc's own status events).
   */
  readonly scope: 'works' | 'status';
  /** The binding's own input whose event the cause is, if it is one (see SeenInputs). */
  readonly input?: BindingInput;
}

/** Everything the read models know that one binding's reconcile needs. */
interface BindingSnapshot {
  readonly cause: Envelope;
  readonly scope: BindingRequest['scope'];
  readonly key: BindingKey;
  readonly binding: AnyResourceBinding;
  readonly deleting: boolean;
  readonly template: TemplateState | undefined;
  /** The sequences of the binding's own input rows it was read from. */
  readonly inputs: InputSequences;
  /** The template as its resource names it, for BindingCleanedUp (undefined while its kind is unknown). */
  readonly templateRef: TemplateRefJson | undefined;
  /** The Works it owns and those on its target subjects, by keyString of their subject. */
  readonly works: ReadonlyMap<string, KnownWork>;
  readonly bindingStatus: LastEvent | undefined;
  readonly templateStatus: LastEvent | undefined;
}

/** What every binding of a batch shares (empty when no binding of the batch is rendered). */
interface SharedState {
  readonly clusters: ReadonlyMap<string, Cluster>;
  readonly overridePolicies: OverridePolicies;
  /** Digest of every Cluster and ClusterOverridePolicy, for renderedFrom. */
  readonly digest: string;
  /** Digests of the OverridePolicies of each namespace of the batch, for renderedFrom (absent: there are none). */
  readonly namespacePolicyDigests: ReadonlyMap<string, string>;
}

/** The namespace policy digest of a namespace without OverridePolicies. */
const noPoliciesDigest = contentDigest([]);

/**
 * Reconciles bindings (Karmada's binding controller and binding-status controller): their Works, their status,
 * their template's status, and the end of a deleting binding's cleanup. A batch of bindings is read with one query
 * per read model; the decisions go through the HeadAppender. A binding is in one reconcile at a time in this process
 * (its consumers reconcile side by side), and each reads its snapshot once the previous one has appended, so later
 * decisions never rest on older inputs than earlier ones (what HeadAppender.settled relies on). A request caused by an
 * event of the binding's own inputs that a completed reconcile of its Works has already read is dropped (SeenInputs).
 */
@Injectable()
export class BindingSync {
  private readonly digests = new DigestMemo();
  private readonly reconciles = new LatestReconciles();
  private readonly seenInputs = new SeenInputs();

  constructor(
    @Inject(ReadModelReader) private readonly reader: ReadModelReader,
    @Inject(HeadAppender) private readonly appender: HeadAppender,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(KeyedSerializer) private readonly reconciling: KeyedSerializer,
  ) {}

  /** Returns how many events were appended. */
  sync(requests: readonly BindingRequest[]): Promise<number> {
    return this.reconciling.runExclusive(
      requests.map((request) => keyString(request.key)),
      () => this.syncNow(requests.filter((request) => !this.seenInputs.covers(keyString(request.key), request.input, request.cause.seq))),
    );
  }

  /**
   * Whether a Work event of this binding, come back through the read model, needs the binding reconciled again to
   * confirm it: unless the binding's latest reconcile made a settled decision on the Work's subject (see
   * LatestReconciles).
   */
  needsConfirmation(binding: BindingKey, workSubject: string): boolean {
    return !this.reconciles.isLatest(keyString(binding), this.appender.decidedBy(workSubject));
  }

  private async syncNow(requests: readonly BindingRequest[]): Promise<number> {
    if (requests.length === 0) return 0;
    const reconcile = this.reconciles.begin(requests.map((request) => keyString(request.key)));
    const { snapshots, shared } = await this.load(requests);
    const planned = snapshots.map((snapshot) => ({
      snapshot,
      plan:
        snapshot.scope === 'works'
          ? planBindingWorks({
              ...shared,
              binding: snapshot.binding,
              deleting: snapshot.deleting,
              template: snapshot.template?.object as unknown as KubeObject | undefined,
              templateSealedData: snapshot.template?.sealedData,
              works: snapshot.works,
              renderedFrom: renderedFromOf(snapshot, shared),
            })
          : statusOnly,
    }));
    const verdicts = await this.verifyCleanups(
      planned.filter((p) => p.snapshot.deleting && p.plan.cleanedUp).map((p) => p.snapshot),
      shared.clusters,
    );
    const appended = await this.appender.apply(
      planned.flatMap(({ snapshot, plan }) => this.decisions(snapshot, plan, verdicts.get(keyString(snapshot.key)))),
      reconcile,
    );
    for (const snapshot of snapshots) if (snapshot.scope === 'works') this.seenInputs.record(keyString(snapshot.key), snapshot.inputs);
    return appended;
  }

  /**
   * Checks the read models' "every Work is cleaned up" against the stream (see cleanupVerdict): the binding's Work
   * subject in every cluster, and executor-svc's report on it.
   */
  private async verifyCleanups(snapshots: readonly BindingSnapshot[], clusters: ReadonlyMap<string, Cluster>): Promise<Map<string, CleanupVerdict>> {
    const candidates = snapshots.map((snapshot) => {
      const { kind, name, namespace } = snapshot.binding.spec.resource;
      const workName = generateWorkName(kind, name, namespace);
      const spaces = new Set([...clusters.keys()].map(executionSpaceName));
      for (const work of snapshot.works.values()) spaces.add(work.key.namespace);
      return { snapshot, keys: [...spaces].map((space) => ({ namespace: space, name: workName })) };
    });
    const keys = candidates.flatMap((c) => c.keys);
    const heads = await this.appender.readHeads(keys.flatMap((k) => [this.subjects.work(k.namespace, k.name), this.subjects.workStatus(k.namespace, k.name)]));
    const verdicts = new Map<string, CleanupVerdict>();
    let index = 0;
    for (const { snapshot, keys: own } of candidates) {
      const read = own.map((key) => ({ key, head: heads[index++], report: heads[index++] }));
      verdicts.set(keyString(snapshot.key), cleanupVerdict(bindingRefOf(snapshot.binding), read));
    }
    return verdicts;
  }

  /** Reads everything the requests need from one snapshot of the read models (see ReadModelReader.snapshot). */
  private load(requests: readonly BindingRequest[]): Promise<{ snapshots: BindingSnapshot[]; shared: SharedState }> {
    return this.reader.snapshot((reader) => this.loadFrom(reader, requests));
  }

  private async loadFrom(reader: ReadModelReader, requests: readonly BindingRequest[]): Promise<{ snapshots: BindingSnapshot[]; shared: SharedState }> {
    const keys = requests.map((r) => r.key);
    // Clusters and override policies serve rendering and cleanup only: a chunk of status reconciles does not read them
    // (every Cluster, with its status, at each report of a member otherwise).
    const rendering = requests.some((r) => r.scope === 'works');
    const [upserts, placements, kinds, clusterStates, clusterPolicyStates] = await Promise.all([
      reader.bindings(keys),
      reader.placements(keys),
      reader.resourceKinds(),
      rendering ? reader.templatesOfKind(resourceKey(knownResources.clusters)) : [],
      rendering ? reader.templatesOfKind(resourceKey(knownResources.clusterOverridePolicies)) : [],
    ]);
    const found = requests.flatMap((request) => {
      const upserted = upserts.get(keyString(request.key));
      if (!upserted) return [];
      const placement = placements.get(keyString(request.key));
      const binding = scheduledBinding(upserted.value, placement?.value);
      const deleting = upserted.value.deleting === true;
      const templateRef = templateRefOf(binding, kinds);
      const templateKey = templateRef && { kind: resourceKey(templateRef.resource), namespace: templateRef.namespace ?? '', name: templateRef.name };
      const rows = { binding: upserted.seq, placement: placement?.seq ?? 0 };
      return [{ request, binding, deleting, templateRef, templateKey, rows, targets: deleting ? [] : targetWorkKeys(binding) }];
    });
    const templateKeys = found.flatMap((b) => (b.templateKey ? [b.templateKey] : []));
    const namespaces = [...new Set(found.flatMap((b) => b.binding.spec.resource.namespace ?? []))];
    const [templates, policyStates, rows, bindingStatuses, templateStatuses] = await Promise.all([
      reader.templates(templateKeys),
      rendering && namespaces.length > 0 ? reader.templatesOfKind(resourceKey(knownResources.overridePolicies), namespaces) : [],
      // Status reconciles read of each manifest only what names it (WorkManifests).
      worksOwnedOrAt(reader, found.map((b) => bindingOwnerOf(b.binding)), found.flatMap((b) => b.targets), rendering ? 'whole' : 'identities'),
      reader.bindingStatuses(keys),
      reader.templateStatuses(templateKeys),
    ]);
    const works = indexKnownWorks(rows, await reader.workStatuses(rows));
    const overridePolicies = policyStates.map((s) => s.object as unknown as OverridePolicy);
    const templateOf = (key: StateKey | undefined) => (key ? templates.get(stateKeyString(key)) : undefined);
    return {
      snapshots: found.map((b) => {
        const template = templateOf(b.templateKey);
        return {
          cause: b.request.cause,
          scope: b.request.scope,
          key: b.request.key,
          binding: b.binding,
          deleting: b.deleting,
          template: template?.value,
          inputs: { ...b.rows, template: template?.seq ?? 0 },
          templateRef: b.templateRef,
          works: works.select(ownerKeyString(bindingOwnerOf(b.binding)), b.targets),
          bindingStatus: bindingStatuses.get(keyString(b.request.key)),
          templateStatus: b.templateKey ? templateStatuses.get(stateKeyString(b.templateKey)) : undefined,
        };
      }),
      shared: {
        clusters: new Map(clusterStates.map((s) => [s.object.metadata.name ?? '', s.object as unknown as Cluster])),
        overridePolicies: {
          clusterOverridePolicies: clusterPolicyStates.map((s) => s.object as unknown as ClusterOverridePolicy),
          overridePolicies,
        },
        digest: `${this.digests.of(clusterStates)}.${this.digests.of(clusterPolicyStates)}`,
        namespacePolicyDigests: digestsByNamespace(overridePolicies),
      },
    };
  }

  private decisions(snapshot: BindingSnapshot, plan: BindingWorksPlan, cleanup: CleanupVerdict | undefined): SubjectDecision[] {
    const { binding, cause, key } = snapshot;
    const template = snapshot.template?.object as unknown as KubeObject | undefined;
    const decisions = plan.intents.map((intent) => workSubjectDecision(this.subjects, intent, cause, snapshot.works.get(keyString(intent.key))?.last));
    const statusSubject = this.subjects.bindingStatus(key.namespace || undefined, key.name);
    const known = snapshot.bindingStatus;
    if (snapshot.deleting) {
      const ref = bindingRefOf(binding);
      for (const live of cleanup?.live ?? []) decisions.push(workSubjectDecision(this.subjects, { kind: 'delete', key: live.key, binding: ref }, cause, live.head));
      const templateRef = snapshot.templateRef;
      if (cleanup?.clean && templateRef) decisions.push({ subject: statusSubject, cause, known, decide: (head) => decideBindingCleanedUp(binding, templateRef, head) });
      return decisions;
    }
    const now = cause.time;
    const works = worksForStatus(snapshot.works, bindingOwnerOf(binding), plan.intents);
    const overrideFailures = plan.overrideFailures;
    decisions.push({ subject: statusSubject, cause, known, decide: (head) => decideBindingStatus({ binding, works, overrideFailures, now }, head) });
    if (template && snapshot.template) {
      const resource = { group: snapshot.template.resource.group, resource: snapshot.template.resource.resource };
      const items = aggregatedStatusItems(binding, works);
      decisions.push({
        subject: this.subjects.templateStatus(resource, template.metadata.namespace, template.metadata.name ?? ''),
        cause,
        known: snapshot.templateStatus,
        decide: (head) => decideTemplateStatus({ template, resource, items, now }, head),
      });
    }
    return decisions;
  }
}

/** What a binding's Works are rendered from, as a digest (renderInputsDigest); undefined when nothing is rendered. */
function renderedFromOf(snapshot: BindingSnapshot, shared: SharedState): string | undefined {
  if (snapshot.deleting || !snapshot.template) return undefined;
  return renderInputsDigest({
    template: snapshot.template.object as unknown as KubeObject,
    templateSealedData: snapshot.template.sealedData,
    binding: snapshot.binding,
    sharedDigest: shared.digest,
    namespacePoliciesDigest: shared.namespacePolicyDigests.get(snapshot.binding.metadata.namespace ?? '') ?? noPoliciesDigest,
  });
}

/** The digest of each namespace's OverridePolicies. */
function digestsByNamespace(policies: readonly OverridePolicy[]): Map<string, string> {
  const byNamespace = new Map<string, OverridePolicy[]>();
  for (const policy of policies) {
    const namespace = policy.metadata.namespace ?? '';
    const inNamespace = byNamespace.get(namespace);
    if (inNamespace) inNamespace.push(policy);
    else byNamespace.set(namespace, [policy]);
  }
  return new Map([...byNamespace].map(([namespace, inNamespace]) => [namespace, contentDigest(inNamespace)]));
}

/** The plan of a reconcile that leaves the Works alone: nothing about them, nothing about overrides. */
const statusOnly: BindingWorksPlan = { intents: [], overrideFailures: undefined, cleanedUp: false };

/** The template a binding names, with its plural resource name (learned from template events). */
function templateRefOf(binding: AnyResourceBinding, kinds: ResourceKinds): TemplateRefJson | undefined {
  const { apiVersion, kind, namespace, name, uid } = binding.spec.resource;
  const group = groupOf(apiVersion);
  const plural = kinds.pluralOf.get(`${group}/${kind}`);
  if (!plural) return undefined;
  return { resource: { group, resource: plural }, apiVersion, kind, ...(namespace ? { namespace } : {}), name, uid: uid ?? '' };
}

/**
 * The Works the owners own, and those on the target subjects: the targets are mostly the owners' own Works, so only
 * the ones not among those are read again.
 */
async function worksOwnedOrAt(reader: ReadModelReader, owners: readonly WorkOwner[], targets: readonly WorkKey[], manifests: WorkManifests): Promise<WorkRow[]> {
  const owned = await reader.worksOwnedBy(owners, manifests);
  const read = new Set(owned.map(keyString));
  return [...owned, ...(await reader.worksAt(targets.filter((key) => !read.has(keyString(key))), manifests))];
}

/** The Work subjects of a binding's target clusters (one Work name per template, one namespace per cluster). */
function targetWorkKeys(binding: AnyResourceBinding): WorkKey[] {
  const { kind, name, namespace } = binding.spec.resource;
  const workName = generateWorkName(kind, name, namespace);
  return workTargetClusters(binding.spec).map((target) => ({ namespace: executionSpaceName(target.name), name: workName }));
}
