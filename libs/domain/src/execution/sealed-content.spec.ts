import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { withMemberSecretData, withSealedContent, type SealedContent } from './sealed-content.js';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
const managedAnnotations = 'resourcetemplate.karmada.io/managed-annotations';

const manifest = (extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db',
    namespace: 'apps',
    labels: { 'karmada.io/managed': 'true' },
    annotations: {
      'work.karmada.io/name': 'db-5c8d',
      [managedAnnotations]: `${managedAnnotations},resourcetemplate.karmada.io/managed-labels,work.karmada.io/name`,
    },
  },
  type: 'Opaque',
  ...extra,
});
const content: SealedContent = { data: { password: 'cDQ1NQ==', username: 'YWRtaW4=' }, annotations: { [lastApplied]: '{"data":{"password":"cDQ1NQ=="}}' } };

describe('withSealedContent', () => {
  const cases: { name: string; manifest: KubeObject; content: SealedContent; want: KubeObject }[] = [
    {
      name: 'puts the data and the sealed annotations back, recording the annotations as managed',
      manifest: manifest(),
      content,
      want: {
        ...manifest(),
        metadata: {
          ...manifest().metadata,
          annotations: {
            [lastApplied]: '{"data":{"password":"cDQ1NQ=="}}',
            'work.karmada.io/name': 'db-5c8d',
            [managedAnnotations]: `${lastApplied},${managedAnnotations},resourcetemplate.karmada.io/managed-labels,work.karmada.io/name`,
          },
        },
        data: { password: 'cDQ1NQ==', username: 'YWRtaW4=' },
      },
    },
    {
      name: 'data alone (a Secret written without kubectl apply)',
      manifest: manifest(),
      content: { data: { token: 'dA==' } },
      want: { ...manifest(), data: { token: 'dA==' } },
    },
    {
      name: 'entries an override added to the manifest win over the template',
      manifest: manifest({ data: { username: 'cm9vdA==' } }),
      content: { data: { password: 'cDQ1NQ==', username: 'YWRtaW4=' } },
      want: { ...manifest(), data: { password: 'cDQ1NQ==', username: 'cm9vdA==' } },
    },
    {
      name: 'a service-account token keeps the data the member generates',
      manifest: manifest({ type: 'kubernetes.io/service-account-token' }),
      content: { data: { token: 'dA==' } },
      want: manifest({ type: 'kubernetes.io/service-account-token' }),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = structuredClone(c.manifest);
      expect(withSealedContent(c.manifest, c.content)).to.deep.equal(c.want);
      expect(c.manifest, 'the manifest read from the read model is not edited').to.deep.equal(before);
    });
  }
});

describe('withMemberSecretData', () => {
  const member = { ...manifest(), data: { password: 'cDQ1NQ==' } };
  const cases: { name: string; released: KubeObject; want: KubeObject }[] = [
    { name: 'a released Secret keeps the values of the member copy', released: manifest(), want: { ...manifest(), data: { password: 'cDQ1NQ==' } } },
    {
      name: 'other kinds are released as they are',
      released: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db' } },
      want: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db' } },
    },
  ];
  for (const c of cases) it(c.name, () => expect(withMemberSecretData(c.released, member)).to.deep.equal(c.want));
});
