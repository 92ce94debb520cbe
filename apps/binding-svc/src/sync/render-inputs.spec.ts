import { expect } from 'chai';
import { buildBinding, type KubeObject, type PropagationPolicy } from '@karmada-ts/domain';
import { DigestMemo, renderInputsDigest, type RenderInputs } from './render-inputs.js';

const template: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u' }, spec: { replicas: 2 } };
const policy: PropagationPolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'pp', namespace: 'default' },
  spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] },
};
const binding = buildBinding(template, policy, { permanentId: 'rb-id' });
const base: RenderInputs = { template, templateSealedData: undefined, binding, sharedDigest: 's1', namespacePoliciesDigest: 'n1' };

describe('renderInputsDigest', () => {
  const cases: { name: string; inputs: RenderInputs }[] = [
    { name: 'the template', inputs: { ...base, template: { ...template, spec: { replicas: 3 } } } },
    { name: 'sealed values', inputs: { ...base, templateSealedData: { ref: 'r', digest: 'd', keys: ['k'] } } },
    { name: 'the placement', inputs: { ...base, binding: { ...binding, spec: { ...binding.spec, clusters: [{ name: 'member1', replicas: 2 }] } } } },
    { name: 'the Clusters or ClusterOverridePolicies', inputs: { ...base, sharedDigest: 's2' } },
    { name: "the namespace's OverridePolicies", inputs: { ...base, namespacePoliciesDigest: 'n2' } },
  ];
  for (const c of cases) {
    it(`changes with ${c.name}`, () => {
      expect(renderInputsDigest(c.inputs)).to.not.equal(renderInputsDigest(base));
    });
  }

  it('is the same for equal inputs read again', () => {
    expect(renderInputsDigest(structuredClone(base))).to.equal(renderInputsDigest(base));
  });
});

describe('DigestMemo', () => {
  it('digests a value once while it lives, and equal values alike', () => {
    const memo = new DigestMemo();
    const clusters = [{ metadata: { name: 'member1' } }];
    const first = memo.of(clusters);
    clusters.push({ metadata: { name: 'member2' } }); // the read model never changes what it handed out
    expect(memo.of(clusters)).to.equal(first);
    expect(memo.of([{ metadata: { name: 'member1' } }])).to.equal(first);
    expect(memo.of([{ metadata: { name: 'member2' } }])).to.not.equal(first);
  });
});
