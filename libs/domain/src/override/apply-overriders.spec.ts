import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { Overriders } from '../api/policy.js';
import { applyOverriders } from './apply-overriders.js';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' }, annotations: { note: 'x' } },
  spec: {
    replicas: 2,
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: {
        initContainers: [{ name: 'init', image: 'busybox' }],
        containers: [
          { name: 'nginx', image: 'nginx:1.19', args: ['--a', '--b'] },
          { name: 'sidecar', image: 'docker.io/envoy:v1' },
        ],
      },
    },
  },
};
const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'default' },
  data: { 'config.yaml': 'server:\n  port: 80\n  hosts:\n  - a\n', 'config.json': '{"level":"info","tags":["x"]}', plain: 'text' },
};

type Check = { name: string; object?: KubeObject; overriders: Overriders; read: (o: KubeObject) => unknown; want: unknown };

const at = (o: KubeObject, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], o);
const containers = (o: KubeObject) => at(o, 'spec', 'template', 'spec', 'containers');

const cases: Check[] = [
  {
    name: 'image registry add rewrites every app container, not init containers',
    overriders: { imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'mirror.io' }] },
    read: (o) => [at(o, 'spec', 'template', 'spec', 'containers', 0, 'image'), at(o, 'spec', 'template', 'spec', 'containers', 1, 'image'), at(o, 'spec', 'template', 'spec', 'initContainers', 0, 'image')],
    want: ['mirror.io/nginx:1.19', 'mirror.io/envoy:v1', 'busybox'],
  },
  {
    name: 'image overrider with a predicate touches only that path',
    overriders: { imageOverrider: [{ predicate: { path: '/spec/template/spec/initContainers/0/image' }, component: 'Tag', operator: 'replace', value: '1.36' }] },
    read: (o) => [at(o, 'spec', 'template', 'spec', 'initContainers', 0, 'image'), at(o, 'spec', 'template', 'spec', 'containers', 0, 'image')],
    want: ['busybox:1.36', 'nginx:1.19'],
  },
  {
    name: 'image overriders chain',
    overriders: {
      imageOverrider: [
        { component: 'Tag', operator: 'add', value: '-alpine' },
        { component: 'Registry', operator: 'add', value: 'r.io' },
      ],
    },
    read: (o) => at(o, 'spec', 'template', 'spec', 'containers', 0, 'image'),
    want: 'r.io/nginx:1.19-alpine',
  },
  {
    name: 'command add creates the field on the named container only',
    overriders: { commandOverrider: [{ containerName: 'nginx', operator: 'add', value: ['nginx', '-g'] }] },
    read: (o) => [at(o, 'spec', 'template', 'spec', 'containers', 0, 'command'), at(o, 'spec', 'template', 'spec', 'containers', 1, 'command')],
    want: [['nginx', '-g'], undefined],
  },
  {
    name: 'args add appends, remove deletes',
    overriders: {
      argsOverrider: [
        { containerName: 'nginx', operator: 'add', value: ['--c'] },
        { containerName: 'nginx', operator: 'remove', value: ['--a'] },
      ],
    },
    read: (o) => at(o, 'spec', 'template', 'spec', 'containers', 0, 'args'),
    want: ['--b', '--c'],
  },
  {
    name: 'args remove on a container without args adds an empty list',
    overriders: { argsOverrider: [{ containerName: 'sidecar', operator: 'remove', value: ['--x'] }] },
    read: (o) => at(o, 'spec', 'template', 'spec', 'containers', 1, 'args'),
    want: [],
  },
  {
    name: 'a Pod: containers at /spec/containers',
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'app:v1' }] } },
    overriders: { imageOverrider: [{ component: 'Tag', operator: 'replace', value: 'v2' }], argsOverrider: [{ containerName: 'c', operator: 'add', value: ['-v'] }] },
    read: (o) => at(o, 'spec', 'containers', 0),
    want: { name: 'c', image: 'app:v2', args: ['-v'] },
  },
  {
    name: 'kinds without a pod template are left alone by image and command overriders',
    object: configMap,
    overriders: { imageOverrider: [{ component: 'Tag', operator: 'replace', value: 'v2' }], commandOverrider: [{ containerName: 'c', operator: 'add', value: ['x'] }] },
    read: (o) => o,
    want: configMap,
  },
  {
    name: 'labels: add, replace only present keys, remove',
    overriders: {
      labelsOverrider: [
        { operator: 'add', value: { 'app.kubernetes.io/part-of': 'shop', tier: 'web' } },
        { operator: 'replace', value: { app: 'nginx2', missing: 'x' } },
        { operator: 'remove', value: { tier: '', absent: '' } },
      ],
    },
    read: (o) => o.metadata.labels,
    want: { app: 'nginx2', 'app.kubernetes.io/part-of': 'shop' },
  },
  {
    name: 'annotations add creates the map when missing',
    object: configMap,
    overriders: { annotationsOverrider: [{ operator: 'add', value: { owner: 'team' } }] },
    read: (o) => o.metadata.annotations,
    want: { owner: 'team' },
  },
  {
    name: 'field overrider: YAML document',
    object: configMap,
    overriders: {
      fieldOverrider: [
        {
          fieldPath: '/data/config.yaml',
          yaml: [
            { subPath: '/server/port', operator: 'replace', value: 8080 },
            { subPath: '/server/hosts/-', operator: 'add', value: 'b' },
          ],
        },
      ],
    },
    read: (o) => at(o, 'data', 'config.yaml'),
    want: 'server:\n  hosts:\n  - a\n  - b\n  port: 8080\n',
  },
  {
    name: 'field overrider: JSON document',
    object: configMap,
    overriders: { fieldOverrider: [{ fieldPath: '/data/config.json', json: [{ subPath: '/level', operator: 'replace', value: 'debug' }] }] },
    read: (o) => at(o, 'data', 'config.json'),
    want: '{"level":"debug","tags":["x"]}',
  },
  {
    name: 'plaintext runs last and sees the other overriders',
    overriders: {
      labelsOverrider: [{ operator: 'add', value: { tier: 'web' } }],
      plaintext: [
        { path: '/spec/replicas', operator: 'replace', value: 5 },
        { path: '/metadata/labels/tier', operator: 'remove' },
      ],
    },
    read: (o) => [at(o, 'spec', 'replicas'), o.metadata.labels],
    want: [5, { app: 'nginx' }],
  },
];

describe('applyOverriders', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = applyOverriders(c.object ?? deployment, c.overriders);
      if (!result.ok) throw new Error(`failed: ${JSON.stringify(result)}`);
      expect(c.read(result.object)).to.deep.equal(c.want);
    });
  }

  const failures: { name: string; object?: KubeObject; overriders: Overriders; want: Record<string, unknown> }[] = [
    {
      name: 'a predicate path that does not exist',
      overriders: { imageOverrider: [{ predicate: { path: '/spec/nope/image' }, component: 'Tag', operator: 'remove' }] },
      want: { overrider: 'imageOverrider', index: 0, path: '/spec/nope/image' },
    },
    {
      name: 'a plaintext remove of a missing path',
      overriders: { plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 1 }, { path: '/status/x', operator: 'remove' }] },
      want: { overrider: 'plaintext', index: 1, path: '/status/x' },
    },
    {
      name: 'a field overrider on a non-string field',
      overriders: { fieldOverrider: [{ fieldPath: '/spec/replicas', json: [{ subPath: '/a', operator: 'add', value: 1 }] }] },
      want: { overrider: 'fieldOverrider', index: 0, path: '/spec/replicas', message: "Get object's value by overrider's path(/spec/replicas) is not string" },
    },
    {
      name: 'a field overrider on text that is not JSON',
      object: configMap,
      overriders: { fieldOverrider: [{ fieldPath: '/data/plain', json: [{ subPath: '/a', operator: 'add', value: 1 }] }] },
      want: { overrider: 'fieldOverrider', index: 0, path: '/data/plain' },
    },
  ];
  for (const f of failures) {
    it(`fails on ${f.name}, changing nothing`, () => {
      const object = f.object ?? deployment;
      const before = JSON.stringify(object);
      const result = applyOverriders(object, f.overriders);
      expect(result).to.deep.include({ ok: false, ...f.want });
      expect(JSON.stringify(object)).to.equal(before);
    });
  }

  it('leaves the input untouched on success too', () => {
    const before = JSON.stringify(deployment);
    applyOverriders(deployment, { plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 9 }] });
    expect(JSON.stringify(deployment)).to.equal(before);
    expect(containers(deployment)).to.have.length(2);
  });
});
