import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import type { AnyPropagationPolicy, ClusterPropagationPolicy, PropagationPolicy, PropagationSpec } from '../api/policy.js';
import type { AnyResourceBinding } from '../api/work.js';
import { buildBinding } from '../policy/build-binding.js';
import type { PolicyClaim } from '../policy/claim.js';
import type { DetectInput } from '../policy/detect.js';
import { cluster } from '../scheduling/fixtures.spec.js';
import { previewPolicy, templatesInScope, type PreviewInput, type PreviewTemplate, type TemplatePreview } from './preview-policy.js';

const now = '2026-03-01T12:00:00Z';
const gpuTaint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };

function deployment(name = 'web', namespace = 'default', labels: Record<string, string> = { app: name }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, uid: `uid-${name}`, labels },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } } },
  };
}

function pp(name: string, spec: Partial<PropagationSpec> = {}, namespace = 'default'): PropagationPolicy {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace, labels: { 'propagationpolicy.karmada.io/permanent-id': `id-${name}` } },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], placement: {}, ...spec },
  };
}

function cpp(name: string, spec: Partial<PropagationSpec> = {}): ClusterPropagationPolicy {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'ClusterPropagationPolicy',
    metadata: { name, labels: { 'clusterpropagationpolicy.karmada.io/permanent-id': `id-${name}` } },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], placement: {}, ...spec },
  };
}

const claimBy = (policy: PropagationPolicy): PolicyClaim => ({ kind: 'PropagationPolicy', namespace: policy.metadata.namespace ?? '', name: policy.metadata.name ?? '', permanentId: `id-${policy.metadata.name}` });

const twoClusters: Cluster[] = [cluster('member1'), cluster('member2')];
const duplicated = { clusterAffinity: { clusterNames: ['member1', 'member2'] }, replicaScheduling: { replicaSchedulingType: 'Duplicated' as const } };
const weighted = {
  clusterAffinity: { clusterNames: ['member1', 'member2'] },
  replicaScheduling: {
    replicaSchedulingType: 'Divided' as const,
    replicaDivisionPreference: 'Weighted' as const,
    weightPreference: {
      staticWeightList: [
        { targetCluster: { clusterNames: ['member1'] }, weight: 2 },
        { targetCluster: { clusterNames: ['member2'] }, weight: 1 },
      ],
    },
  },
};

interface Case {
  name: string;
  policy: AnyPropagationPolicy;
  templates?: PreviewTemplate[];
  policies?: Partial<DetectInput>;
  clusters?: Cluster[];
  want: Partial<TemplatePreview> & { clusters?: { name: string; replicas?: number }[] };
}

function run(c: Case): TemplatePreview {
  const input: PreviewInput = {
    policy: c.policy,
    templates: c.templates ?? [{ template: deployment(), submitted: true }],
    policies: { propagationPolicies: [], clusterPropagationPolicies: [], ...c.policies },
    clusters: c.clusters ?? twoClusters,
    now,
    newPermanentId: 'rb-new',
    failover: { enabled: true },
  };
  const items = previewPolicy(input);
  expect(items).to.have.length(1);
  return items[0]!;
}

describe('previewPolicy', () => {
  describe('which templates the policy claims', () => {
    const cases: Case[] = [
      {
        name: 'an unclaimed template the policy matches alone',
        policy: pp('web', { placement: duplicated }),
        want: { claimed: true, reason: 'the policy matches it and no other policy takes precedence', binding: { kind: 'ResourceBinding', name: 'web-deployment' } },
      },
      {
        name: 'a matching policy of higher priority wins',
        policy: pp('web'),
        policies: { propagationPolicies: [pp('important', { priority: 5 })] },
        want: { claimed: false, reason: 'PropagationPolicy default/important matches it with a higher priority (5 > 0)' },
      },
      {
        name: 'at equal priority the more specific selector wins',
        policy: pp('all'),
        policies: { propagationPolicies: [pp('by-name', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }] })] },
        want: { claimed: false, reason: 'PropagationPolicy default/by-name matches it more specifically (by name rather than by kind alone)' },
      },
      {
        name: 'at equal priority and specificity the first name wins',
        policy: pp('zeta'),
        policies: { propagationPolicies: [pp('alpha')] },
        want: { claimed: false, reason: 'PropagationPolicy default/alpha matches it as well, with the same priority, and its name sorts first' },
      },
      {
        name: 'a PropagationPolicy beats any ClusterPropagationPolicy',
        policy: cpp('everywhere', { priority: 100 }),
        policies: { propagationPolicies: [pp('local')] },
        want: { claimed: false, reason: 'PropagationPolicy default/local matches it too, and a PropagationPolicy always takes precedence over a ClusterPropagationPolicy' },
      },
      {
        name: 'a claim sticks to its policy, whatever the priority of the newcomer',
        policy: pp('web', { priority: 10, preemption: 'Always' }),
        templates: [{ template: deployment(), claim: claimBy(pp('old')), submitted: false }],
        policies: { propagationPolicies: [pp('old')] },
        want: { claimed: false, reason: 'already claimed by PropagationPolicy default/old: a claim stays with its policy; preemption: Always needs the PolicyPreemption feature gate, which is off' },
      },
      {
        name: 'the new version of the claiming policy keeps its templates',
        policy: pp('web', { placement: duplicated }),
        templates: [{ template: deployment(), claim: claimBy(pp('web')), submitted: false }],
        policies: { propagationPolicies: [pp('web', { placement: {} })] },
        want: { claimed: true, reason: 'already claimed by this policy' },
      },
      {
        name: 'a claim whose policy is gone is released, and the template offered again',
        policy: pp('web'),
        templates: [{ template: deployment(), claim: claimBy(pp('deleted')), submitted: false }],
        want: { claimed: true, reason: 'the policy matches it and no other policy takes precedence' },
      },
      {
        name: 'a PropagationPolicy claims nothing outside its namespace',
        policy: pp('web', {}, 'other'),
        want: { claimed: false, reason: 'a PropagationPolicy claims templates of its own namespace (other) only' },
      },
      {
        name: 'selectors that do not match',
        policy: pp('web', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { app: 'api' } } }] }),
        want: { claimed: false, reason: 'no resourceSelector of the policy matches it' },
      },
      {
        name: 'missing dependentOverrides make the template wait',
        policy: pp('web', { dependentOverrides: ['images'] }),
        want: { claimed: false, reason: "the policy's dependentOverrides images do not exist: the template waits until they do" },
      },
      {
        name: 'templates of reserved namespaces are never propagated',
        policy: cpp('everything'),
        templates: [{ template: deployment('web', 'karmada-system'), submitted: true }],
        want: { claimed: false, reason: "Karmada never propagates it: objects of reserved or skipped namespaces (karmada-system, karmada-cluster, karmada-es-*, kube-*), Karmada's own APIs, events and leases stay in the control plane" },
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const got = run(c);
        expect({ claimed: got.claimed, reason: got.reason }).to.deep.equal({ claimed: c.want.claimed, reason: c.want.reason });
        if (c.want.binding) expect(got.binding).to.deep.equal(c.want.binding);
        if (!got.claimed) expect(got).not.to.have.any.keys('binding', 'placement');
      });
    }
  });

  describe('where a claimed template would be placed', () => {
    const cases: Case[] = [
      {
        name: 'Duplicated: every cluster gets all replicas',
        policy: pp('web', { placement: duplicated }),
        want: { clusters: [{ name: 'member1', replicas: 3 }, { name: 'member2', replicas: 3 }] },
      },
      {
        name: 'Divided by static weights 2:1',
        policy: pp('web', { placement: weighted }),
        want: { clusters: [{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 1 }] },
      },
      {
        name: 'a cluster outside the affinity is rejected by ClusterAffinity',
        policy: pp('web', { placement: { clusterAffinity: { clusterNames: ['member2'] } } }),
        want: { clusters: [{ name: 'member2', replicas: 3 }] },
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const placement = run(c).placement!;
        expect(placement).to.include({ scheduled: true, rescheduled: true, message: 'Binding has been scheduled successfully.' });
        expect(placement.clusters).to.deep.equal(c.want.clusters);
        const targets = c.want.clusters!.map((t) => t.name);
        expect(placement.explanation.filter((e) => e.result === 'Selected').map((e) => e.cluster)).to.deep.equal(targets);
        for (const other of placement.explanation.filter((e) => !targets.includes(e.cluster))) expect(other.rejectedBy?.plugin).to.equal('ClusterAffinity');
      });
    }

    it("unschedulable: Karmada's FitError message, and each cluster's filter and reason", () => {
      const placement = run({
        name: 'tainted',
        policy: pp('web', { placement: duplicated }),
        clusters: [cluster('member1', { taints: [gpuTaint] }), cluster('member2', { taints: [gpuTaint] }), cluster('member3')],
        want: {},
      }).placement!;
      expect(placement).to.deep.equal({
        scheduled: false,
        rescheduled: true,
        clusters: [],
        message:
          '0/3 clusters are available: 1 cluster(s) did not match the placement cluster affinity constraint, 2 cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}.',
        explanation: [
          { cluster: 'member1', result: 'Rejected', rejectedBy: { plugin: 'TaintToleration', reasons: ['cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}'] } },
          { cluster: 'member2', result: 'Rejected', rejectedBy: { plugin: 'TaintToleration', reasons: ['cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}'] } },
          { cluster: 'member3', result: 'Rejected', rejectedBy: { plugin: 'ClusterAffinity', reasons: ['cluster(s) did not match the placement cluster affinity constraint'] } },
        ],
      });
    });

    it('a placed binding nothing reschedules keeps its clusters', () => {
      const policy = pp('web', { placement: weighted });
      const placed: AnyResourceBinding = {
        ...buildBinding(deployment(), policy, { permanentId: 'rb-1' }),
        status: { conditions: [{ type: 'Scheduled', status: 'True', reason: 'Success', message: 'Binding has been scheduled successfully.', lastTransitionTime: now }] },
      };
      placed.spec.clusters = [{ name: 'member1', replicas: 3 }];
      placed.metadata.annotations = { ...placed.metadata.annotations, 'policy.karmada.io/applied-placement': JSON.stringify(weighted) };
      const placement = run({
        name: 'kept',
        policy,
        templates: [{ template: deployment(), claim: claimBy(policy), binding: placed, submitted: false }],
        policies: { propagationPolicies: [policy] },
        want: {},
      }).placement!;
      expect(placement).to.deep.equal({ scheduled: true, rescheduled: false, clusters: [{ name: 'member1', replicas: 3 }], message: 'Binding has been scheduled successfully.', explanation: [] });
    });

    it('a binding for another scheduler is not placed', () => {
      const placement = run({ name: 'other scheduler', policy: pp('web', { schedulerName: 'my-scheduler' }), want: {} }).placement!;
      expect(placement).to.deep.equal({ scheduled: false, rescheduled: false, clusters: [], message: 'the binding names the scheduler "my-scheduler": default-scheduler leaves it alone', explanation: [] });
    });
  });
});

describe('templatesInScope', () => {
  it('keeps the templates the detector considers that the policy matches', () => {
    const policy = cpp('apps', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { tier: 'front' } } }] });
    const templates = [
      deployment('web', 'default', { tier: 'front' }),
      deployment('db', 'default', { tier: 'back' }),
      deployment('dns', 'kube-system', { tier: 'front' }),
      deployment('agent', 'karmada-system', { tier: 'front' }),
      deployment('shop', 'shop', { tier: 'front' }),
    ].map((template) => ({ template }));
    expect(templatesInScope(policy, templates).map(({ template }) => `${template.metadata.namespace}/${template.metadata.name}`)).to.deep.equal(['default/web', 'shop/shop']);
  });
});
