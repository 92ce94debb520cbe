import { expect } from 'chai';
import { WorkCleanedUp, WorkDeletionRequested, WorkRendered, WorkStatusReported } from '@karmada-ts/contracts';
import { aggregatedStatusItems, buildBinding, type AnyResourceBinding, type Cluster, type KubeObject, type PropagationPolicy, type Work } from '@karmada-ts/domain';
import { keyString, type LastEvent, type WorkOwner } from '../read-models/read-model-tables.js';
import type { KnownWork } from './known-work.js';
import { planBindingWorks } from './plan-binding-works.js';
import { worksForStatus } from './status-works.js';

const template: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', namespace: 'default', uid: 'tpl-uid', generation: 1 },
  spec: { replicas: 2 },
};
const policy: PropagationPolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'pp', namespace: 'default', labels: { 'propagationpolicy.karmada.io/permanent-id': 'pp-id' } },
  spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] },
};
const owner: WorkOwner = { kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment' };
const clusters = new Map(
  ['member1', 'member2', 'member3'].map((name): [string, Cluster] => [name, { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name }, spec: { syncMode: 'Push' } }]),
);

function binding(targets: string[]): AnyResourceBinding {
  const built = buildBinding(template, policy, { permanentId: 'rb-id' });
  return { ...built, metadata: { ...built.metadata, uid: 'rb-uid' }, spec: { ...built.spec, clusters: targets.map((name) => ({ name, replicas: 1 })) } };
}

/** The binding's Work in `cluster` as binding-svc rendered it, in the state the read models know. */
function known(cluster: string, state: 'live' | 'applied' | 'deleting' | 'cleaned', of: WorkOwner = owner): KnownWork {
  const plan = planBindingWorks({ binding: binding([cluster]), deleting: false, template, clusters, overridePolicies: { clusterOverridePolicies: [], overridePolicies: [] }, works: new Map() });
  const intent = plan.intents[0]!;
  if (intent.kind !== 'render') throw new Error('expected a render');
  const work: Work = intent.render({ uid: `${cluster}-uid`, permanentId: `${cluster}-id`, creationTimestamp: 't' });
  const last: LastEvent = { type: state === 'live' || state === 'applied' ? WorkRendered.type : WorkDeletionRequested.type, seq: 1, data: { work, cluster } };
  const ref = { ...intent.key, uid: `${cluster}-uid` };
  const applied = { conditions: [{ type: 'Applied', status: 'True', reason: 'AppliedSuccessful', message: '', lastTransitionTime: 't' }] };
  const report: LastEvent | undefined =
    state === 'applied'
      ? { type: WorkStatusReported.type, seq: 2, data: { work: ref, status: applied } }
      : state === 'cleaned'
        ? { type: WorkCleanedUp.type, seq: 2, data: { work: ref } }
        : undefined;
  return { key: intent.key, owner: of, last, report };
}

describe('worksForStatus', () => {
  const cases: { name: string; targets: string[]; known: KnownWork[]; items: string[] }[] = [
    { name: 'Works rendered for the first time count, not applied yet', targets: ['member1', 'member2'], known: [], items: ['member1 Unknown', 'member2 Unknown'] },
    { name: 'a live Work keeps its report beside a new one', targets: ['member1', 'member2'], known: [known('member1', 'applied')], items: ['member1 applied', 'member2 Unknown'] },
    { name: 'a Work this sync deletes no longer counts', targets: ['member2'], known: [known('member1', 'applied'), known('member2', 'applied')], items: ['member2 applied'] },
    { name: 'a Work waiting for its predecessor to be cleaned up does not count yet', targets: ['member1'], known: [known('member1', 'deleting')], items: [] },
    { name: 'once the predecessor is cleaned up, the new Work counts', targets: ['member1'], known: [known('member1', 'cleaned')], items: ['member1 Unknown'] },
    {
      name: "another owner's Work does not count",
      targets: ['member1'],
      known: [known('member1', 'applied', { kind: 'Namespace', namespace: '', name: 'default' })],
      items: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const works = new Map(c.known.map((w) => [keyString(w.key), w]));
      const rb = binding(c.targets);
      const plan = planBindingWorks({ binding: rb, deleting: false, template, clusters, overridePolicies: { clusterOverridePolicies: [], overridePolicies: [] }, works });
      const items = aggregatedStatusItems(rb, worksForStatus(works, owner, plan.intents));
      expect(items.map((i) => `${i.clusterName} ${i.applied ? 'applied' : i.health}`)).to.deep.equal(c.items);
    });
  }
});
