import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { interpretDependency } from './dependency.js';

const podSpec = {
  serviceAccountName: 'app-sa',
  imagePullSecrets: [{ name: 'pull' }],
  initContainers: [{ name: 'init', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'init-cm', key: 'a' } } }] }],
  containers: [
    {
      name: 'app',
      envFrom: [{ configMapRef: { name: 'env-cm' } }, { secretRef: { name: 'env-secret' } }],
      env: [
        { name: 'B', valueFrom: { secretKeyRef: { name: 'key-secret', key: 'b' } } },
        { name: 'C', value: 'plain' },
        { name: 'D', valueFrom: { configMapKeyRef: { name: 'env-cm', key: 'd' } } },
      ],
    },
  ],
  volumes: [
    { name: 'v1', configMap: { name: 'vol-cm' } },
    { name: 'v2', secret: { secretName: 'vol-secret' } },
    { name: 'v3', persistentVolumeClaim: { claimName: 'data' } },
    { name: 'v4', projected: { sources: [{ configMap: { name: 'proj-cm' } }, { secret: { name: 'proj-secret' } }, { serviceAccountToken: { path: 't' } }] } },
    { name: 'v5', csi: { driver: 'x', nodePublishSecretRef: { name: 'csi-secret' } } },
    { name: 'v6', emptyDir: {} },
  ],
};

const ref = (kind: string, name: string) => ({ apiVersion: 'v1', kind, namespace: 'default', name });
const expected = [
  ref('ConfigMap', 'env-cm'),
  ref('ConfigMap', 'init-cm'),
  ref('ConfigMap', 'proj-cm'),
  ref('ConfigMap', 'vol-cm'),
  ref('Secret', 'csi-secret'),
  ref('Secret', 'env-secret'),
  ref('Secret', 'key-secret'),
  ref('Secret', 'proj-secret'),
  ref('Secret', 'pull'),
  ref('Secret', 'vol-secret'),
  ref('ServiceAccount', 'app-sa'),
  ref('PersistentVolumeClaim', 'data'),
];

const object = (apiVersion: string, kind: string, spec: unknown): KubeObject => ({ apiVersion, kind, metadata: { name: 'w', namespace: 'default' }, spec });

const cases: { name: string; object: KubeObject; want: unknown[] }[] = [
  { name: 'Deployment: every reference kind, deduplicated and sorted', object: object('apps/v1', 'Deployment', { template: { spec: podSpec } }), want: expected },
  { name: 'Pod', object: object('v1', 'Pod', podSpec), want: expected },
  { name: 'DaemonSet', object: object('apps/v1', 'DaemonSet', { template: { spec: podSpec } }), want: expected },
  { name: 'Job', object: object('batch/v1', 'Job', { template: { spec: podSpec } }), want: expected },
  { name: 'CronJob', object: object('batch/v1', 'CronJob', { jobTemplate: { spec: { template: { spec: podSpec } } } }), want: expected },
  {
    name: 'the default service account is not a dependency',
    object: object('v1', 'Pod', { serviceAccountName: 'default', containers: [{ name: 'c' }] }),
    want: [],
  },
  {
    name: 'StatefulSet: PVCs from volumeClaimTemplates are not dependencies',
    object: object('apps/v1', 'StatefulSet', {
      volumeClaimTemplates: [{ metadata: { name: 'data' } }],
      template: { spec: { containers: [{ name: 'c' }], volumes: [{ name: 'a', persistentVolumeClaim: { claimName: 'data' } }, { name: 'b', persistentVolumeClaim: { claimName: 'shared' } }] } },
    }),
    want: [ref('PersistentVolumeClaim', 'shared')],
  },
  {
    name: 'Ingress: TLS secrets in order',
    object: object('networking.k8s.io/v1', 'Ingress', { tls: [{ secretName: 'b-tls' }, { hosts: ['x'] }, { secretName: 'a-tls' }] }),
    want: [ref('Secret', 'b-tls'), ref('Secret', 'a-tls')],
  },
  { name: 'a ConfigMap has no dependencies', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, want: [] },
];

describe('interpretDependency', () => {
  for (const c of cases) it(c.name, () => expect(interpretDependency(c.object)).to.deep.equal(c.want));
});
