import type { KubeObject } from '@karmada-ts/kube';
import { controllerRef, resources, type SimContext } from '../sim-context.js';
import { deploymentStatus, replicasOf } from '../workload-status.js';
import { obj, specOf, templateOf } from './helpers.js';

const revisionAnnotation = 'deployment.kubernetes.io/revision';

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[revisionAnnotation] ?? 0) || 0;
}

function statusNumber(object: KubeObject, field: string): number {
  const value = obj(object['status'])[field];
  return typeof value === 'number' ? value : 0;
}

/**
 * Deployment → ReplicaSets: one ReplicaSet per pod template (named by its hash) scaled to the desired replicas,
 * older ones scaled to zero at once; status sums the ReplicaSets so `kubectl rollout status` completes.
 */
export async function reconcileDeployment(ctx: SimContext, namespace: string, name: string): Promise<void> {
  const deploy = ctx.peek(resources.deployments, namespace, name);
  if (!deploy || deploy.metadata.deletionTimestamp) return;
  const template = templateOf(deploy);
  const hash = ctx.templateHashOf(deploy, template);
  const desired = specOf(deploy)['paused'] === true ? undefined : replicasOf(deploy);
  const owned = ctx.owned(deploy, resources.replicasets);
  const current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const newName = `${name}-${hash}`;
  if (desired !== undefined) {
    if (!current) {
      const selector = obj(specOf(deploy)['selector']);
      const templateMeta = obj(template['metadata']);
      const labels = { ...(obj(templateMeta['labels']) as Record<string, string>), 'pod-template-hash': hash };
      const revision = Math.max(0, ...owned.map(revisionOf)) + 1;
      await ctx.create(resources.replicasets, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: newName,
          namespace,
          labels,
          annotations: { 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + 1), [revisionAnnotation]: String(revision) },
          ownerReferences: [controllerRef(deploy)],
        },
        spec: {
          replicas: desired,
          selector: { ...selector, matchLabels: { ...obj(selector['matchLabels']), 'pod-template-hash': hash } },
          template: { ...template, metadata: { ...templateMeta, labels } },
        },
      });
    } else if (replicasOf(current) !== desired) {
      await ctx.update(resources.replicasets, {
        ...current,
        metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(desired) } },
        spec: { ...specOf(current), replicas: desired },
      });
    }
    for (const old of owned) {
      if (old !== current && replicasOf(old) !== 0) await ctx.update(resources.replicasets, { ...old, spec: { ...specOf(old), replicas: 0 } });
    }
  }
  const fresh = ctx.peek(resources.deployments, namespace, name);
  if (!fresh) return;
  const all = ctx.owned(fresh, resources.replicasets);
  const newest = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const sum = (field: string): number => all.reduce((total, rs) => total + statusNumber(rs, field), 0);
  const status = deploymentStatus(
    fresh,
    { replicas: sum('replicas'), updated: newest ? statusNumber(newest, 'replicas') : 0, ready: sum('readyReplicas'), available: sum('availableReplicas'), newReplicaSetName: newName },
    ctx.now(),
  );
  await ctx.writeStatus(resources.deployments, fresh, status);
}
