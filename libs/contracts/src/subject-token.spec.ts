import { expect } from 'chai';
import {
  clusterScopedToken,
  decodeNamespaceToken,
  decodeToken,
  encodeNamespaceToken,
  encodeToken,
  SubjectTokenError,
} from './subject-token.js';

describe('subject token encoding', () => {
  const cases: { name: string; value: string; token: string }[] = [
    { name: 'plain DNS label stays as is', value: 'web-1', token: 'web-1' },
    { name: 'upper case and digits stay as is', value: 'ABCxyz09', token: 'ABCxyz09' },
    { name: 'dots (DNS subdomain names)', value: 'web.v1', token: 'web~2ev1' },
    { name: 'plural.group', value: 'deployments.apps', token: 'deployments~2eapps' },
    { name: 'colons (RBAC names)', value: 'system:controller:foo', token: 'system~3acontroller~3afoo' },
    { name: 'the escape character itself', value: 'a~b', token: 'a~7eb' },
    { name: 'underscore is encoded, so "_" stays free for cluster-scoped', value: '_', token: '~5f' },
    { name: 'wildcards', value: '*>', token: '~2a~3e' },
    { name: 'whitespace', value: 'a b\tc', token: 'a~20b~09c' },
    { name: 'multi-byte UTF-8', value: 'é', token: '~c3~a9' },
    { name: 'astral characters', value: '🚀', token: '~f0~9f~9a~80' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${JSON.stringify(c.value)} ↔ ${c.token}`, () => {
      expect(encodeToken(c.value)).to.equal(c.token);
      expect(decodeToken(c.token)).to.equal(c.value);
      expect(c.token).to.match(/^[^.*>\s]+$/);
    });
  }

  it('refuses to encode an empty name', () => {
    expect(() => encodeToken('')).to.throw(SubjectTokenError);
  });

  const invalidTokens: { name: string; token: string }[] = [
    { name: 'a raw dot', token: 'a.b' },
    { name: 'a truncated escape', token: 'a~2' },
    { name: 'upper-case hex (not canonical)', token: 'a~2Eb' },
    { name: 'an escaped plain character (not canonical)', token: '~61' },
    { name: 'bytes that are not UTF-8', token: '~ff' },
    { name: 'the empty token', token: '' },
  ];
  for (const c of invalidTokens) {
    it(`rejects ${c.name}`, () => {
      expect(() => decodeToken(c.token)).to.throw(SubjectTokenError);
    });
  }

  const namespaces: { name: string; namespace: string | undefined; token: string }[] = [
    { name: 'cluster-scoped (undefined)', namespace: undefined, token: clusterScopedToken },
    { name: 'namespaced', namespace: 'kube-system', token: 'kube-system' },
    { name: 'a namespace called "_"', namespace: '_', token: '~5f' },
  ];
  for (const c of namespaces) {
    it(`namespace token: ${c.name}`, () => {
      expect(encodeNamespaceToken(c.namespace)).to.equal(c.token);
      expect(decodeNamespaceToken(c.token)).to.equal(c.namespace);
    });
  }
  it('an empty namespace means cluster-scoped', () => {
    expect(encodeNamespaceToken('')).to.equal(clusterScopedToken);
  });
});
