import { expect } from 'chai';
import { groupVersionPath, resourcePath, type ServedResource } from './resource-resolver.js';

const deployments: ServedResource = { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments', namespaced: true };
const namespaces: ServedResource = { apiVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false };

describe('resource paths', () => {
  const cases = [
    { name: 'core group version', got: groupVersionPath('v1'), want: '/api/v1' },
    { name: 'named group version', got: groupVersionPath('apps/v1'), want: '/apis/apps/v1' },
    { name: 'collection across namespaces', got: resourcePath(deployments), want: '/apis/apps/v1/deployments' },
    { name: 'collection in a namespace', got: resourcePath(deployments, { namespace: 'team-a' }), want: '/apis/apps/v1/namespaces/team-a/deployments' },
    { name: 'one object, name escaped', got: resourcePath(deployments, { namespace: 'default', name: 'a b' }), want: '/apis/apps/v1/namespaces/default/deployments/a%20b' },
    { name: 'cluster-scoped object ignores a namespace', got: resourcePath(namespaces, { namespace: 'x', name: 'team-a' }), want: '/api/v1/namespaces/team-a' },
  ];
  for (const c of cases) it(c.name, () => expect(c.got).to.equal(c.want));
});
