import { expect } from 'chai';
import { WorkRendered } from '@karmada-ts/contracts';
import type { Cluster, ClusterOverridePolicy, KubeObject } from '@karmada-ts/domain';
import { keyString, type LastEvent } from '../read-models/read-model-tables.js';
import type { KnownWork } from './known-work.js';
import { namespaceOwner, namespaceWorkKey, planNamespaceWorks, type NamespaceWorksInput } from './plan-namespace-works.js';

const ns = (labels: Record<string, string> = {}, deleting = false): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'team-a', uid: 'ns-uid', labels, ...(deleting ? { deletionTimestamp: 't' } : {}) },
});
const cluster = (name: string, deleting = false): [string, Cluster] => [
  name,
  { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name, labels: { env: name }, ...(deleting ? { deletionTimestamp: 't' } : {}) }, spec: { syncMode: 'Push' } },
];
const live = (clusterName: string): KnownWork => {
  const key = namespaceWorkKey('team-a', clusterName);
  const last: LastEvent = { type: WorkRendered.type, seq: 1, data: { work: { apiVersion: 'work.karmada.io/v1alpha1', kind: 'Work', metadata: key }, cluster: clusterName } };
  return { key, owner: namespaceOwner('team-a'), last, report: undefined };
};
const failing: ClusterOverridePolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'ClusterOverridePolicy',
  metadata: { name: 'broken' },
  spec: { overrideRules: [{ targetCluster: { clusterNames: ['member2'] }, overriders: { plaintext: [{ path: '/spec/missing/x', operator: 'remove' }] } }] },
};

function input(overrides: Partial<NamespaceWorksInput> & { known?: KnownWork[] } = {}): NamespaceWorksInput {
  const { known = [], ...rest } = overrides;
  return {
    name: 'team-a',
    namespace: ns(),
    clusters: new Map([cluster('member2'), cluster('member1')]),
    clusterOverridePolicies: [],
    works: new Map(known.map((w) => [keyString(w.key), w])),
    ...rest,
  };
}

describe('planNamespaceWorks', () => {
  const cases: { name: string; input: NamespaceWorksInput; intents: string[]; failures?: string[] }[] = [
    { name: 'a Work in every cluster', input: input(), intents: ['render member1', 'render member2'] },
    { name: 'a cluster being deleted gets none and loses its Work', input: input({ clusters: new Map([cluster('member1'), cluster('member2', true)]), known: [live('member2')] }), intents: ['delete member2', 'render member1'] },
    { name: 'a deleted Namespace loses its Works', input: input({ namespace: undefined, known: [live('member1'), live('member2')] }), intents: ['delete member1', 'delete member2'] },
    { name: 'a deleting Namespace loses its Works', input: input({ namespace: ns({}, true), known: [live('member1')] }), intents: ['delete member1'] },
    {
      name: 'labelled to skip auto-propagation later: existing Works stay, no new ones',
      input: input({ namespace: ns({ 'namespace.karmada.io/skip-auto-propagation': 'true' }), known: [live('member1')] }),
      intents: [],
    },
    { name: 'a reserved Namespace is never propagated', input: input({ name: 'kube-system', namespace: { ...ns(), metadata: { name: 'kube-system' } } }), intents: [] },
    { name: 'a failing ClusterOverridePolicy skips that cluster', input: input({ clusterOverridePolicies: [failing] }), intents: ['render member1'], failures: ['member2'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planNamespaceWorks(c.input);
      expect(plan.intents.map((i) => `${i.kind} ${i.key.namespace.replace('karmada-es-', '')}`)).to.deep.equal(c.intents);
      expect(plan.overrideFailures.map((f) => f.cluster)).to.deep.equal(c.failures ?? []);
    });
  }

  it('renders a Work owned by the Namespace, without a binding', () => {
    const [intent] = planNamespaceWorks(input({ clusters: new Map([cluster('member1')]) })).intents;
    if (intent?.kind !== 'render') throw new Error('expected a render intent');
    expect(intent.binding).to.equal(undefined);
    const work = intent.render({ uid: 'u', permanentId: 'p', creationTimestamp: 't' });
    expect(work.metadata).to.include({ uid: 'u', name: namespaceWorkKey('team-a', 'member1').name, namespace: 'karmada-es-member1' });
    expect(work.metadata.ownerReferences?.[0]).to.include({ kind: 'Namespace', name: 'team-a', uid: 'ns-uid' });
  });
});
