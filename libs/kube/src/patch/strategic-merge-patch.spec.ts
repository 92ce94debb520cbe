import { expect } from 'chai';
import { builtinListTypes } from './list-types.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

/** The exact patches kubectl sent in the experiment (kube-api-notes §2.2), applied to the objects they were computed from. */
const deployment = builtinListTypes('Deployment');
const service = builtinListTypes('Service');

describe('strategic merge patch', () => {
  it('replicas 2→3 and one of two containers changed', () => {
    const live = {
      spec: {
        replicas: 2,
        template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'sidecar', image: 'busybox:1.36' }] } },
      },
    };
    const patch = {
      metadata: { annotations: { a: '1' } },
      spec: { replicas: 3, template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }], containers: [{ image: 'nginx:1.26', name: 'nginx' }] } } },
    };
    expect(applyStrategicMergePatch(live, patch, deployment)).to.deep.equal({
      metadata: { annotations: { a: '1' } },
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }, { name: 'sidecar', image: 'busybox:1.36' }] } } },
    });
  });

  const larger = {
    metadata: { finalizers: ['a.io/x', 'b.io/y'], labels: { app: 'x', tier: 'web' } },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
      template: {
        spec: {
          containers: [
            {
              name: 'app',
              image: 'app:1',
              args: ['--a'],
              env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
              ports: [{ containerPort: 80 }, { containerPort: 9090 }],
              volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
            },
            { name: 'side', image: 'side:1' },
          ],
          tolerations: [{ key: 'k1', operator: 'Exists' }],
          volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
        },
      },
    },
  };
  const largerPatch = {
    metadata: { '$deleteFromPrimitiveList/finalizers': ['a.io/x'], '$setElementOrder/finalizers': ['b.io/y'], labels: { tier: null } },
    spec: {
      replicas: 4,
      strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' },
      template: {
        metadata: { annotations: { x: '1' } },
        spec: {
          '$setElementOrder/containers': [{ name: 'side' }, { name: 'app' }],
          '$setElementOrder/volumes': [{ name: 'cfg' }],
          containers: [
            { image: 'side:2', name: 'side' },
            {
              '$setElementOrder/env': [{ name: 'B' }, { name: 'C' }],
              '$setElementOrder/ports': [{ containerPort: 80 }],
              '$setElementOrder/volumeMounts': [{ mountPath: '/etc/cfg2' }],
              args: ['--c'],
              env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }, { $patch: 'delete', name: 'A' }],
              image: 'app:2',
              name: 'app',
              ports: [{ $patch: 'delete', containerPort: 9090 }],
              volumeMounts: [{ mountPath: '/etc/cfg2', name: 'cfg' }, { $patch: 'delete', mountPath: '/etc/cfg' }],
            },
          ],
          tolerations: [{ key: 'k2', operator: 'Exists' }],
          volumes: [{ $retainKeys: ['name', 'secret'], configMap: null, name: 'cfg', secret: { secretName: 'cfg' } }],
        },
      },
    },
  };
  const largerResult = {
    metadata: { finalizers: ['b.io/y'], labels: { app: 'x' } },
    spec: {
      replicas: 4,
      strategy: { type: 'Recreate' },
      template: {
        metadata: { annotations: { x: '1' } },
        spec: {
          containers: [
            { name: 'side', image: 'side:2' },
            {
              name: 'app',
              image: 'app:2',
              args: ['--c'],
              env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }],
              ports: [{ containerPort: 80 }],
              volumeMounts: [{ mountPath: '/etc/cfg2', name: 'cfg' }],
            },
          ],
          tolerations: [{ key: 'k2', operator: 'Exists' }],
          volumes: [{ name: 'cfg', secret: { secretName: 'cfg' } }],
        },
      },
    },
  };

  it('a larger edit: finalizers, labels, retainKeys, reordered containers, keyed deletes', () => {
    expect(applyStrategicMergePatch(larger, largerPatch, deployment)).to.deep.equal(largerResult);
  });

  it('removing a container and whole fields', () => {
    const patch = {
      spec: {
        strategy: null,
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }],
            containers: [{ args: null, env: null, image: 'app:3', name: 'app', ports: null, volumeMounts: null }, { $patch: 'delete', name: 'side' }],
            initContainers: [{ image: 'init:1', name: 'init' }],
            tolerations: null,
            volumes: null,
          },
        },
      },
    };
    expect(applyStrategicMergePatch(largerResult, patch, deployment)).to.deep.equal({
      metadata: largerResult.metadata,
      spec: {
        replicas: 4,
        template: { metadata: { annotations: { x: '1' } }, spec: { containers: [{ name: 'app', image: 'app:3' }], initContainers: [{ image: 'init:1', name: 'init' }] } },
      },
    });
  });

  it('Service ports merge on port', () => {
    const live = { spec: { ports: [{ port: 80, targetPort: 8080 }], selector: { app: 'smp1' }, clusterIP: '10.96.0.10' } };
    const patch = { spec: { '$setElementOrder/ports': [{ port: 443 }], ports: [{ port: 443, targetPort: 9443 }, { $patch: 'delete', port: 80 }], selector: { app: 'smp2' } } };
    expect(applyStrategicMergePatch(live, patch, service)).to.deep.equal({ spec: { ports: [{ port: 443, targetPort: 9443 }], selector: { app: 'smp2' }, clusterIP: '10.96.0.10' } });
  });

  const directives: { name: string; live: unknown; patch: unknown; expected: unknown }[] = [
    { name: '$patch: replace on a map', live: { spec: { a: 1, b: 2 } }, patch: { spec: { $patch: 'replace', c: 3 } }, expected: { spec: { c: 3 } } },
    { name: '$patch: delete on a map', live: { spec: { a: 1 }, x: 1 }, patch: { spec: { $patch: 'delete' } }, expected: { x: 1 } },
    { name: 'atomic lists are replaced', live: { spec: { template: { spec: { containers: [{ name: 'a', args: ['1', '2'] }] } } } }, patch: { spec: { template: { spec: { containers: [{ name: 'a', args: ['3'] }] } } } }, expected: { spec: { template: { spec: { containers: [{ name: 'a', args: ['3'] }] } } } } },
    { name: 'new keyed items are appended', live: { spec: { template: { spec: { containers: [{ name: 'a' }] } } } }, patch: { spec: { template: { spec: { containers: [{ name: 'b', image: 'b' }] } } } }, expected: { spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'b', image: 'b' }] } } } } },
    { name: 'finalizers union', live: { metadata: { finalizers: ['a'] } }, patch: { metadata: { finalizers: ['b', 'a'] } }, expected: { metadata: { finalizers: ['a', 'b'] } } },
    { name: 'unknown $ keys are stripped', live: {}, patch: { spec: { $foo: 1, a: { $bar: 2, b: 1 } } }, expected: { spec: { a: { b: 1 } } } },
    { name: 'list-level $patch: replace', live: { spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } } } }, patch: { spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'c' }] } } } }, expected: { spec: { template: { spec: { containers: [{ name: 'c' }] } } } } },
  ];
  for (const c of directives) it(c.name, () => expect(applyStrategicMergePatch(c.live, c.patch, deployment)).to.deep.equal(c.expected));
});
