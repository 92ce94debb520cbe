import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { releasedWorkload } from './released-workload.js';

const deployment = (labels: Record<string, string> | undefined, annotations: Record<string, string> | undefined): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
  spec: { replicas: 2 },
});

describe('releasedWorkload', () => {
  const cases: { name: string; input: KubeObject; want: KubeObject }[] = [
    {
      name: "strips Karmada's labels and annotations and keeps the user's",
      input: deployment(
        {
          app: 'web',
          'karmada.io/managed': 'true',
          'resourcebinding.karmada.io/permanent-id': 'b-1',
          'work.karmada.io/permanent-id': 'w-1',
          'propagationpolicy.karmada.io/permanent-id': 'p-1',
        },
        {
          team: 'a',
          'resourcetemplate.karmada.io/managed-annotations': 'x',
          'resourcetemplate.karmada.io/managed-labels': 'y',
          'resourcebinding.karmada.io/namespace': 'default',
          'resourcebinding.karmada.io/name': 'web-deployment',
          'resourcetemplate.karmada.io/uid': 'u-1',
          'resourcetemplate.karmada.io/generation': '3',
          'work.karmada.io/name': 'web-1',
          'work.karmada.io/namespace': 'karmada-es-member1',
          'work.karmada.io/conflict-resolution': 'abort',
          'propagationpolicy.karmada.io/namespace': 'default',
          'propagationpolicy.karmada.io/name': 'pp',
        },
      ),
      want: deployment({ app: 'web' }, { team: 'a' }),
    },
    {
      name: 'cluster-scoped claim metadata and the ClusterResourceBinding go too; empty maps disappear',
      input: deployment(
        { 'karmada.io/managed': 'true', 'clusterresourcebinding.karmada.io/permanent-id': 'c-1', 'clusterpropagationpolicy.karmada.io/permanent-id': 'p-2' },
        { 'clusterresourcebinding.karmada.io/name': 'crb', 'clusterpropagationpolicy.karmada.io/name': 'cpp' },
      ),
      want: deployment(undefined, undefined),
    },
    { name: 'an object without metadata maps stays as it is', input: deployment(undefined, undefined), want: deployment(undefined, undefined) },
  ];
  for (const c of cases) it(c.name, () => expect(releasedWorkload(c.input)).to.deep.equal(c.want));

  it('does not change its input', () => {
    const input = deployment({ 'karmada.io/managed': 'true' }, { 'work.karmada.io/name': 'w' });
    const copy = structuredClone(input);
    releasedWorkload(input);
    expect(input).to.deep.equal(copy);
  });
});
