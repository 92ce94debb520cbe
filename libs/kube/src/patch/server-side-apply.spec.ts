import { expect } from 'chai';
import type { KubeObject } from '../api/object.js';
import { builtinListTypes } from './list-types.js';
import { ApplyConflictError, conflictCauses, serverSideApply } from './server-side-apply.js';

const listTypes = builtinListTypes('Deployment');

function apply(live: KubeObject | undefined, config: KubeObject, manager: string, force = false): KubeObject {
  return serverSideApply({ live, config, manager, force, listTypes, scope: 'main', apiVersion: 'apps/v1', time: '2026-11-25T00:00:00Z' });
}

function deployment(spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', ...(labels ? { labels } : {}) }, spec };
}

const d1 = deployment(
  {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }, { containerPort: 9090 }], env: [{ name: 'A', value: '1' }] },
          { name: 'sidecar', image: 'busybox:1.36', args: ['sleep', 'inf'] },
        ],
        tolerations: [{ key: 'k1', operator: 'Exists' }],
      },
    },
  },
  { app: 'web', tier: 'front' },
);
const d2 = deployment(
  {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' }, annotations: { x: '1' } },
      spec: {
        containers: [
          { name: 'sidecar', image: 'busybox:1.37' },
          { name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 80 }], env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
      },
    },
  },
  { app: 'web' },
);
const d3 = deployment({
  replicas: 1,
  strategy: { type: 'Recreate' },
  selector: { matchLabels: { app: 'web' } },
  template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], initContainers: [{ name: 'init', image: 'init:1' }] } },
});

describe('server-side apply', () => {
  it('creates with the applied fields owned by the manager', () => {
    const created = apply(undefined, d1, 'kubectl');
    expect(created['spec']).to.deep.equal(d1['spec']);
    expect(created.metadata.labels).to.deep.equal({ app: 'web', tier: 'front' });
    const entry = created.metadata.managedFields![0]!;
    expect(entry).to.include({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
    const containers = (entry.fieldsV1['f:spec']!['f:template']!['f:spec']!['f:containers'] ?? {}) as Record<string, unknown>;
    expect(Object.keys(containers)).to.deep.equal(['k:{"name":"nginx"}', 'k:{"name":"sidecar"}']);
    expect(entry.fieldsV1['f:metadata']).to.deep.equal({ 'f:labels': { 'f:app': {}, 'f:tier': {} } });
  });

  it('the chain d1 → d2 → d3 → d1 leaves exactly each manifest spec (prune and reorder)', () => {
    let live = apply(undefined, d1, 'kubectl');
    for (const next of [d2, d3, d1]) {
      live = apply(live, next, 'kubectl');
      expect(live['spec']).to.deep.equal(next['spec']);
      expect(live.metadata.labels).to.deep.equal(next.metadata.labels);
    }
  });

  it('keeps fields it does not own when pruning', () => {
    const live = apply(undefined, d3, 'kubectl');
    const withOther = { ...live, spec: { ...(live['spec'] as object), paused: true } } as KubeObject;
    const next = apply(withOther, d2, 'kubectl');
    expect((next['spec'] as Record<string, unknown>)['paused']).to.equal(true);
  });

  it('a different value of a field another manager owns is a conflict', () => {
    const live = apply(undefined, d1, 'kubectl');
    const other = deployment({ replicas: 5 });
    let error: unknown;
    try {
      apply(live, other, 'hpa');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ApplyConflictError);
    expect((error as ApplyConflictError).message).to.equal('Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
    expect(conflictCauses((error as ApplyConflictError).conflicts)).to.deep.equal([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' }]);
  });

  it('lists several conflicts by manager', () => {
    const live = apply(undefined, d1, 'kubectl');
    const other = deployment({ replicas: 5, template: { spec: { containers: [{ name: 'nginx', image: 'x' }] } } });
    expect(() => apply(live, other, 'ci')).to.throw(
      ApplyConflictError,
      'Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('the same value is shared ownership, not a conflict', () => {
    const live = apply(undefined, d1, 'kubectl');
    const shared = apply(live, deployment({ replicas: 2 }), 'other');
    expect(shared.metadata.managedFields!.map((e) => e.manager)).to.deep.equal(['kubectl', 'other']);
  });

  it('force takes ownership; the previous owner no longer prunes or conflicts on it', () => {
    const live = apply(undefined, d1, 'kubectl');
    const forced = apply(live, deployment({ replicas: 7 }), 'hpa', true);
    expect((forced['spec'] as Record<string, unknown>)['replicas']).to.equal(7);
    const kubectlFields = forced.metadata.managedFields!.find((e) => e.manager === 'kubectl')!.fieldsV1;
    expect(kubectlFields['f:spec']!['f:replicas']).to.equal(undefined);
    const reapplied = apply(forced, deployment({ ...(d1['spec'] as object), replicas: undefined }, d1.metadata.labels), 'kubectl');
    expect((reapplied['spec'] as Record<string, unknown>)['replicas']).to.equal(7);
  });
});
