import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { detectDrift, type DriftedField } from '../cluster/drift.js';
import { redactSecretDrift, type ValueDigest } from './sealed-drift.js';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
const digest: ValueDigest = (value) => `digest(${value.length})`;
const secret = (data: Record<string, string> | undefined, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'apps', annotations: { owner: 'team-a', ...annotations } },
  ...(data ? { data } : {}),
});
const applied = secret({ password: 'c2VjcmV0', username: 'YWRtaW4=' }, { [lastApplied]: '{"data":{"password":"c2VjcmV0"}}' });

describe('redactSecretDrift', () => {
  const cases: { name: string; observed: KubeObject; want: DriftedField[] }[] = [
    {
      name: 'a changed value: the key, and digests for both sides',
      observed: secret({ password: 'aGFja2Vk', username: 'YWRtaW4=' }, { [lastApplied]: '{"data":{"password":"c2VjcmV0"}}' }),
      want: [{ path: '/data/password', from: 'digest(8)', to: 'digest(8)' }],
    },
    {
      name: 'a removed value: the key, and nothing on the member side',
      observed: secret({ username: 'YWRtaW4=' }, { [lastApplied]: '{"data":{"password":"c2VjcmV0"}}' }),
      want: [{ path: '/data/password', from: 'digest(8)', to: undefined }],
    },
    {
      name: 'all data gone: the keys it had, each with a digest',
      observed: secret(undefined, { [lastApplied]: '{"data":{"password":"c2VjcmV0"}}' }),
      want: [{ path: '/data', from: { password: 'digest(8)', username: 'digest(8)' }, to: undefined }],
    },
    {
      name: 'a sealed annotation that changed: digests; other annotations as they are',
      observed: secret({ password: 'c2VjcmV0', username: 'YWRtaW4=' }, { owner: 'team-b', [lastApplied]: '{}' }),
      want: [
        { path: '/metadata/annotations/owner', from: 'team-a', to: 'team-b' },
        { path: '/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration', from: 'digest(32)', to: 'digest(2)' },
      ],
    },
    {
      name: 'all annotations gone: the sealed one masked inside the map',
      observed: { ...secret({ password: 'c2VjcmV0', username: 'YWRtaW4=' }), metadata: { name: 'db', namespace: 'apps' } },
      want: [{ path: '/metadata/annotations', from: { owner: 'team-a', [lastApplied]: 'digest(32)' }, to: undefined }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const fields = detectDrift(applied, c.observed);
      const redacted = redactSecretDrift(applied, fields, [lastApplied], digest);
      expect(redacted).to.deep.equal(c.want);
      expect(JSON.stringify(redacted)).to.not.match(/c2VjcmV0|aGFja2Vk|YWRtaW4=/);
    });
  }

  it('the whole object gone: recorded as it is', () => {
    const gone: DriftedField[] = [{ path: '', from: 'present', to: 'absent' }];
    expect(redactSecretDrift(applied, gone, [lastApplied], digest)).to.deep.equal(gone);
  });

  it('other kinds are recorded as they are', () => {
    const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db' }, data: { a: 'b' } };
    const fields: DriftedField[] = [{ path: '/data/a', from: 'b', to: 'c' }];
    expect(redactSecretDrift(configMap, fields, [lastApplied], digest)).to.deep.equal(fields);
  });
});
