import { Inject, Injectable } from '@nestjs/common';
import type { Envelope, Subjects } from '@karmada-ts/contracts';
import type { Cluster, ClusterOverridePolicy, KubeObject } from '@karmada-ts/domain';
import type { Logger } from '@karmada-ts/operability';
import { SERVICE_LOGGER, SUBJECTS } from '@karmada-ts/service-runtime';
import { ReadModelReader, stateKeyString } from '../read-models/read-model.reader.js';
import { keyString, knownResources, ownerKeyString, resourceKey } from '../read-models/read-model-tables.js';
import { HeadAppender } from './head-appender.js';
import { indexKnownWorks } from './known-work.js';
import { namespaceOwner, namespaceWorkKey, planNamespaceWorks } from './plan-namespace-works.js';
import { workSubjectDecision } from './work-subject-decision.js';

/** A Namespace to reconcile, and the event that asked for it. */
export interface NamespaceRequest {
  readonly name: string;
  readonly cause: Envelope;
}

/**
 * Namespace auto-propagation (Karmada's namespace sync controller): the Works that send control-plane Namespaces to
 * every member cluster. A batch of Namespaces is read with one query per read model.
 */
@Injectable()
export class NamespaceSync {
  constructor(
    @Inject(ReadModelReader) private readonly reader: ReadModelReader,
    @Inject(HeadAppender) private readonly appender: HeadAppender,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns how many events were appended. */
  async sync(requests: readonly NamespaceRequest[]): Promise<number> {
    const namespacesKind = resourceKey(knownResources.namespaces);
    const { namespaces, clusters, clusterOverridePolicies, targets, works } = await this.reader.snapshot((reader) => load(reader, requests));
    const decisions = requests.flatMap((request) => {
      const namespaceWorks = works.select(ownerKeyString(namespaceOwner(request.name)), targets.get(request.name) ?? []);
      const plan = planNamespaceWorks({
        name: request.name,
        namespace: namespaces.get(stateKeyString({ kind: namespacesKind, namespace: '', name: request.name }))?.value.object as unknown as KubeObject | undefined,
        clusters,
        clusterOverridePolicies,
        works: namespaceWorks,
      });
      for (const failure of plan.overrideFailures) {
        this.logger.warn({ namespace: request.name, cluster: failure.cluster }, `namespace not propagated: ${failure.summary}`);
      }
      return plan.intents.map((intent) => workSubjectDecision(this.subjects, intent, request.cause, namespaceWorks.get(keyString(intent.key))?.last));
    });
    return this.appender.apply(decisions);
  }
}

/**
 * What a batch of Namespaces needs, read from one snapshot of the read models (see ReadModelReader.snapshot), so a
 * Namespace and the Works rendered for it agree.
 */
async function load(reader: ReadModelReader, requests: readonly NamespaceRequest[]) {
  const namespacesKind = resourceKey(knownResources.namespaces);
  const keys = requests.map((r) => ({ kind: namespacesKind, namespace: '', name: r.name }));
  const [namespaces, clusterStates, policyStates] = await Promise.all([
    reader.templates(keys),
    reader.templatesOfKind(resourceKey(knownResources.clusters)),
    reader.templatesOfKind(resourceKey(knownResources.clusterOverridePolicies)),
  ]);
  const clusters = new Map(clusterStates.map((s) => [s.object.metadata.name ?? '', s.object as unknown as Cluster]));
  const clusterOverridePolicies = policyStates.map((s) => s.object as unknown as ClusterOverridePolicy);
  const targets = new Map(requests.map((r) => [r.name, [...clusters.keys()].map((cluster) => namespaceWorkKey(r.name, cluster))]));
  const [owned, atTargets] = await Promise.all([
    reader.worksOwnedBy(requests.map((r) => namespaceOwner(r.name))),
    reader.worksAt([...targets.values()].flat()),
  ]);
  const rows = [...owned, ...atTargets];
  const works = indexKnownWorks(rows, await reader.workStatuses(rows));
  return { namespaces, clusters, clusterOverridePolicies, targets, works };
}
