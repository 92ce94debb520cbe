import { expect } from 'chai';
import { redactedValue, redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  const r = redactedValue;
  const cases: { name: string; input: unknown; expected: unknown }[] = [
    { name: 'scalars pass through', input: 42, expected: 42 },
    {
      name: 'harmless fields stay',
      input: { msg: 'hi', subject: 'karmada.x' },
      expected: { msg: 'hi', subject: 'karmada.x' },
    },
    {
      name: 'credential fields at the top level',
      input: { token: 't', password: 'p', authorization: 'Bearer x', apiKey: 'k', clientKeyData: 'c' },
      expected: { token: r, password: r, authorization: r, apiKey: r, clientKeyData: r },
    },
    {
      name: 'case does not matter',
      input: { Authorization: 'x', PASSWORD: 'y', BearerToken: 'z' },
      expected: { Authorization: r, PASSWORD: r, BearerToken: r },
    },
    {
      name: 'event data is never logged',
      input: { envelope: { id: 'e1', type: 'ResourceUpserted', data: { object: { token: 'x' } } } },
      expected: { envelope: { id: 'e1', type: 'ResourceUpserted', data: r } },
    },
    {
      name: 'nested in arrays',
      input: { users: [{ name: 'a', token: 'x' }, { name: 'b' }] },
      expected: { users: [{ name: 'a', token: r }, { name: 'b' }] },
    },
    {
      name: 'Secret objects: data and stringData',
      input: { kind: 'Secret', data: { k: 'dg==' }, stringData: { k: 'v' } },
      expected: { kind: 'Secret', data: r, stringData: r },
    },
    {
      name: 'kubeconfigs, client secrets and HTTP headers',
      input: { kubeconfig: 'apiVersion: v1', clientSecret: 's', headers: { cookie: 'c', accept: 'json' } },
      expected: { kubeconfig: r, clientSecret: r, headers: { cookie: r, accept: 'json' } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(redactSecrets(c.input)).to.deep.equal(c.expected));
  }

  it('does not modify its input', () => {
    const input = { token: 'x' };
    redactSecrets(input);
    expect(input.token).to.equal('x');
  });

  it('keeps errors for the error serializer and survives cycles', () => {
    const err = new Error('boom');
    const cyclic: Record<string, unknown> = { err };
    cyclic.self = cyclic;
    const out = redactSecrets(cyclic) as Record<string, unknown>;
    expect(out.err).to.equal(err);
    expect(out.self).to.equal('[circular]');
  });
});
