// Builders shared by the scheduling specs (this file holds no tests).
import type { Cluster } from '../api/cluster.js';
import type { ResourceList, Taint } from '../api/meta.js';
import type { ClusterAffinityTerm } from '../api/policy.js';
import type { ResourceBindingSpec, ResourceBindingStatus } from '../api/work.js';
import { withPlacementDefaults } from './binding-facts.js';
import type { CandidateCluster } from './candidate-clusters.js';
import { buildClusterSnapshot, type ClusterView } from './cluster-snapshot.js';
import type { SchedulingContext } from './framework.js';
import { schedulingContext } from './scheduling-context.js';

export interface ClusterOptions {
  labels?: Record<string, string>;
  provider?: string;
  region?: string;
  zones?: string[];
  taints?: Taint[];
  /** Allocatable pods; 110 unless given. */
  pods?: number;
  allocatable?: ResourceList;
  allocated?: ResourceList;
  allocating?: ResourceList;
  /** false: the cluster reports no resourceSummary. */
  summary?: boolean;
  /** Served kinds as "groupVersion/Kind" ("apps/v1/Deployment", "v1/ConfigMap"). */
  apis?: string[];
  completeApis?: boolean;
  deleting?: boolean;
}

const defaultApis = ['apps/v1/Deployment', 'v1/ConfigMap', 'v1/Service', 'batch/v1/Job'];

export function cluster(name: string, options: ClusterOptions = {}): Cluster {
  const byGroupVersion = new Map<string, string[]>();
  for (const api of options.apis ?? defaultApis) {
    const slash = api.lastIndexOf('/');
    const groupVersion = api.slice(0, slash);
    byGroupVersion.set(groupVersion, [...(byGroupVersion.get(groupVersion) ?? []), api.slice(slash + 1)]);
  }
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name, ...(options.labels ? { labels: options.labels } : {}), ...(options.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec: {
      syncMode: 'Push',
      ...(options.provider ? { provider: options.provider } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.zones ? { zones: options.zones } : {}),
      ...(options.taints ? { taints: options.taints } : {}),
    },
    status: {
      apiEnablements: [...byGroupVersion].map(([groupVersion, kinds]) => ({
        groupVersion,
        resources: kinds.map((kind) => ({ name: `${kind.toLowerCase()}s`, kind })),
      })),
      conditions: [
        {
          type: 'CompleteAPIEnablements',
          status: options.completeApis === false ? 'False' : 'True',
          reason: options.completeApis === false ? 'Partial' : 'Complete',
          message: '',
          lastTransitionTime: '2025-01-01T00:00:00Z',
        },
      ],
      ...(options.summary === false
        ? {}
        : {
            resourceSummary: {
              allocatable: { pods: String(options.pods ?? 110), cpu: '64', memory: '256Gi', ...options.allocatable },
              ...(options.allocated ? { allocated: options.allocated } : {}),
              ...(options.allocating ? { allocating: options.allocating } : {}),
            },
          }),
    },
  };
}

export function viewOf(cluster: Cluster): ClusterView {
  return buildClusterSnapshot([cluster]).clusters[0]!;
}

/** A Deployment binding with an empty placement unless overridden. */
export function bindingSpec(overrides: Partial<ResourceBindingSpec> = {}): ResourceBindingSpec {
  return {
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web', uid: '' },
    placement: {},
    ...overrides,
  };
}

export function contextFor(spec: ResourceBindingSpec, status: ResourceBindingStatus = {}, term?: ClusterAffinityTerm): SchedulingContext {
  return schedulingContext(spec, withPlacementDefaults(spec.placement), status, term);
}

export interface CandidateOptions extends ClusterOptions {
  score?: number;
  available?: number;
  allocatableReplicas?: number;
  overflowOrder?: number;
}

/** A selected cluster as selection and assignment see it; allocatable replicas default to the available ones. */
export function candidate(name: string, options: CandidateOptions = {}): CandidateCluster {
  const available = options.available ?? 0;
  return {
    name,
    view: viewOf(cluster(name, options)),
    score: options.score ?? 0,
    overflowOrder: options.overflowOrder ?? 0,
    availableReplicas: available,
    allocatableReplicas: options.allocatableReplicas ?? available,
  };
}
