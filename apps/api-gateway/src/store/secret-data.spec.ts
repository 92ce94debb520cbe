import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import type { SecretContent } from '@karmada-ts/secrets';
import { splitSecretContent, withSecretContent } from './secret-data.js';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
const meta = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'Opaque' };
const annotated = (annotations: Record<string, string>) => ({ ...meta, metadata: { ...meta.metadata, annotations } });

describe('secret content', () => {
  const cases: { name: string; secret: KubeObject; object: KubeObject; content: SecretContent | undefined }[] = [
    { name: 'data goes, the rest stays', secret: { ...meta, data: { token: 'c2VjcmV0' } }, object: meta, content: { data: { token: 'c2VjcmV0' } } },
    { name: 'stringData never stays', secret: { ...meta, stringData: { a: 'b' } }, object: meta, content: undefined },
    { name: 'no data', secret: meta, object: meta, content: undefined },
    { name: 'empty data', secret: { ...meta, data: {} }, object: meta, content: undefined },
    {
      name: 'the last-applied manifest goes with the data, other annotations stay',
      secret: { ...annotated({ [lastApplied]: '{"stringData":{"a":"b"}}', team: 'x' }), data: { a: 'Yg==' } },
      object: annotated({ team: 'x' }),
      content: { data: { a: 'Yg==' }, annotations: { [lastApplied]: '{"stringData":{"a":"b"}}' } },
    },
    {
      name: 'a last-applied manifest without data',
      secret: annotated({ [lastApplied]: '{}' }),
      object: meta,
      content: { data: {}, annotations: { [lastApplied]: '{}' } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const split = splitSecretContent(c.secret);
      expect(split.object).to.deep.equal(c.object);
      expect(split.content).to.deep.equal(c.content);
      const { stringData: _ignored, ...served } = c.secret;
      if (!('stringData' in c.secret) && !(c.secret['data'] && Object.keys(c.secret['data']).length === 0)) {
        expect(withSecretContent(split.object, split.content)).to.deep.equal(served);
      }
    });
  }
});
