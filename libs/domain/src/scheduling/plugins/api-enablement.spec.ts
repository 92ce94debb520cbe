import { expect } from 'chai';
import { bindingSpec, cluster, contextFor, viewOf, type ClusterOptions } from '../fixtures.spec.js';
import { apiEnablementPlugin } from './api-enablement.js';

describe('APIEnablement plugin', () => {
  const cases: { name: string; cluster: ClusterOptions; kind: string; scheduled?: boolean; want: string; detail?: RegExp }[] = [
    { name: 'the API is served', cluster: {}, kind: 'Deployment', want: 'Success' },
    { name: 'not served, complete list: disabled', cluster: {}, kind: 'Rollout', want: 'Unschedulable', detail: /is not served/ },
    { name: 'not listed, partial list: unknown fails too', cluster: { completeApis: false }, kind: 'Rollout', want: 'Unschedulable', detail: /incomplete/ },
    { name: 'already scheduled there: passes', cluster: { apis: [] }, kind: 'Rollout', scheduled: true, want: 'Success' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const spec = bindingSpec({
        resource: { apiVersion: 'apps/v1', kind: c.kind, name: 'x' },
        ...(c.scheduled ? { clusters: [{ name: 'member1' }] } : {}),
      });
      const result = apiEnablementPlugin.filter(contextFor(spec), viewOf(cluster('member1', c.cluster)));
      expect(result.code).to.equal(c.want);
      if (c.detail) {
        expect(result.reasons).to.deep.equal(['cluster(s) did not have the API resource']);
        expect(result.detail).to.match(c.detail);
      }
    });
  }
});
