import { expect } from 'chai';
import { WorkCleanedUp, WorkDeletionRequested, WorkRendered, type WorkRenderedData } from '@karmada-ts/contracts';
import {
  buildBinding,
  type AnyResourceBinding,
  type Cluster,
  type GracefulEvictionTask,
  type KubeObject,
  type OverridePolicy,
  type PropagationPolicy,
  type Work,
} from '@karmada-ts/domain';
import { keyString, type LastEvent } from '../read-models/read-model-tables.js';
import type { KnownWork } from './known-work.js';
import { planBindingWorks, type BindingWorksInput } from './plan-binding-works.js';
import { decideWork } from './work-decisions.js';

const template: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', namespace: 'default', uid: 'tpl-uid', generation: 1 },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.19' }] } } },
};
const policy: PropagationPolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'pp', namespace: 'default', labels: { 'propagationpolicy.karmada.io/permanent-id': 'pp-id' } },
  spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] },
};
const workName = 'nginx-687f7fb96f';
const owner = { kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment' } as const;

function binding(clusters: string[], evictions: GracefulEvictionTask[] = []): AnyResourceBinding {
  const built = buildBinding(template, policy, { permanentId: 'rb-id' });
  return { ...built, metadata: { ...built.metadata, uid: 'rb-uid' }, spec: { ...built.spec, clusters: clusters.map((name) => ({ name, replicas: 1 })), gracefulEvictionTasks: evictions } };
}
const cluster = (name: string, deleting = false): [string, Cluster] => [
  name,
  { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name, ...(deleting ? { deletionTimestamp: 't' } : {}) }, spec: { syncMode: 'Push' } },
];
/** A Work of the binding in `cluster`: live, deletion requested, or deletion requested and cleaned up. */
function known(clusterName: string, state: 'live' | 'deleting' | 'cleaned'): KnownWork {
  const key = { namespace: `karmada-es-${clusterName}`, name: workName };
  const work = { apiVersion: 'work.karmada.io/v1alpha1', kind: 'Work', metadata: { ...key, uid: `${clusterName}-uid` }, spec: { workload: { manifests: [] } } };
  const last: LastEvent = { type: state === 'live' ? WorkRendered.type : WorkDeletionRequested.type, seq: 1, data: { work, cluster: clusterName } };
  const report: LastEvent | undefined = state === 'cleaned' ? { type: WorkCleanedUp.type, seq: 2, data: { work: { ...key, uid: `${clusterName}-uid` } } } : undefined;
  return { key, owner, last, report };
}
const badPolicy: OverridePolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'OverridePolicy',
  metadata: { name: 'bad', namespace: 'default' },
  spec: { overrideRules: [{ targetCluster: { clusterNames: ['member2'] }, overriders: { plaintext: [{ path: '/spec/missing/x', operator: 'remove' }] } }] },
};

function input(overrides: Partial<BindingWorksInput> & { known?: KnownWork[] } = {}): BindingWorksInput {
  const { known: works = [], ...rest } = overrides;
  return {
    binding: binding(['member1', 'member2']),
    deleting: false,
    template,
    clusters: new Map([cluster('member1'), cluster('member2'), cluster('member3')]),
    overridePolicies: { clusterOverridePolicies: [], overridePolicies: [] },
    works: new Map(works.map((w) => [keyString(w.key), w])),
    ...rest,
  };
}

describe('planBindingWorks', () => {
  const cases: { name: string; input: BindingWorksInput; intents: string[]; failures?: string[] | undefined; cleanedUp?: boolean }[] = [
    { name: 'one Work per target cluster', input: input(), intents: ['render member1', 'render member2'], failures: [] },
    {
      name: 'unknown clusters and clusters being deleted get none; a live Work on a deleted cluster goes',
      input: input({ binding: binding(['member1', 'member4', 'member2']), clusters: new Map([cluster('member1'), cluster('member2', true)]), known: [known('member2', 'live')] }),
      intents: ['delete member2', 'render member1'],
      failures: [],
    },
    {
      name: 'Works on clusters no longer targeted go; a gracefully evicted cluster keeps its Work',
      input: input({
        binding: binding(['member1'], [{ fromCluster: 'member2', purgeMode: 'Gracefully', reason: 'TaintUntolerated', producer: 'TaintManager' }]),
        known: [known('member2', 'live'), known('member3', 'live')],
      }),
      intents: ['delete member3', 'render member1'],
      failures: [],
    },
    {
      name: 'a Directly purged cluster: its Work goes first, nothing is rendered meanwhile',
      input: input({
        binding: binding(['member1'], [{ fromCluster: 'member2', purgeMode: 'Directly', reason: 'TaintUntolerated', producer: 'TaintManager' }]),
        known: [known('member2', 'live')],
      }),
      intents: ['delete member2'],
      failures: undefined,
    },
    {
      name: 'once the Directly purged Work is cleaned up, rendering resumes',
      input: input({
        binding: binding(['member1'], [{ fromCluster: 'member2', purgeMode: 'Directly', reason: 'TaintUntolerated', producer: 'TaintManager' }]),
        known: [known('member2', 'cleaned')],
      }),
      intents: ['render member1'],
      failures: [],
    },
    {
      name: 'an override failure leaves that cluster’s Work alone and is reported',
      input: input({ overridePolicies: { clusterOverridePolicies: [], overridePolicies: [badPolicy] } }),
      intents: ['render member1'],
      failures: ['member2: OverridePolicy "default/bad" rule 0 plaintext[0] at /spec/missing/x'],
    },
    { name: 'without its template only deletions happen', input: input({ template: undefined, known: [known('member3', 'live')] }), intents: ['delete member3'], failures: undefined },
    {
      name: 'a template of another uid is not rendered',
      input: input({ template: { ...template, metadata: { ...template.metadata, uid: 'other' } } }),
      intents: [],
      failures: undefined,
    },
    {
      name: 'a deleting binding deletes every live Work and is not cleaned up yet',
      input: input({ deleting: true, known: [known('member1', 'live'), known('member2', 'cleaned')] }),
      intents: ['delete member1'],
      cleanedUp: false,
    },
    {
      name: 'a deleting binding waits for every deletion to be cleaned up',
      input: input({ deleting: true, known: [known('member1', 'deleting'), known('member2', 'cleaned')] }),
      intents: [],
      cleanedUp: false,
    },
    { name: 'a deleting binding is cleaned up when every Work is', input: input({ deleting: true, known: [known('member2', 'cleaned')] }), intents: [], cleanedUp: true },
    { name: 'a deleting binding without Works is cleaned up at once', input: input({ deleting: true }), intents: [], cleanedUp: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planBindingWorks(c.input);
      expect(plan.intents.map((i) => `${i.kind} ${i.key.namespace.replace('karmada-es-', '')}`)).to.deep.equal(c.intents);
      for (const intent of plan.intents) expect(intent.key.name).to.equal(workName);
      // The summary's tail is the overrider's own message.
      const failures = plan.overrideFailures?.map((f) => `${f.cluster}: ${f.summary.slice(0, f.summary.indexOf(': '))}`);
      if ('failures' in c) expect(failures).to.deep.equal(c.failures);
      expect(plan.cleanedUp).to.equal(c.cleanedUp ?? false);
    });
  }

  it('renders the Work with the identity asked for: uid, creation time, permanent id on the Work and its manifest', () => {
    const [intent] = planBindingWorks(input({ binding: binding(['member1']) })).intents;
    if (intent?.kind !== 'render') throw new Error('expected a render intent');
    const work = intent.render({ uid: 'u', permanentId: 'p', creationTimestamp: 't' });
    expect(work.metadata).to.include({ uid: 'u', creationTimestamp: 't', name: workName, namespace: 'karmada-es-member1' });
    expect(work.metadata.labels?.['work.karmada.io/permanent-id']).to.equal('p');
    expect(work.spec.workload.manifests[0]?.metadata.labels?.['work.karmada.io/permanent-id']).to.equal('p');
    expect(intent.binding).to.deep.equal({ kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid: 'rb-uid' });
  });

  it('a live Work rendered from the same inputs is kept without rendering; other inputs render it', () => {
    // The known Work has no manifest at all, which no render gives: only its digest can keep it.
    const from = (digest: string, clusterName: string): KnownWork => {
      const work = known(clusterName, 'live');
      const ref = { kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid: 'rb-uid' } as const;
      return { ...work, last: { ...work.last!, data: { ...(work.last!.data as WorkRenderedData), binding: ref, renderedFrom: digest } } };
    };
    const context = { now: 't', newIdentity: () => ({ uid: 'n', permanentId: 'n', creationTimestamp: 't' }) };
    const plan = planBindingWorks(input({ renderedFrom: 'd1', known: [from('d1', 'member1'), from('d0', 'member2')] }));
    const [kept, stale] = plan.intents;
    if (kept?.kind !== 'render' || stale?.kind !== 'render') throw new Error('expected two render intents');
    expect([kept.renderedFrom, stale.renderedFrom]).to.deep.equal(['d1', 'd1']);
    expect(decideWork(kept, from('d1', 'member1').last, context)).to.equal(undefined);
    const updated = decideWork(stale, from('d0', 'member2').last, context);
    expect((updated?.data as WorkRenderedData).renderedFrom).to.equal('d1');
    expect((updated?.data as WorkRenderedData).work.metadata.uid).to.equal('member2-uid');
    // Should the subject's head turn out to be another Work, the kept intent still renders.
    const other = decideWork(kept, from('d0', 'member1').last, context);
    expect(((other?.data as WorkRenderedData).work['spec'] as Work['spec']).workload.manifests).to.have.length(1);
    expect(plan.overrideFailures).to.deep.equal([]);
    // Only a render meets the override that fails on member2: kept by its digest, its Work is not rendered at all.
    const overridden = { overridePolicies: { clusterOverridePolicies: [], overridePolicies: [badPolicy] } };
    expect(planBindingWorks(input({ ...overridden, renderedFrom: 'd1', known: [from('d1', 'member2')] })).overrideFailures).to.deep.equal([]);
    expect(planBindingWorks(input({ ...overridden, renderedFrom: 'd1', known: [from('d0', 'member2')] })).overrideFailures).to.have.length(1);
  });

  it('a Secret with sealed values: every Work names where its values are, none carries them', () => {
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default', uid: 'secret-uid' }, type: 'Opaque' };
    const secretPolicy: PropagationPolicy = { ...policy, spec: { resourceSelectors: [{ apiVersion: 'v1', kind: 'Secret' }] } };
    const built = buildBinding(secret, secretPolicy, { permanentId: 'rb-id' });
    const sealed = { ref: 'event-3', digest: 'hmac-sha256:ab', keys: ['password'] };
    const plan = planBindingWorks(
      input({ binding: { ...built, spec: { ...built.spec, clusters: [{ name: 'member1' }, { name: 'member2' }] } }, template: secret, templateSealedData: sealed }),
    );
    expect(plan.intents).to.have.length(2);
    for (const intent of plan.intents) {
      if (intent.kind !== 'render') throw new Error('expected a render intent');
      expect(intent.sealedManifests).to.deep.equal([{ manifestIndex: 0, namespace: 'default', name: 'db', ...sealed }]);
      expect(intent.render({ uid: 'u', permanentId: 'p', creationTimestamp: 't' }).spec.workload.manifests[0]).to.not.have.property('data');
    }
    const [plain] = planBindingWorks(input()).intents;
    expect(plain?.kind === 'render' && plain.sealedManifests).to.deep.equal([]);
  });
});
