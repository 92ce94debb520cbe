import type { KubeObject, Toleration } from '../api/meta.js';
import type { NodeClaim, ReplicaRequirements } from '../api/work.js';
import { BuiltinKind, gvkKey } from './kinds.js';
import { podRequests } from './pod-requests.js';
import { arrayAt, deepCopy, isRecord, numberAt, recordAt, stringAt, stringMapAt, type JsonObject } from './unstructured.js';

/** What InterpretReplica finds in a workload: its replica count and what each replica needs. */
export interface ReplicaInterpretation {
  readonly replicas: number;
  readonly replicaRequirements?: ReplicaRequirements;
}

type ReplicaInterpreter = (object: KubeObject) => ReplicaInterpretation;

/**
 * Replicas of the workloads the API server defaults: an omitted spec.replicas (or Job spec.parallelism) means 1 there,
 * and Karmada reads the defaulted object, so 1 is used here when the field is absent.
 */
const replicaInterpreters: Record<string, ReplicaInterpreter> = {
  [BuiltinKind.Deployment]: (o) => templated(o, numberAt(o, 'spec', 'replicas') ?? 1),
  [BuiltinKind.ReplicaSet]: (o) => templated(o, numberAt(o, 'spec', 'replicas') ?? 1),
  [BuiltinKind.StatefulSet]: (o) => templated(o, numberAt(o, 'spec', 'replicas') ?? 1),
  // A Job never runs more pods at once than it has completions left: higher parallelism is ignored.
  [BuiltinKind.Job]: (o) => {
    const parallelism = numberAt(o, 'spec', 'parallelism') ?? 1;
    return templated(o, Math.min(parallelism, numberAt(o, 'spec', 'completions') ?? parallelism));
  },
  [BuiltinKind.Pod]: (o) => withRequirements(1, replicaRequirements(recordAt(o, 'spec'), o.metadata.namespace)),
};

/** Whether Karmada's default interpreter has InterpretReplica (and ReviseReplica, except for Pod) for this kind. */
export function hasReplicaInterpreter(object: KubeObject): boolean {
  return gvkKey(object) in replicaInterpreters;
}

/** InterpretReplica: undefined for kinds that are not workloads (their bindings carry no replicas). */
export function interpretReplica(object: KubeObject): ReplicaInterpretation | undefined {
  return replicaInterpreters[gvkKey(object)]?.(object);
}

function templated(object: KubeObject, replicas: number): ReplicaInterpretation {
  return withRequirements(replicas, replicaRequirements(recordAt(object, 'spec', 'template', 'spec'), object.metadata.namespace));
}

function withRequirements(replicas: number, requirements: ReplicaRequirements | undefined): ReplicaInterpretation {
  return requirements ? { replicas, replicaRequirements: requirements } : { replicas };
}

/**
 * What one replica of a pod spec needs (Karmada's GenerateReplicaRequirements): its summed resource requests and its
 * node constraints; undefined when it has neither. The namespace and priorityClassName are added when there are
 * requirements, as Karmada does with its ResourceQuotaEstimate gate, for quota-aware scheduling.
 */
export function replicaRequirements(podSpec: JsonObject | undefined, namespace: string | undefined): ReplicaRequirements | undefined {
  const nodeClaim = nodeClaimOf(podSpec);
  const resourceRequest = podRequests(podSpec);
  if (!nodeClaim && !resourceRequest) return undefined;
  const priorityClassName = stringAt(podSpec, 'priorityClassName');
  return {
    ...(nodeClaim ? { nodeClaim } : {}),
    ...(resourceRequest ? { resourceRequest } : {}),
    ...(namespace ? { namespace } : {}),
    ...(priorityClassName ? { priorityClassName } : {}),
  };
}

function nodeClaimOf(podSpec: JsonObject | undefined): NodeClaim | undefined {
  const nodeSelector = stringMapAt(podSpec, 'nodeSelector');
  const tolerations = (arrayAt(podSpec, 'tolerations') ?? []).filter(isRecord) as Toleration[];
  const hardNodeAffinity = recordAt(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
  const claim: NodeClaim = {
    ...(nodeSelector && Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
    ...(tolerations.length > 0 ? { tolerations: deepCopy(tolerations) } : {}),
    ...(hardNodeAffinity ? { hardNodeAffinity: deepCopy(hardNodeAffinity) } : {}),
  };
  return Object.keys(claim).length > 0 ? claim : undefined;
}
