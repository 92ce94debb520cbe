import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import type { OverridePolicy, PropagationPolicy } from '../api/policy.js';
import type { AnyResourceBinding, ResourceBinding, Work } from '../api/work.js';
import { buildBinding } from '../policy/build-binding.js';
import { mergeWork, withWorkPermanentId } from './work-object.js';
import { conflictResolution, renderWork, shouldSuspendDispatching, type RenderWorkOptions } from './render-work.js';

const member1: Cluster = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'member1' }, spec: { syncMode: 'Push' } };
const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'nginx',
    namespace: 'default',
    uid: 'tpl-uid',
    resourceVersion: '12',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { app: 'nginx', 'propagationpolicy.karmada.io/permanent-id': 'pp-id' },
    annotations: { 'propagationpolicy.karmada.io/name': 'pp', 'propagationpolicy.karmada.io/namespace': 'default' },
    managedFields: [{ manager: 'kubectl' }],
  },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.19' }] } } },
  status: { replicas: 3 },
};
const pp: PropagationPolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'pp', namespace: 'default', labels: { 'propagationpolicy.karmada.io/permanent-id': 'pp-id' } },
  spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] },
};
const binding: ResourceBinding = {
  ...(buildBinding(deployment, pp, { permanentId: 'rb-id' }) as ResourceBinding),
  spec: { ...buildBinding(deployment, pp, { permanentId: 'rb-id' }).spec, clusters: [{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 1 }] },
};
const noPolicies: RenderWorkOptions = { overridePolicies: { clusterOverridePolicies: [], overridePolicies: [] } };

function render(b: AnyResourceBinding = binding, options: RenderWorkOptions = noPolicies, template: KubeObject = deployment): Work {
  const result = renderWork(template, b, member1, options);
  if (!result.ok) throw new Error(result.error.summary);
  return result.work;
}

describe('renderWork', () => {
  it('renders the Work Karmada renders for the sample nginx Deployment', () => {
    expect(render()).to.deep.equal({
      apiVersion: 'work.karmada.io/v1alpha1',
      kind: 'Work',
      metadata: {
        name: 'nginx-687f7fb96f',
        namespace: 'karmada-es-member1',
        labels: { 'resourcebinding.karmada.io/permanent-id': 'rb-id' },
        annotations: {
          'resourcebinding.karmada.io/namespace': 'default',
          'resourcebinding.karmada.io/name': 'nginx-deployment',
          'work.karmada.io/conflict-resolution': 'abort',
        },
        finalizers: ['karmada.io/execution-controller'],
      },
      spec: {
        workload: {
          manifests: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: {
                name: 'nginx',
                namespace: 'default',
                labels: {
                  app: 'nginx',
                  'propagationpolicy.karmada.io/permanent-id': 'pp-id',
                  'resourcebinding.karmada.io/permanent-id': 'rb-id',
                  'karmada.io/managed': 'true',
                },
                annotations: {
                  'propagationpolicy.karmada.io/name': 'pp',
                  'propagationpolicy.karmada.io/namespace': 'default',
                  'resourcetemplate.karmada.io/generation': '3',
                  'resourcebinding.karmada.io/namespace': 'default',
                  'resourcebinding.karmada.io/name': 'nginx-deployment',
                  'resourcetemplate.karmada.io/uid': 'tpl-uid',
                  'work.karmada.io/name': 'nginx-687f7fb96f',
                  'work.karmada.io/namespace': 'karmada-es-member1',
                  'work.karmada.io/conflict-resolution': 'abort',
                  'resourcetemplate.karmada.io/managed-annotations':
                    'propagationpolicy.karmada.io/name,propagationpolicy.karmada.io/namespace,resourcebinding.karmada.io/name,resourcebinding.karmada.io/namespace,resourcetemplate.karmada.io/generation,resourcetemplate.karmada.io/managed-annotations,resourcetemplate.karmada.io/managed-labels,resourcetemplate.karmada.io/uid,work.karmada.io/conflict-resolution,work.karmada.io/name,work.karmada.io/namespace',
                  'resourcetemplate.karmada.io/managed-labels': 'app,karmada.io/managed,propagationpolicy.karmada.io/permanent-id,resourcebinding.karmada.io/permanent-id',
                },
              },
              spec: { replicas: 2, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.19' }] } } },
            },
          ],
        },
        suspendDispatching: false,
        preserveResourcesOnDeletion: false,
      },
    });
  });

  it('writes the scheduler replicas even for Duplicated, and honours an explicit count', () => {
    expect((render(binding, { ...noPolicies, replicas: 0 }).spec.workload.manifests[0]?.spec as { replicas: number }).replicas).to.equal(0);
    const requiredOnly: ResourceBinding = { ...binding, spec: { ...binding.spec, clusters: [], requiredBy: [{ namespace: 'default', name: 'x', clusters: [{ name: 'member1', replicas: 5 }] }] } };
    expect((render(requiredOnly).spec.workload.manifests[0]?.spec as { replicas: number }).replicas).to.equal(5);
  });

  it('applies overrides last, recording them on the Work', () => {
    const op: OverridePolicy = {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'OverridePolicy',
      metadata: { name: 'more', namespace: 'default' },
      spec: { overrideRules: [{ overriders: { plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 9 }] } }] },
    };
    const work = render(binding, { overridePolicies: { clusterOverridePolicies: [], overridePolicies: [op] } });
    expect((work.spec.workload.manifests[0]?.spec as { replicas: number }).replicas).to.equal(9);
    expect(work.metadata.annotations?.['policy.karmada.io/applied-overrides']).to.equal(
      '[{"policyName":"more","overriders":{"plaintext":[{"path":"/spec/replicas","operator":"replace","value":9}]}}]',
    );
  });

  it('returns the override error instead of a Work', () => {
    const op: OverridePolicy = {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'OverridePolicy',
      metadata: { name: 'bad', namespace: 'default' },
      spec: { overrideRules: [{ overriders: { plaintext: [{ path: '/nope/x', operator: 'replace', value: 1 }] } }] },
    };
    const result = renderWork(deployment, binding, member1, { overridePolicies: { clusterOverridePolicies: [], overridePolicies: [op] } });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.error.policy.name).to.equal('bad');
  });

  it('carries suspension, preservation, conflict resolution and the Work id', () => {
    const suspended: ResourceBinding = {
      ...binding,
      spec: { ...binding.spec, suspension: { dispatchingOnClusters: { clusterNames: ['member1'] } }, preserveResourcesOnDeletion: true, conflictResolution: 'Overwrite' },
    };
    const work = render(suspended, { ...noPolicies, workPermanentId: 'work-id' });
    expect(work.spec.suspendDispatching).to.equal(true);
    expect(work.spec.preserveResourcesOnDeletion).to.equal(true);
    expect(work.metadata.annotations?.['work.karmada.io/conflict-resolution']).to.equal('overwrite');
    expect(work.metadata.labels?.['work.karmada.io/permanent-id']).to.equal('work-id');
    expect(work.spec.workload.manifests[0]?.metadata.labels?.['work.karmada.io/permanent-id']).to.equal('work-id');
  });

  it('a ClusterResourceBinding annotates its name only', () => {
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', uid: 'r' } };
    const crb = buildBinding(role, { ...pp, kind: 'ClusterPropagationPolicy', metadata: { name: 'cpp', labels: { 'clusterpropagationpolicy.karmada.io/permanent-id': 'c' } } }, {
      permanentId: 'crb-id',
    });
    const work = render({ ...crb, spec: { ...crb.spec, clusters: [{ name: 'member1' }] } }, noPolicies, role);
    expect(work.metadata.labels).to.deep.equal({ 'clusterresourcebinding.karmada.io/permanent-id': 'crb-id' });
    expect(work.metadata.annotations).to.deep.equal({ 'clusterresourcebinding.karmada.io/name': 'reader-clusterrole', 'work.karmada.io/conflict-resolution': 'abort' });
    expect(work.metadata.name).to.match(/^reader-[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  it('splits a Divided Job\'s completions by the parallelism each cluster got, unless given', () => {
    const job = (spec: Record<string, unknown>): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: 'default', uid: 'job-uid' },
      spec: { parallelism: 4, template: { spec: { containers: [{ name: 'c' }] } }, ...spec },
    });
    const divided: PropagationPolicy = { ...pp, spec: { ...pp.spec, placement: { replicaScheduling: { replicaSchedulingType: 'Divided' } } } };
    const jobBinding = (template: KubeObject, policy: PropagationPolicy): ResourceBinding => {
      const built = buildBinding(template, policy, { permanentId: 'j' }) as ResourceBinding;
      return { ...built, spec: { ...built.spec, clusters: [{ name: 'member1', replicas: 3 }, { name: 'member2', replicas: 1 }] } };
    };
    const manifestSpec = (template: KubeObject, policy: PropagationPolicy, options: RenderWorkOptions = noPolicies) =>
      render(jobBinding(template, policy), options, template).spec.workload.manifests[0]?.spec;
    expect(manifestSpec(job({ completions: 8 }), divided)).to.deep.include({ parallelism: 3, completions: 6 });
    expect(manifestSpec(job({ completions: 8 }), divided, { ...noPolicies, jobCompletions: 2 })).to.deep.include({ parallelism: 3, completions: 2 });
    expect(manifestSpec(job({ completions: 8 }), pp)).to.deep.include({ parallelism: 3, completions: 8 });
    expect(manifestSpec(job({}), divided)).to.not.have.property('completions');
  });
});

describe('withWorkPermanentId', () => {
  const withOwnKeys: KubeObject = {
    ...deployment,
    metadata: {
      ...deployment.metadata,
      labels: { 'work.karmada.io/permanent-id': 'stale', ...deployment.metadata.labels },
      annotations: { 'resourcetemplate.karmada.io/managed-labels': 'x', ...deployment.metadata.annotations },
    },
  };
  const labelling: OverridePolicy = {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'OverridePolicy',
    metadata: { name: 'labels', namespace: 'default' },
    spec: { overrideRules: [{ overriders: { labelsOverrider: [{ operator: 'add', value: { tier: 'web' } }] } }] },
  };
  const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default', uid: 'cm-uid' }, data: { a: 'b' } };
  const cases: { name: string; template: KubeObject; options?: RenderWorkOptions }[] = [
    { name: 'the sample Deployment', template: deployment },
    { name: 'a template with its own permanent-id label and managed-labels annotation', template: withOwnKeys },
    { name: 'a template whose overrides add labels', template: deployment, options: { overridePolicies: { clusterOverridePolicies: [], overridePolicies: [labelling] } } },
    { name: 'a ConfigMap without labels or annotations', template: configMap },
  ];
  for (const c of cases) {
    it(`gives byte for byte what rendering with the id gives: ${c.name}`, () => {
      const options = c.options ?? noPolicies;
      const given = withWorkPermanentId(render(binding, options, c.template), 'work-id');
      expect(JSON.stringify(given)).to.equal(JSON.stringify(render(binding, { ...options, workPermanentId: 'work-id' }, c.template)));
    });
  }

  it('leaves the Work it is given alone', () => {
    const work = render();
    const before = JSON.stringify(work);
    withWorkPermanentId(work, 'work-id');
    expect(JSON.stringify(work)).to.equal(before);
  });
});

describe('renderWork and mergeWork leave their inputs alone', () => {
  it('the template is unchanged, and changing the manifest does not reach it', () => {
    const template = JSON.parse(JSON.stringify(deployment)) as KubeObject;
    const work = render(binding, noPolicies, template);
    expect(template).to.deep.equal(deployment);
    const manifest = work.spec.workload.manifests[0]!;
    (manifest.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = 'changed';
    manifest.metadata.labels!['app'] = 'changed';
    expect(template).to.deep.equal(deployment);
  });

  it('the merged Work shares nothing with the existing Work, nor its metadata and spec fields with the desired one', () => {
    const existing = render(binding, { ...noPolicies, workPermanentId: 'old-id' });
    const desired = render(binding, { ...noPolicies, replicas: 7 });
    const [existingCopy, desiredCopy] = [JSON.parse(JSON.stringify(existing)) as Work, JSON.parse(JSON.stringify(desired)) as Work];
    const merged = mergeWork(existing, desired);
    merged.metadata.finalizers!.push('changed');
    merged.metadata.annotations!['changed'] = 'yes';
    (merged.spec as { suspendDispatching?: boolean }).suspendDispatching = !desired.spec.suspendDispatching;
    (merged.spec.workload.manifests[0]!.spec as { replicas: number }).replicas = 99;
    expect(existing).to.deep.equal(existingCopy);
    expect(desired.metadata).to.deep.equal(desiredCopy.metadata);
    expect(desired.spec.suspendDispatching).to.equal(desiredCopy.spec.suspendDispatching);
  });
});

describe('conflictResolution / shouldSuspendDispatching', () => {
  const withAnnotation = (value: string): KubeObject => ({ ...deployment, metadata: { ...deployment.metadata, annotations: { 'work.karmada.io/conflict-resolution': value } } });
  const cases: [KubeObject, 'Abort' | 'Overwrite' | undefined, string][] = [
    [deployment, undefined, 'abort'],
    [deployment, 'Overwrite', 'overwrite'],
    [withAnnotation('abort'), 'Overwrite', 'abort'],
    [withAnnotation('overwrite'), 'Abort', 'overwrite'],
    [withAnnotation('bogus'), 'Overwrite', 'overwrite'],
  ];
  for (const [template, setting, want] of cases) {
    it(`${template.metadata.annotations?.['work.karmada.io/conflict-resolution'] ?? 'no annotation'} + ${setting} → ${want}`, () =>
      expect(conflictResolution(template, { ...binding.spec, ...(setting ? { conflictResolution: setting } : {}) })).to.equal(want));
  }
  it('suspends all clusters or the listed ones', () => {
    expect(shouldSuspendDispatching({ ...binding.spec, suspension: { dispatching: true } }, 'x')).to.equal(true);
    expect(shouldSuspendDispatching({ ...binding.spec, suspension: { dispatchingOnClusters: { clusterNames: ['a'] } } }, 'b')).to.equal(false);
    expect(shouldSuspendDispatching(binding.spec, 'a')).to.equal(false);
  });
});

describe('mergeWork', () => {
  it('keeps the existing Work id, merges metadata and replaces the spec', () => {
    const existing = render(binding, { ...noPolicies, workPermanentId: 'old-id' });
    const existingWithExtra: Work = { ...existing, metadata: { ...existing.metadata, uid: 'w-uid', labels: { ...existing.metadata.labels, extra: 'x' } } };
    const desired = render(binding, { ...noPolicies, replicas: 7 });
    const merged = mergeWork(existingWithExtra, desired);
    expect(merged.metadata.uid).to.equal('w-uid');
    expect(merged.metadata.labels).to.deep.equal({ 'resourcebinding.karmada.io/permanent-id': 'rb-id', extra: 'x', 'work.karmada.io/permanent-id': 'old-id' });
    const manifest = merged.spec.workload.manifests[0];
    expect((manifest?.spec as { replicas: number }).replicas).to.equal(7);
    expect(manifest?.metadata.labels?.['work.karmada.io/permanent-id']).to.equal('old-id');
    expect(manifest?.metadata.annotations?.['resourcetemplate.karmada.io/managed-labels']).to.include('work.karmada.io/permanent-id');
  });
});
