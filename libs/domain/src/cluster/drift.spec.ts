import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { detectDrift, type DriftedField } from './drift.js';

interface Container {
  name: string;
  image: string;
  resources?: { requests: Record<string, string> };
  [field: string]: unknown;
}

interface DeploymentSketch extends KubeObject {
  spec: { replicas: number; template: { metadata: object; spec: { containers: Container[] } }; [field: string]: unknown };
}

const deployment = (edit: (d: DeploymentSketch) => void = () => {}): DeploymentSketch => {
  const d: DeploymentSketch = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web', 'app.kubernetes.io/name': 'web', 'karmada.io/managed': 'true' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '0.5', memory: '1024Mi' } } }] },
      },
    },
  };
  edit(d);
  return d;
};

/** What a member API server hands back for the applied deployment: server metadata, defaults, status. */
const served = (edit: (d: DeploymentSketch) => void = () => {}): DeploymentSketch =>
  deployment((d) => {
    Object.assign(d.metadata, { uid: 'u-1', resourceVersion: '812', generation: 4, creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{ manager: 'karmada-ts' }] });
    d.spec['progressDeadlineSeconds'] = 600;
    d.spec['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    const container = d.spec.template.spec.containers[0]!;
    Object.assign(container, { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', resources: { requests: { cpu: '500m', memory: '1Gi' } } });
    d['status'] = { replicas: 3, readyReplicas: 2 };
    edit(d);
  });

const withSidecar = served((d) => d.spec.template.spec.containers.push({ name: 'proxy', image: 'envoy' }));

const cases: { name: string; applied: KubeObject; observed: KubeObject; want: DriftedField[] }[] = [
  { name: 'server metadata, defaults, status and canonical quantities are not drift', applied: deployment(), observed: served(), want: [] },
  {
    name: 'a changed replica count',
    applied: deployment(),
    observed: served((d) => (d.spec.replicas = 5)),
    want: [{ path: '/spec/replicas', from: 3, to: 5 }],
  },
  {
    name: 'a changed image, addressed inside the container list',
    applied: deployment(),
    observed: served((d) => (d.spec.template.spec.containers[0]!.image = 'nginx:1.25')),
    want: [{ path: '/spec/template/spec/containers/0/image', from: 'nginx:1.27', to: 'nginx:1.25' }],
  },
  {
    name: 'a changed request compares by value',
    applied: deployment(),
    observed: served((d) => (d.spec.template.spec.containers[0]!.resources = { requests: { cpu: '1', memory: '1Gi' } })),
    want: [{ path: '/spec/template/spec/containers/0/resources/requests/cpu', from: '0.5', to: '1' }],
  },
  {
    name: 'a removed label, with "/" escaped in the pointer',
    applied: deployment(),
    observed: served((d) => delete d.metadata.labels!['app.kubernetes.io/name']),
    want: [{ path: '/metadata/labels/app.kubernetes.io~1name', from: 'web', to: undefined }],
  },
  {
    name: 'labels, annotations and finalizers the member added are its own',
    applied: deployment(),
    observed: served((d) => Object.assign(d.metadata, { labels: { ...d.metadata.labels, team: 'x' }, annotations: { note: 'm' }, finalizers: ['member/f'] })),
    want: [],
  },
  {
    name: 'a sidecar injected by the member changes the container list as a whole',
    applied: deployment(),
    observed: withSidecar,
    want: [{ path: '/spec/template/spec/containers', from: deployment().spec.template.spec.containers, to: withSidecar.spec.template.spec.containers }],
  },
  {
    name: 'replicas kept by the member under retain-replicas are not drift',
    applied: deployment((d) => (d.metadata.labels!['resourcetemplate.karmada.io/retain-replicas'] = 'true')),
    observed: served((d) => {
      d.metadata.labels!['resourcetemplate.karmada.io/retain-replicas'] = 'true';
      d.spec.replicas = 9;
    }),
    want: [],
  },
  {
    name: 'a Service clusterIP the member allocated is not drift',
    applied: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }], clusterIP: '' } },
    observed: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], clusterIP: '10.96.3.4', type: 'ClusterIP' } },
    want: [],
  },
  {
    name: 'empty objects and lists equal absent ones; nulls ask for nothing',
    applied: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: {} }, data: { a: '1' }, binaryData: {}, immutable: null },
    observed: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' }, immutable: true },
    want: [],
  },
  {
    name: 'changed and removed data keys',
    applied: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } },
    observed: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'x' } },
    want: [
      { path: '/data/a', from: '1', to: 'x' },
      { path: '/data/b', from: '2', to: undefined },
    ],
  },
  {
    name: 'a number where the member keeps a string is drift outside resource maps',
    applied: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, spec: { port: 80 } },
    observed: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, spec: { port: '80' } },
    want: [{ path: '/spec/port', from: 80, to: '80' }],
  },
];

describe('detectDrift', () => {
  for (const c of cases) it(c.name, () => expect(detectDrift(c.applied, c.observed)).to.deep.equal(c.want));

  it('leaves its inputs untouched', () => {
    const applied = deployment();
    const observed = served((d) => (d.spec.replicas = 1));
    const before = JSON.stringify([applied, observed]);
    detectDrift(applied, observed);
    expect(JSON.stringify([applied, observed])).to.equal(before);
  });
});
