import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { pruneIrrelevantFields } from './prune.js';

const meta = {
  name: 'o',
  namespace: 'default',
  uid: 'u',
  resourceVersion: '9',
  generation: 4,
  creationTimestamp: 't',
  managedFields: [{}],
  ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'x' }],
  finalizers: ['f'],
  labels: { app: 'a' },
  annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
};

const cases: { name: string; object: KubeObject; want: unknown }[] = [
  {
    name: 'server-set metadata and status go; labels, annotations (incl. last-applied) stay',
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...meta, selfLink: '/x' } as KubeObject['metadata'], data: { a: '1' }, status: {} },
    want: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o', namespace: 'default', labels: { app: 'a' }, annotations: meta.annotations }, data: { a: '1' } },
  },
  {
    name: 'Deployment revision annotations go',
    object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', annotations: { 'deployment.kubernetes.io/revision': '3', keep: 'y' } }, spec: {} },
    want: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', annotations: { keep: 'y' } }, spec: {} },
  },
  {
    name: 'Job generated selector labels and TTL go',
    object: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: {
        ttlSecondsAfterFinished: 100,
        selector: { matchLabels: { 'controller-uid': 'u', 'batch.kubernetes.io/controller-uid': 'u' } },
        template: { metadata: { labels: { 'controller-uid': 'u', 'job-name': 'j', 'batch.kubernetes.io/job-name': 'j', app: 'x' } } },
      },
    },
    want: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { selector: { matchLabels: {} }, template: { metadata: { labels: { app: 'x' } } } } },
  },
  {
    name: 'a Job with a manual selector keeps its labels',
    object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { manualSelector: true, selector: { matchLabels: { 'controller-uid': 'u' } } } },
    want: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { manualSelector: true, selector: { matchLabels: { 'controller-uid': 'u' } } } },
  },
  {
    name: 'Service allocated cluster IPs go',
    object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [] } },
    want: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [] } },
  },
  {
    name: 'a headless Service keeps clusterIP None',
    object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: 'None', clusterIPs: ['None'] } },
    want: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: 'None', clusterIPs: ['None'] } },
  },
  {
    name: 'ServiceAccount token secrets go',
    object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, secrets: [{ name: 'sa-token-abc' }, { name: 'sa-token-def' }, { name: 'mine' }] },
    want: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, secrets: [{ name: 'mine' }] },
  },
  {
    name: 'service-account-token Secret data and uid annotation go',
    object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 't', annotations: { 'kubernetes.io/service-account.uid': 'u', 'kubernetes.io/service-account.name': 'sa' } }, type: 'kubernetes.io/service-account-token', data: { token: 'x' } },
    want: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 't', annotations: { 'kubernetes.io/service-account.name': 'sa' } }, type: 'kubernetes.io/service-account-token' },
  },
  {
    name: 'an Opaque Secret keeps its data',
    object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'o' }, type: 'Opaque', data: { a: 'b' } },
    want: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'o' }, type: 'Opaque', data: { a: 'b' } },
  },
  {
    name: 'PVC selected-node annotation goes',
    object: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p', annotations: { 'volume.kubernetes.io/selected-node': 'n1' } }, spec: {} },
    want: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p', annotations: {} }, spec: {} },
  },
];

describe('pruneIrrelevantFields', () => {
  for (const c of cases) it(c.name, () => expect(pruneIrrelevantFields(c.object)).to.deep.equal(c.want));

  it('never edits its input', () => {
    const object: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: 'u' } };
    pruneIrrelevantFields(object);
    expect(object.metadata.uid).to.equal('u');
  });
});
