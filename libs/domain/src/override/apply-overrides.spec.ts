import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import type { ClusterOverridePolicy, OverridePolicy, OverrideSpec, ResourceSelector } from '../api/policy.js';
import { appliedOverridesAnnotation } from './applied-overrides.js';
import { applyOverrides } from './apply-overrides.js';
import { matchingOverrideRules } from './matching-override-rules.js';

const cluster = (name: string, labels: Record<string, string> = {}): Cluster => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name, labels },
  spec: { syncMode: 'Push' },
});
const member1 = cluster('member1', { env: 'prod' });
const template: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } }, spec: { replicas: 1 } };
const all: ResourceSelector = { apiVersion: 'apps/v1', kind: 'Deployment' };
const byName: ResourceSelector = { ...all, name: 'nginx' };
const byLabel: ResourceSelector = { ...all, labelSelector: { matchLabels: { app: 'nginx' } } };
const setLabel = (value: string): OverrideSpec['overrideRules'] => [{ overriders: { labelsOverrider: [{ operator: 'add', value: { who: value } }] } }];

const op = (name: string, spec: OverrideSpec, namespace = 'default'): OverridePolicy => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'OverridePolicy', metadata: { name, namespace }, spec });
const cop = (name: string, spec: OverrideSpec): ClusterOverridePolicy => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterOverridePolicy', metadata: { name }, spec });

describe('matchingOverrideRules', () => {
  const order = (policies: { clusterOverridePolicies?: ClusterOverridePolicy[]; overridePolicies?: OverridePolicy[] }, target: KubeObject = template) =>
    matchingOverrideRules(target, member1, { clusterOverridePolicies: policies.clusterOverridePolicies ?? [], overridePolicies: policies.overridePolicies ?? [] }).map(
      (r) => `${r.policy.kind === 'ClusterOverridePolicy' ? 'cop' : 'op'}:${r.policy.name}#${r.ruleIndex}`,
    );

  const cases: { name: string; policies: Parameters<typeof order>[0]; target?: KubeObject; want: string[] }[] = [
    {
      name: 'cluster policies first, then namespaced ones',
      policies: { overridePolicies: [op('a', { overrideRules: setLabel('a') })], clusterOverridePolicies: [cop('z', { overrideRules: setLabel('z') })] },
      want: ['cop:z#0', 'op:a#0'],
    },
    {
      name: 'within a kind: implicit priority ascending, then name',
      policies: {
        overridePolicies: [
          op('by-name', { resourceSelectors: [byName], overrideRules: setLabel('n') }),
          op('b-all', { overrideRules: setLabel('b') }),
          op('by-label', { resourceSelectors: [byLabel], overrideRules: setLabel('l') }),
          op('a-all', { resourceSelectors: [all], overrideRules: setLabel('a') }),
        ],
      },
      want: ['op:a-all#0', 'op:b-all#0', 'op:by-label#0', 'op:by-name#0'],
    },
    { name: 'non-matching selectors are skipped', policies: { overridePolicies: [op('x', { resourceSelectors: [{ ...all, name: 'redis' }], overrideRules: setLabel('x') })] }, want: [] },
    { name: 'OverridePolicies of other namespaces are skipped', policies: { overridePolicies: [op('x', { overrideRules: setLabel('x') }, 'other')] }, want: [] },
    {
      name: 'rules are filtered by target cluster',
      policies: {
        overridePolicies: [
          op('x', {
            overrideRules: [
              { targetCluster: { clusterNames: ['member2'] }, overriders: {} },
              { targetCluster: { labelSelector: { matchLabels: { env: 'prod' } } }, overriders: {} },
              { overriders: {} },
            ],
          }),
        ],
      },
      want: ['op:x#1', 'op:x#2'],
    },
    {
      name: 'the deprecated targetCluster/overriders pair still works',
      policies: { overridePolicies: [op('old', { targetCluster: { clusterNames: ['member1'] }, overriders: {} }), op('old2', { targetCluster: { clusterNames: ['member9'] }, overriders: {} })] },
      want: ['op:old#0'],
    },
    {
      name: 'a cluster-scoped template gets cluster policies only',
      target: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
      policies: { clusterOverridePolicies: [cop('c', { overrideRules: setLabel('c') })], overridePolicies: [op('o', { overrideRules: setLabel('o') })] },
      want: ['cop:c#0'],
    },
  ];
  for (const c of cases) it(c.name, () => expect(order(c.policies, c.target)).to.deep.equal(c.want));
});

describe('applyOverrides', () => {
  it('applies in order so the most specific wins, and records what was applied', () => {
    const result = applyOverrides(template, member1, {
      clusterOverridePolicies: [cop('cluster-wide', { overrideRules: setLabel('cop') })],
      overridePolicies: [op('specific', { resourceSelectors: [byName], overrideRules: setLabel('specific') }), op('general', { overrideRules: setLabel('general') })],
    });
    if (!result.ok) throw new Error(result.error.summary);
    expect(result.object.metadata.labels).to.deep.equal({ app: 'nginx', who: 'specific' });
    expect(result.appliedOverrides.map((i) => i.policyName)).to.deep.equal(['general', 'specific']);
    expect(result.annotations).to.deep.equal({
      'policy.karmada.io/applied-cluster-overrides': '[{"policyName":"cluster-wide","overriders":{"labelsOverrider":[{"operator":"add","value":{"who":"cop"}}]}}]',
      'policy.karmada.io/applied-overrides':
        '[{"policyName":"general","overriders":{"labelsOverrider":[{"operator":"add","value":{"who":"general"}}]}},{"policyName":"specific","overriders":{"labelsOverrider":[{"operator":"add","value":{"who":"specific"}}]}}]',
    });
  });

  it('no matching policy: the template unchanged and no annotations', () => {
    const result = applyOverrides(template, member1, { clusterOverridePolicies: [], overridePolicies: [] });
    expect(result).to.deep.equal({ ok: true, object: template, annotations: {}, appliedClusterOverrides: [], appliedOverrides: [] });
  });

  it('a failing rule names the policy, rule, overrider and path, and nothing is applied', () => {
    const result = applyOverrides(template, member1, {
      clusterOverridePolicies: [cop('fine', { overrideRules: setLabel('x') })],
      overridePolicies: [op('broken', { overrideRules: [{ overriders: {} }, { overriders: { plaintext: [{ path: '/spec/nope/deeper', operator: 'add', value: 1 }] } }] })],
    });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error).to.deep.include({ policy: { kind: 'OverridePolicy', namespace: 'default', name: 'broken' }, ruleIndex: 1, overrider: 'plaintext', index: 0, path: '/spec/nope/deeper' });
    expect(result.error.summary).to.equal(
      'OverridePolicy "default/broken" rule 1 plaintext[0] at /spec/nope/deeper: add operation does not apply: doc is missing path: "/spec/nope/deeper"',
    );
    expect(template.metadata.labels).to.deep.equal({ app: 'nginx' });
  });
});

describe('appliedOverridesAnnotation', () => {
  it('writes Go field order, omits empty lists, keeps null values and escapes HTML like Go', () => {
    const value = appliedOverridesAnnotation([
      {
        policyName: 'b',
        overriders: {
          fieldOverrider: [{ fieldPath: '/data/x', yaml: [{ subPath: '/a', operator: 'remove' }] }],
          imageOverrider: [{ component: 'Tag', operator: 'replace', value: 'v<2>&' }],
          plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 3 }],
          commandOverrider: [],
          argsOverrider: [{ containerName: 'c', operator: 'remove' }],
        },
      },
      { policyName: 'a', overriders: { plaintext: [{ path: '/metadata/labels/x', operator: 'remove' }] } },
    ]);
    expect(value).to.equal(
      '[{"policyName":"a","overriders":{"plaintext":[{"path":"/metadata/labels/x","operator":"remove","value":null}]}},' +
        '{"policyName":"b","overriders":{"plaintext":[{"path":"/spec/replicas","operator":"replace","value":3}],' +
        '"imageOverrider":[{"component":"Tag","operator":"replace","value":"v\\u003c2\\u003e\\u0026"}],' +
        '"argsOverrider":[{"containerName":"c","operator":"remove"}],' +
        '"fieldOverrider":[{"fieldPath":"/data/x","yaml":[{"subPath":"/a","operator":"remove","value":null}]}]}}]',
    );
    expect(appliedOverridesAnnotation([])).to.equal(undefined);
  });
});
