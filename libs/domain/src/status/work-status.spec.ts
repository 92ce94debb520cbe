import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { Work } from '../api/work.js';
import { manifestStatusOf, withManifestStatus, withWorkCondition, workAppliedCondition, workDispatchingCondition, type ManifestApplyOutcome } from './work-status.js';

const manifest: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default' }, spec: { replicas: 2 } };
const work: Work = {
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: { name: 'nginx-687f7fb96f', namespace: 'karmada-es-member1' },
  spec: { workload: { manifests: [manifest] } },
};

describe('workAppliedCondition', () => {
  const cases: { name: string; outcomes: ManifestApplyOutcome[]; want: { status: string; reason: string; message: string } }[] = [
    { name: 'all applied', outcomes: [{}], want: { status: 'True', reason: 'AppliedSuccessful', message: 'Manifest has been successfully applied' } },
    { name: 'one failure', outcomes: [{ error: 'conflict' }], want: { status: 'False', reason: 'AppliedFailed', message: 'Failed to apply all manifests (0/1): conflict' } },
    {
      name: 'several failures, aggregated like Go',
      outcomes: [{}, { error: 'a' }, { error: 'b' }, { error: 'a' }],
      want: { status: 'False', reason: 'AppliedFailed', message: 'Failed to apply all manifests (1/4): [a, b]' },
    },
  ];
  for (const c of cases) it(c.name, () => expect(workAppliedCondition(c.outcomes)).to.deep.equal({ type: 'Applied', ...c.want }));

  it('is recorded with setCondition semantics', () => {
    const once = withWorkCondition(work, workAppliedCondition([{}]), 't1');
    const twice = withWorkCondition(once, workAppliedCondition([{}]), 't2');
    expect(twice.status?.conditions).to.deep.equal([{ type: 'Applied', status: 'True', reason: 'AppliedSuccessful', message: 'Manifest has been successfully applied', lastTransitionTime: 't1' }]);
  });
});

describe('workDispatchingCondition', () => {
  it('True while dispatching, False when suspended', () => {
    expect(workDispatchingCondition(work)).to.deep.equal({ type: 'Dispatching', status: 'True', reason: 'Dispatching', message: 'Work is being dispatched to member clusters.' });
    expect(workDispatchingCondition({ ...work, spec: { ...work.spec, suspendDispatching: true } })).to.deep.equal({
      type: 'Dispatching',
      status: 'False',
      reason: 'SuspendDispatching',
      message: 'Work dispatching is in a suspended state.',
    });
  });
});

describe('manifestStatusOf', () => {
  const observed: KubeObject = {
    ...manifest,
    metadata: { ...manifest.metadata, generation: 1, annotations: { 'resourcetemplate.karmada.io/generation': '4' } },
    status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
  };

  it('identifies the manifest and carries reflected status and health', () => {
    expect(manifestStatusOf(work, observed)).to.deep.equal({
      identifier: { ordinal: 0, group: 'apps', version: 'v1', kind: 'Deployment', resource: '', namespace: 'default', name: 'nginx' },
      status: { generation: 1, resourceTemplateGeneration: 4, observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
      health: 'Healthy',
    });
  });

  it('core group objects have an empty group; no status means none recorded', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } };
    const cmWork: Work = { ...work, spec: { workload: { manifests: [cm] } } };
    expect(manifestStatusOf(cmWork, cm)).to.deep.equal({
      identifier: { ordinal: 0, group: '', version: 'v1', kind: 'ConfigMap', resource: '', namespace: 'default', name: 'c' },
      health: 'Healthy',
    });
  });

  it('an object that is not in the Work has no manifest status', () => {
    expect(manifestStatusOf(work, { ...observed, metadata: { ...observed.metadata, name: 'other' } })).to.equal(undefined);
    expect(withManifestStatus(work, { ...observed, metadata: { name: 'x' } })).to.equal(work);
  });

  it('replaces the manifest statuses whole', () => {
    const first = withManifestStatus(work, observed);
    const second = withManifestStatus(first, { ...observed, status: { ...(observed.status as object), readyReplicas: 1 } });
    expect(second.status?.manifestStatuses).to.have.length(1);
    expect((second.status?.manifestStatuses?.[0]?.status as { readyReplicas: number }).readyReplicas).to.equal(1);
  });
});
