import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { defaultCluster } from './cluster-defaults.js';
import { defaultResourceModels } from './cluster-resource-models.js';

const now = new Date('2026-03-01T10:00:00.123Z');
const max = '9223372036854775807';

function cluster(spec: Record<string, unknown> | undefined): KubeObject {
  return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'member1' }, ...(spec ? { spec } : {}) };
}

const cases: { name: string; operation: 'CREATE' | 'UPDATE'; spec: Record<string, unknown> | undefined; want: Record<string, unknown> | undefined }[] = [
  { name: 'create: default resource models', operation: 'CREATE', spec: { syncMode: 'Push' }, want: { syncMode: 'Push', resourceModels: defaultResourceModels() } },
  { name: 'create: an empty list gets the defaults too', operation: 'CREATE', spec: { syncMode: 'Push', resourceModels: [] }, want: { syncMode: 'Push', resourceModels: defaultResourceModels() } },
  { name: 'update: no models stay none', operation: 'UPDATE', spec: { syncMode: 'Push' }, want: { syncMode: 'Push' } },
  {
    name: 'user models are standardized',
    operation: 'UPDATE',
    spec: { syncMode: 'Push', resourceModels: [{ grade: 1, ranges: [{ name: 'cpu', min: '2', max: '3' }] }, { grade: 0, ranges: [{ name: 'cpu', min: '1', max: '2' }] }] },
    want: { syncMode: 'Push', resourceModels: [{ grade: 0, ranges: [{ name: 'cpu', min: '0', max: '2' }] }, { grade: 1, ranges: [{ name: 'cpu', min: '2', max }] }] },
  },
  {
    name: 'NoExecute taints get timeAdded (whole seconds)',
    operation: 'UPDATE',
    spec: { taints: [{ key: 'a', effect: 'NoExecute' }, { key: 'b', effect: 'NoSchedule' }, { key: 'c', effect: 'NoExecute', timeAdded: '2025-01-01T00:00:00Z' }] },
    want: { taints: [{ key: 'a', effect: 'NoExecute', timeAdded: '2026-03-01T10:00:00Z' }, { key: 'b', effect: 'NoSchedule' }, { key: 'c', effect: 'NoExecute', timeAdded: '2025-01-01T00:00:00Z' }] },
  },
  { name: 'zone moves into zones', operation: 'UPDATE', spec: { zone: 'az-1' }, want: { zones: ['az-1'] } },
  { name: 'zone with empty zones moves too', operation: 'UPDATE', spec: { zone: 'az-1', zones: [] }, want: { zones: ['az-1'] } },
  { name: 'zone and zones both set stay for validation', operation: 'UPDATE', spec: { zone: 'az-1', zones: ['az-2'] }, want: { zone: 'az-1', zones: ['az-2'] } },
  { name: 'an invalid zone stays where validation names it', operation: 'UPDATE', spec: { zone: 'az 1' }, want: { zone: 'az 1' } },
  { name: 'models of the wrong shape are left for validation', operation: 'UPDATE', spec: { resourceModels: [{ grade: 'x' }] }, want: { resourceModels: [{ grade: 'x' }] } },
  { name: 'no spec', operation: 'CREATE', spec: undefined, want: undefined },
];

describe('defaultCluster', () => {
  for (const c of cases) it(c.name, () => expect(defaultCluster(cluster(c.spec), { operation: c.operation, now })['spec']).to.deep.equal(c.want));

  it('does not change its input', () => {
    const input = cluster({ zone: 'az-1', taints: [{ key: 'a', effect: 'NoExecute' }] });
    defaultCluster(input, { operation: 'CREATE', now });
    expect(input['spec']).to.deep.equal({ zone: 'az-1', taints: [{ key: 'a', effect: 'NoExecute' }] });
  });
});
