import { expect } from 'chai';
import type { KubeObject, ObjectMeta } from '../api/meta.js';
import { retainMemberFields } from './retain.js';

const obj = (apiVersion: string, kind: string, rest: Partial<KubeObject> & { metadata?: ObjectMeta } = {}): KubeObject => ({
  apiVersion,
  kind,
  ...rest,
  metadata: { name: 'o', namespace: 'default', ...rest.metadata },
});

describe('retainMemberFields: metadata', () => {
  const desired = obj('v1', 'ConfigMap', {
    metadata: { name: 'o', labels: { app: 'a', team: 'x' }, annotations: { note: 'karmada', 'resourcetemplate.karmada.io/managed-labels': 'app,team' } },
  });
  const observed = obj('v1', 'ConfigMap', {
    metadata: {
      name: 'o',
      resourceVersion: '42',
      finalizers: ['member/finalizer'],
      ownerReferences: [{ apiVersion: 'v1', kind: 'Foo', name: 'f', uid: 'u' }],
      labels: { app: 'old', 'member-added': 'yes', dropped: 'was-propagated' },
      annotations: { 'resourcetemplate.karmada.io/managed-labels': 'app,dropped', 'resourcetemplate.karmada.io/managed-annotations': 'note', 'member-note': 'm' },
    },
  });
  const got = retainMemberFields(desired, observed);

  it('takes resourceVersion, finalizers and ownerReferences from the member', () => {
    expect(got.metadata.resourceVersion).to.equal('42');
    expect(got.metadata.finalizers).to.deep.equal(['member/finalizer']);
    expect(got.metadata.ownerReferences).to.deep.equal(observed.metadata.ownerReferences);
  });
  it('desired labels win, member-added labels stay, labels Karmada dropped go', () => {
    expect(got.metadata.labels).to.deep.equal({ app: 'a', team: 'x', 'member-added': 'yes' });
  });
  it('annotations alike (the member record itself stays, as it names only "note")', () => {
    expect(got.metadata.annotations).to.deep.equal({
      note: 'karmada',
      'resourcetemplate.karmada.io/managed-labels': 'app,team',
      'resourcetemplate.karmada.io/managed-annotations': 'note',
      'member-note': 'm',
    });
  });
  it('does not edit its inputs', () => expect(desired.metadata.resourceVersion).to.equal(undefined));
});

describe('retainMemberFields: per kind', () => {
  const cases: { name: string; desired: KubeObject; observed: KubeObject; want: (o: KubeObject) => unknown; equals: unknown }[] = [
    {
      name: 'Service keeps clusterIP(s), healthCheckNodePort and allocated nodePorts',
      desired: obj('v1', 'Service', { spec: { type: 'LoadBalancer', ports: [{ port: 80 }, { port: 443, nodePort: 30443 }] } }),
      observed: obj('v1', 'Service', {
        spec: { type: 'LoadBalancer', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], healthCheckNodePort: 31000, ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }, { port: 443, nodePort: 30000 }] },
      }),
      want: (o) => o.spec,
      equals: { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30080 }, { port: 443, nodePort: 30443 }], healthCheckNodePort: 31000, clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] },
    },
    {
      name: 'ClusterIP Service keeps no nodePorts',
      desired: obj('v1', 'Service', { spec: { ports: [{ port: 80 }] } }),
      observed: obj('v1', 'Service', { spec: { clusterIP: '10.0.0.2', ports: [{ port: 80, nodePort: 30080 }] } }),
      want: (o) => o.spec,
      equals: { ports: [{ port: 80 }], clusterIP: '10.0.0.2' },
    },
    {
      name: 'ServiceAccount merges the member token secrets',
      desired: obj('v1', 'ServiceAccount', { secrets: [{ name: 'mine' }] }),
      observed: obj('v1', 'ServiceAccount', { secrets: [{ name: 'mine' }, { name: 'o-token-abc' }], imagePullSecrets: [{ name: 'pull' }] }),
      want: (o) => [o['secrets'], o['imagePullSecrets']],
      equals: [[{ name: 'mine' }, { name: 'o-token-abc' }], [{ name: 'pull' }]],
    },
    {
      name: 'PVC keeps its bound volume',
      desired: obj('v1', 'PersistentVolumeClaim', { spec: { resources: {} } }),
      observed: obj('v1', 'PersistentVolumeClaim', { spec: { volumeName: 'pv-1' } }),
      want: (o) => o.spec,
      equals: { resources: {}, volumeName: 'pv-1' },
    },
    {
      name: 'Pod keeps node, service account, volumes and mounts',
      desired: obj('v1', 'Pod', { spec: { containers: [{ name: 'c', image: 'new' }] } }),
      observed: obj('v1', 'Pod', {
        spec: { nodeName: 'n1', serviceAccountName: 'default', volumes: [{ name: 'token' }], containers: [{ name: 'c', image: 'old', volumeMounts: [{ name: 'token', mountPath: '/t' }] }] },
      }),
      want: (o) => o.spec,
      equals: { containers: [{ name: 'c', image: 'new', volumeMounts: [{ name: 'token', mountPath: '/t' }] }], nodeName: 'n1', serviceAccountName: 'default', volumes: [{ name: 'token' }] },
    },
    {
      name: 'Job keeps the generated selector and template labels',
      desired: obj('batch/v1', 'Job', { spec: { template: { spec: {} } } }),
      observed: obj('batch/v1', 'Job', { spec: { selector: { matchLabels: { 'controller-uid': 'u' } }, template: { metadata: { labels: { 'controller-uid': 'u', 'job-name': 'o' } } } } }),
      want: (o) => o.spec,
      equals: { template: { spec: {}, metadata: { labels: { 'controller-uid': 'u', 'job-name': 'o' } } }, selector: { matchLabels: { 'controller-uid': 'u' } } },
    },
    {
      name: 'Deployment keeps member replicas with the retain-replicas label',
      desired: obj('apps/v1', 'Deployment', { metadata: { name: 'o', labels: { 'resourcetemplate.karmada.io/retain-replicas': 'true' } }, spec: { replicas: 2 } }),
      observed: obj('apps/v1', 'Deployment', { spec: { replicas: 7 } }),
      want: (o) => o.spec,
      equals: { replicas: 7 },
    },
    {
      name: 'Deployment replicas come from Karmada without the label',
      desired: obj('apps/v1', 'Deployment', { spec: { replicas: 2 } }),
      observed: obj('apps/v1', 'Deployment', { spec: { replicas: 7 } }),
      want: (o) => o.spec,
      equals: { replicas: 2 },
    },
    {
      name: 'a service-account-token Secret keeps its member data',
      desired: obj('v1', 'Secret', { type: 'kubernetes.io/service-account-token' }),
      observed: obj('v1', 'Secret', { type: 'kubernetes.io/service-account-token', data: { token: 'dG9r' } }),
      want: (o) => o['data'],
      equals: { token: 'dG9r' },
    },
  ];
  for (const c of cases) it(c.name, () => expect(c.want(retainMemberFields(c.desired, c.observed))).to.deep.equal(c.equals));
});
