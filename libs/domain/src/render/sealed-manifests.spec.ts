import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import type { PropagationPolicy } from '../api/policy.js';
import type { Work } from '../api/work.js';
import { buildBinding } from '../policy/build-binding.js';
import { renderWork } from './render-work.js';
import { sealedManifestsOf, type SealedManifest, type SealedValuesRef } from './sealed-manifests.js';

const member1: Cluster = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'member1' }, spec: { syncMode: 'Push' } };
const secret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'apps', uid: 'secret-uid', labels: { app: 'db' } },
  type: 'Opaque',
};
const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db', namespace: 'apps', uid: 'cm-uid' }, data: { a: 'b' } };
const sealed: SealedValuesRef = {
  ref: 'event-7',
  digest: 'hmac-sha256:0f',
  keys: ['password', 'username'],
  annotations: ['kubectl.kubernetes.io/last-applied-configuration'],
};
const policy = (kind: string): PropagationPolicy => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'pp', namespace: 'apps' },
  spec: { resourceSelectors: [{ apiVersion: 'v1', kind }] },
});

function workOf(template: KubeObject): Work {
  const binding = buildBinding(template, policy(template.kind), { permanentId: 'rb-id' });
  const result = renderWork(template, { ...binding, spec: { ...binding.spec, clusters: [{ name: 'member1' }] } }, member1, {
    overridePolicies: { clusterOverridePolicies: [], overridePolicies: [] },
  });
  if (!result.ok) throw new Error(result.error.summary);
  return result.work;
}

describe('sealedManifestsOf', () => {
  const cases: { name: string; template: KubeObject; sealed: SealedValuesRef | undefined; want: SealedManifest[] }[] = [
    {
      name: 'a Secret with sealed values: its manifest, where its values are, and the annotations sealed with them',
      template: secret,
      sealed,
      want: [{ manifestIndex: 0, namespace: 'apps', name: 'db', ...sealed }],
    },
    {
      name: 'a Secret without values: nothing to fill in',
      template: secret,
      sealed: undefined,
      want: [],
    },
    {
      name: 'any other kind is never sealed',
      template: configMap,
      sealed,
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(sealedManifestsOf(workOf(c.template), c.template, c.sealed)).to.deep.equal(c.want));
  }

  it('a new version of the values is a different seal, so the Work changes with it', () => {
    const work = workOf(secret);
    const before = sealedManifestsOf(work, secret, sealed);
    const after = sealedManifestsOf(work, secret, { ...sealed, ref: 'event-9', digest: 'hmac-sha256:a1' });
    expect(after).to.not.deep.equal(before);
    expect(after[0]).to.include({ ref: 'event-9', digest: 'hmac-sha256:a1' });
  });
});
