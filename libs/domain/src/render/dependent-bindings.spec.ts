import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { ResourceBinding } from '../api/work.js';
import { dependedByLabelKey, dependenciesAnnotation, dependentBindings, type DependentBindingsInput } from './dependent-bindings.js';

const independent = (name: string, extra: Partial<ResourceBinding['spec']> = {}, id = `${name}-id`): ResourceBinding => ({
  apiVersion: 'work.karmada.io/v1alpha2',
  kind: 'ResourceBinding',
  metadata: { name, namespace: 'default', labels: { 'resourcebinding.karmada.io/permanent-id': id } },
  spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name }, propagateDeps: true, clusters: [{ name: 'member1', replicas: 2 }], ...extra },
});
const configMap = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', uid: `${name}-uid`, resourceVersion: '1', labels },
});
const web = independent('web-deployment');
const webKey = dependedByLabelKey('default', 'web-deployment');
const input = (over: Partial<DependentBindingsInput>): DependentBindingsInput => ({
  independent: web,
  dependencies: [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' }],
  objects: [configMap('cfg'), configMap('other')],
  bindings: [],
  newPermanentId: (name) => `new-${name}`,
  ...over,
});

describe('dependentBindings', () => {
  it('creates an attached binding required by the workload, on its clusters', () => {
    const result = dependentBindings(input({}));
    expect(result.dependenciesAnnotation).to.equal('[{"apiVersion":"v1","kind":"ConfigMap","namespace":"default","name":"cfg"}]');
    expect(result.upserts).to.deep.equal([
      {
        apiVersion: 'work.karmada.io/v1alpha2',
        kind: 'ResourceBinding',
        metadata: {
          name: 'cfg-configmap',
          namespace: 'default',
          labels: { [webKey]: 'web-deployment-id', 'resourcebinding.karmada.io/permanent-id': 'new-cfg-configmap' },
          ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'cfg-uid', controller: true, blockOwnerDeletion: true }],
          finalizers: ['karmada.io/binding-controller'],
        },
        spec: {
          resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: 'cfg-uid', resourceVersion: '1' },
          requiredBy: [{ namespace: 'default', name: 'web-deployment', clusters: [{ name: 'member1', replicas: 2 }] }],
          conflictResolution: 'Abort',
          preserveResourcesOnDeletion: false,
        },
      },
    ]);
  });

  it('a missing dependency object yields no binding', () => {
    expect(dependentBindings(input({ objects: [] })).upserts).to.deep.equal([]);
  });

  describe('a dependency being deleted on the control plane counts as gone', () => {
    const deletingCfg: KubeObject = { ...configMap('cfg'), metadata: { ...configMap('cfg').metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
    const attached = dependentBindings(input({})).upserts[0] as ResourceBinding;
    const cases: { name: string; bindings: ResourceBinding[]; want: { name: string; requiredBy: unknown[] }[] }[] = [
      { name: 'no attached binding is made for it', bindings: [], want: [] },
      { name: 'its attached binding (already marked deleting, so not among the live ones) is not made again', bindings: [web], want: [] },
      { name: 'a live attached binding drops the workload\'s snapshot', bindings: [web, attached], want: [{ name: 'cfg-configmap', requiredBy: [] }] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const result = dependentBindings(input({ objects: [deletingCfg, configMap('other')], bindings: c.bindings }));
        expect(result.upserts.map((b) => ({ name: b.metadata.name, requiredBy: b.spec.requiredBy }))).to.deep.equal(c.want);
      });
    }
  });

  it('label-selector dependencies bind every matching object', () => {
    const result = dependentBindings(
      input({ dependencies: [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', labelSelector: { matchLabels: { app: 'web' } } }], objects: [configMap('a', { app: 'web' }), configMap('b')] }),
    );
    expect(result.upserts.map((b) => b.metadata.name)).to.deep.equal(['a-configmap']);
  });

  it('joins an attached binding another workload already requires, Overwrite if any referrer overwrites', () => {
    const api = independent('api-deployment', { clusters: [{ name: 'member2' }], conflictResolution: 'Overwrite' });
    const first = dependentBindings(input({ independent: api })).upserts[0] as ResourceBinding;
    const second = dependentBindings(input({ bindings: [api, first] })).upserts[0] as ResourceBinding;
    expect(second.metadata.labels).to.deep.equal({ ...first.metadata.labels, [webKey]: 'web-deployment-id' });
    expect(second.spec.requiredBy).to.deep.equal([
      { namespace: 'default', name: 'api-deployment', clusters: [{ name: 'member2' }] },
      { namespace: 'default', name: 'web-deployment', clusters: [{ name: 'member1', replicas: 2 }] },
    ]);
    expect(second.spec.conflictResolution).to.equal('Overwrite');
  });

  it('an unchanged attached binding is not rewritten; a reschedule updates its snapshot', () => {
    const attached = dependentBindings(input({})).upserts[0] as ResourceBinding;
    expect(dependentBindings(input({ bindings: [web, attached] })).upserts).to.deep.equal([]);
    const moved = independent('web-deployment', { clusters: [{ name: 'member3', replicas: 2 }] }, 'web-deployment-id');
    const updated = dependentBindings(input({ independent: moved, bindings: [moved, attached] })).upserts[0] as ResourceBinding;
    expect(updated.spec.requiredBy).to.deep.equal([{ namespace: 'default', name: 'web-deployment', clusters: [{ name: 'member3', replicas: 2 }] }]);
  });

  it('releases dependencies no longer referenced, and all of them when propagateDeps is turned off', () => {
    const attached = dependentBindings(input({})).upserts[0] as ResourceBinding;
    const noLonger = dependentBindings(input({ dependencies: [], bindings: [web, attached] }));
    expect(noLonger.dependenciesAnnotation).to.equal('null');
    const released = noLonger.upserts[0] as ResourceBinding;
    expect(released.spec.requiredBy).to.deep.equal([]);
    expect(released.metadata.labels).to.deep.equal({ 'resourcebinding.karmada.io/permanent-id': 'new-cfg-configmap' });
    expect(released.spec).to.not.have.any.keys('conflictResolution', 'preserveResourcesOnDeletion');

    const off = dependentBindings(input({ independent: { ...web, spec: { ...web.spec, propagateDeps: false } }, bindings: [web, attached] }));
    expect(off.dependenciesAnnotation).to.equal(undefined);
    expect(off.upserts.map((b) => b.spec.requiredBy)).to.deep.equal([[]]);
  });

  it('a policy-made binding of the same object keeps its own strategy', () => {
    const policyMade: ResourceBinding = {
      ...(dependentBindings(input({})).upserts[0] as ResourceBinding),
      spec: { resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' }, placement: {}, conflictResolution: 'Abort', clusters: [{ name: 'member9' }] },
    };
    const result = dependentBindings(input({ independent: { ...web, spec: { ...web.spec, conflictResolution: 'Overwrite' } }, bindings: [policyMade] })).upserts[0] as ResourceBinding;
    expect(result.spec.conflictResolution).to.equal('Abort');
    expect(result.spec.clusters).to.deep.equal([{ name: 'member9' }]);
    expect(result.spec.requiredBy?.map((s) => s.name)).to.deep.equal(['web-deployment']);
  });

  it('never takes over a binding owned by another object of the same name', () => {
    const stale: ResourceBinding = { ...(dependentBindings(input({})).upserts[0] as ResourceBinding) };
    stale.metadata = { ...stale.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'old-uid', controller: true }] };
    expect(dependentBindings(input({ bindings: [stale] })).upserts).to.deep.equal([]);
  });

  it('annotation drops empty fields', () => {
    expect(dependenciesAnnotation([{ apiVersion: 'v1', kind: 'Secret', name: 's' }])).to.equal('[{"apiVersion":"v1","kind":"Secret","name":"s"}]');
  });
});
