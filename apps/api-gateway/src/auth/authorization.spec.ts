import { expect } from 'chai';
import { isKubeStatusError, type ResourceAttributes } from '@karmada-ts/kube';
import { authorize, TokenAuthenticator } from './authorization.js';

const authenticator = new TokenAuthenticator([
  { token: 'admin-token', user: 'admin', role: 'admin' },
  { token: 'view-token', user: 'viewer', role: 'view' },
]);

function attempt(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (isKubeStatusError(error)) return error.code;
    throw error;
  }
}

describe('authentication and authorization', () => {
  const identities: { name: string; header: string | undefined; user?: string; code?: number }[] = [
    { name: 'an admin token', header: 'Bearer admin-token', user: 'admin' },
    { name: 'any case of "bearer"', header: 'bearer view-token', user: 'viewer' },
    { name: 'no header', header: undefined, code: 401 },
    { name: 'an unknown token', header: 'Bearer nope', code: 401 },
    { name: 'basic auth', header: 'Basic YWRtaW46eA==', code: 401 },
  ];
  for (const c of identities) {
    it(`authenticates ${c.name}`, () => {
      if (c.code) expect(attempt(() => authenticator.authenticate(c.header, 'r1'))).to.equal(c.code);
      else expect(authenticator.authenticate(c.header, 'r1').user).to.equal(c.user);
    });
  }

  const on = (verb: string, resource = 'deployments'): ResourceAttributes => ({
    verb,
    group: resource === 'deployments' ? 'apps' : '',
    resource,
    subresource: undefined,
    namespace: 'default',
    name: 'web',
  });
  const decisions: { token: string; verb: string; resource?: string; code: number | undefined }[] = [
    { token: 'admin-token', verb: 'create', code: undefined },
    { token: 'admin-token', verb: 'delete', code: undefined },
    { token: 'admin-token', verb: 'get', resource: 'secrets', code: undefined },
    { token: 'view-token', verb: 'get', code: undefined },
    { token: 'view-token', verb: 'list', code: undefined },
    { token: 'view-token', verb: 'watch', code: undefined },
    { token: 'view-token', verb: 'patch', code: 403 },
    { token: 'view-token', verb: 'deletecollection', code: 403 },
    { token: 'view-token', verb: 'get', resource: 'secrets', code: 403 },
    { token: 'view-token', verb: 'list', resource: 'secrets', code: 403 },
  ];
  for (const c of decisions) {
    it(`${c.token.replace('-token', '')} ${c.code ? 'may not' : 'may'} ${c.verb} ${c.resource ?? 'deployments'}`, () => {
      expect(attempt(() => authorize(authenticator.authenticate(`Bearer ${c.token}`, 'r1'), on(c.verb, c.resource)))).to.equal(c.code);
    });
  }

  it('says who may not do what, as the apiserver does', () => {
    try {
      authorize(authenticator.authenticate('Bearer view-token', 'r1'), on('update'));
      expect.fail('allowed');
    } catch (error) {
      if (!isKubeStatusError(error)) throw error;
      expect(error.status.message).to.equal(
        'deployments.apps "web" is forbidden: User "viewer" cannot update resource "deployments" in API group "apps" in the namespace "default"',
      );
    }
  });
});
