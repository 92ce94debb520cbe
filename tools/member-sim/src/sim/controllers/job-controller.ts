import { podPhase } from '../pod-status.js';
import { controllerRef, resources, type SimContext } from '../sim-context.js';
import { jobStatus } from '../workload-status.js';
import { activePods, countReady, podFromTemplate, specOf, templateOf } from './helpers.js';

/** Job → pods up to parallelism until `completions` pods have succeeded (simulated pods succeed after running). */
export async function reconcileJob(ctx: SimContext, namespace: string, name: string): Promise<void> {
  const job = ctx.peek(resources.jobs, namespace, name);
  if (!job || job.metadata.deletionTimestamp) return;
  const spec = specOf(job);
  const parallelism = typeof spec['parallelism'] === 'number' ? spec['parallelism'] : 1;
  const completions = typeof spec['completions'] === 'number' ? spec['completions'] : parallelism;
  const pods = ctx.owned(job, resources.pods);
  const succeeded = pods.filter((p) => podPhase(p) === 'Succeeded').length;
  const active = activePods(pods);
  const wanted = spec['suspend'] === true ? 0 : Math.max(0, Math.min(parallelism, completions - succeeded));
  const uid = job.metadata.uid ?? '';
  for (let i = active.length; i < wanted; i++) {
    const pod = podFromTemplate(job, templateOf(job), { generateName: `${name}-`, ownerReferences: [controllerRef(job)] });
    pod.metadata.labels = { ...pod.metadata.labels, 'batch.kubernetes.io/job-name': name, 'job-name': name, 'batch.kubernetes.io/controller-uid': uid, 'controller-uid': uid };
    await ctx.create(resources.pods, pod);
  }
  const fresh = ctx.peek(resources.jobs, namespace, name);
  if (!fresh) return;
  const now = ctx.owned(fresh, resources.pods);
  const running = activePods(now);
  const done = now.filter((p) => podPhase(p) === 'Succeeded').length;
  await ctx.writeStatus(resources.jobs, fresh, jobStatus(fresh, { active: running.length, ready: countReady(running), succeeded: done, completions }, ctx.now()));
}
