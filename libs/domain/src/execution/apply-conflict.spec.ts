import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { Work } from '../api/work.js';
import { applyConflict, conflictResolutionOf, isManagedByKarmada } from './apply-conflict.js';

const manifest = (annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { 'karmada.io/managed': 'true' }, annotations },
});
const work = (annotations: Record<string, string> = {}): Work => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: { name: 'web-1', namespace: 'karmada-es-member1', annotations },
  spec: { workload: { manifests: [manifest()] } },
});
const existing = (labels: Record<string, string> | undefined): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', ...(labels ? { labels } : {}) },
});
const refusal =
  'resource(kind=Deployment, default/web) already exists in the cluster member1 and the work.karmada.io/conflict-resolution ' +
  'strategy value is empty, Karmada will not manage this resource';

describe('applyConflict', () => {
  const cases: { name: string; work: Work; manifest: KubeObject; existing: KubeObject | undefined; want: string | undefined }[] = [
    { name: 'nothing there yet', work: work(), manifest: manifest(), existing: undefined, want: undefined },
    { name: 'an object Karmada manages', work: work(), manifest: manifest(), existing: existing({ 'karmada.io/managed': 'true' }), want: undefined },
    { name: 'an unmanaged object, no resolution', work: work(), manifest: manifest(), existing: existing({ team: 'a' }), want: refusal },
    { name: 'an object without labels', work: work(), manifest: manifest(), existing: existing(undefined), want: refusal },
    { name: 'managed=false is not managed', work: work(), manifest: manifest(), existing: existing({ 'karmada.io/managed': 'false' }), want: refusal },
    {
      name: 'abort keeps it',
      work: work(),
      manifest: manifest({ 'work.karmada.io/conflict-resolution': 'abort' }),
      existing: existing({}),
      want: refusal,
    },
    {
      name: 'overwrite on the manifest takes it over',
      work: work(),
      manifest: manifest({ 'work.karmada.io/conflict-resolution': 'overwrite' }),
      existing: existing({}),
      want: undefined,
    },
    {
      name: 'overwrite on the Work takes it over when the manifest says nothing',
      work: work({ 'work.karmada.io/conflict-resolution': 'overwrite' }),
      manifest: manifest(),
      existing: existing({}),
      want: undefined,
    },
    {
      name: 'the manifest wins over the Work',
      work: work({ 'work.karmada.io/conflict-resolution': 'overwrite' }),
      manifest: manifest({ 'work.karmada.io/conflict-resolution': 'abort' }),
      existing: existing({}),
      want: refusal,
    },
  ];
  for (const c of cases) it(c.name, () => expect(applyConflict(c.work, c.manifest, c.existing, 'member1')).to.equal(c.want));

  it('names a cluster-scoped object with an empty namespace, as Karmada prints it', () => {
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' } };
    expect(applyConflict(work(), role, { ...role }, 'm2')).to.match(/^resource\(kind=ClusterRole, \/reader\) already exists in the cluster m2 /);
  });

  it('reads the managed label and the resolution', () => {
    expect(isManagedByKarmada(existing({ 'karmada.io/managed': 'true' }))).to.equal(true);
    expect(isManagedByKarmada(existing(undefined))).to.equal(false);
    expect(conflictResolutionOf(work({ 'work.karmada.io/conflict-resolution': 'overwrite' }), manifest())).to.equal('overwrite');
    expect(conflictResolutionOf(work(), manifest())).to.equal(undefined);
  });
});
