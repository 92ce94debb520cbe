import { isJsonObject, type JsonObject, type KubeObject } from '@karmada-ts/kube';

/** Workload status documents the simulated controllers write (pure; the time is passed in). */
export interface PodCounts {
  total: number;
  ready: number;
}

function previousConditions(object: KubeObject): JsonObject[] {
  const st = isJsonObject(object['status']) ? object['status'] : {};
  return Array.isArray(st['conditions']) ? st['conditions'].filter(isJsonObject) : [];
}

/** A condition that keeps its timestamps while its status, reason and message stay the same. */
function condition(object: KubeObject, type: string, status: string, reason: string, message: string, now: string, withUpdateTime: boolean): JsonObject {
  const before = previousConditions(object).find((c) => c['type'] === type);
  const same = before && before['status'] === status && before['reason'] === reason && before['message'] === message;
  const transitioned = before && before['status'] === status ? before['lastTransitionTime'] : now;
  const c: JsonObject = { type, status, lastTransitionTime: same ? before['lastTransitionTime'] : transitioned, reason, message };
  if (withUpdateTime) c['lastUpdateTime'] = same ? (before['lastUpdateTime'] ?? now) : now;
  return c;
}

export function replicasOf(object: KubeObject): number {
  const spec = isJsonObject(object['spec']) ? object['spec'] : {};
  return typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
}

export function replicaSetStatus(rs: KubeObject, pods: PodCounts): JsonObject {
  const status: JsonObject = { replicas: pods.total, fullyLabeledReplicas: pods.total, observedGeneration: rs.metadata.generation ?? 1 };
  if (pods.ready > 0) {
    status['readyReplicas'] = pods.ready;
    status['availableReplicas'] = pods.ready;
  }
  return status;
}

export interface DeploymentCounts {
  replicas: number;
  updated: number;
  ready: number;
  available: number;
  newReplicaSetName: string;
}

export function deploymentStatus(deploy: KubeObject, counts: DeploymentCounts, now: string): JsonObject {
  const desired = replicasOf(deploy);
  const complete = counts.updated === desired && counts.replicas === desired && counts.available === desired;
  const available = counts.available >= desired || desired === 0;
  const status: JsonObject = {
    observedGeneration: deploy.metadata.generation ?? 1,
    replicas: counts.replicas,
    updatedReplicas: counts.updated,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
  };
  for (const key of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas'] as const) if (status[key] === 0) delete status[key];
  const unavailable = Math.max(0, desired - counts.available);
  if (unavailable > 0) status['unavailableReplicas'] = unavailable;
  status['conditions'] = [
    available
      ? condition(deploy, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now, true)
      : condition(deploy, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now, true),
    complete
      ? condition(deploy, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${counts.newReplicaSetName}" has successfully progressed.`, now, true)
      : condition(deploy, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${counts.newReplicaSetName}" is progressing.`, now, true),
  ];
  return status;
}

export function statefulSetStatus(sts: KubeObject, pods: PodCounts & { updated: number }, revision: string): JsonObject {
  const status: JsonObject = {
    observedGeneration: sts.metadata.generation ?? 1,
    replicas: pods.total,
    readyReplicas: pods.ready,
    currentReplicas: pods.updated,
    updatedReplicas: pods.updated,
    availableReplicas: pods.ready,
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
  return status;
}

export function daemonSetStatus(ds: KubeObject, desired: number, pods: PodCounts): JsonObject {
  const status: JsonObject = {
    observedGeneration: ds.metadata.generation ?? 1,
    desiredNumberScheduled: desired,
    currentNumberScheduled: pods.total,
    numberMisscheduled: 0,
    numberReady: pods.ready,
    updatedNumberScheduled: pods.total,
    numberAvailable: pods.ready,
  };
  if (desired - pods.ready > 0) status['numberUnavailable'] = desired - pods.ready;
  return status;
}

export interface JobCounts {
  active: number;
  ready: number;
  succeeded: number;
  completions: number;
}

export function jobStatus(job: KubeObject, counts: JobCounts, now: string): JsonObject {
  const previous = isJsonObject(job['status']) ? job['status'] : {};
  const status: JsonObject = { startTime: previous['startTime'] ?? now, ready: counts.ready, terminating: 0, uncountedTerminatedPods: {} };
  if (counts.active > 0) status['active'] = counts.active;
  if (counts.succeeded > 0) status['succeeded'] = counts.succeeded;
  if (counts.succeeded >= counts.completions) {
    status['completionTime'] = previous['completionTime'] ?? now;
    status['conditions'] = [
      condition(job, 'SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now, false),
      condition(job, 'Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now, false),
    ].map((c) => ({ ...c, lastProbeTime: c['lastTransitionTime'] }));
  }
  return status;
}
