import { expect } from 'chai';
import type { ResourceList } from '../api/meta.js';
import { InvalidQuantityError } from '../quantity/quantity.js';
import { cluster, viewOf, type ClusterOptions } from './fixtures.spec.js';
import { compileReplicaRequest, maxAvailableReplicas } from './general-estimator.js';

describe('maxAvailableReplicas (general estimator)', () => {
  const cases: { name: string; cluster: ClusterOptions; request?: ResourceList; noRequirements?: boolean; want: number }[] = [
    { name: 'no resource summary: 0', cluster: { summary: false }, request: { cpu: '1' }, want: 0 },
    { name: 'no pods left: 0', cluster: { pods: 10, allocated: { pods: '10' } }, noRequirements: true, want: 0 },
    { name: 'over-allocated pods: 0', cluster: { pods: 10, allocated: { pods: '8' }, allocating: { pods: '5' } }, noRequirements: true, want: 0 },
    { name: 'no replica requirements: the free pod count', cluster: { pods: 10 }, noRequirements: true, want: 10 },
    { name: 'no requests at all: the free pod count', cluster: { pods: 30, allocated: { pods: '5' } }, request: {}, want: 25 },
    {
      name: 'cpu in millicores and memory: the tighter one wins',
      cluster: { pods: 100, allocatable: { cpu: '4', memory: '8Gi' }, allocated: { pods: '20', cpu: '1', memory: '2Gi' } },
      request: { cpu: '500m', memory: '1Gi' },
      want: 6,
    },
    {
      name: 'not enough memory for one replica: 0',
      cluster: { allocatable: { cpu: '4', memory: '2Gi' }, allocated: { cpu: '1', memory: '1.5Gi' } },
      request: { cpu: '500m', memory: '1Gi' },
      want: 0,
    },
    { name: 'allocating pods count too', cluster: { pods: 100, allocated: { pods: '40' }, allocating: { pods: '50' } }, request: { cpu: '1m' }, want: 10 },
    { name: 'allocating resources count too', cluster: { allocatable: { cpu: '2' }, allocating: { cpu: '1500m' } }, request: { cpu: '200m' }, want: 2 },
    { name: 'a requested resource the cluster does not list: 0', cluster: {}, request: { cpu: '1', 'nvidia.com/gpu': '1' }, want: 0 },
    { name: 'a resource used up: 0', cluster: { allocatable: { cpu: '2' }, allocated: { cpu: '2' } }, request: { cpu: '100m' }, want: 0 },
    { name: 'a zero request is ignored', cluster: { pods: 7 }, request: { cpu: '0', memory: '0' }, want: 7 },
    { name: 'pods bound the result', cluster: { pods: 3 }, request: { cpu: '1m' }, want: 3 },
    { name: 'extended resources divide in whole units', cluster: { allocatable: { 'nvidia.com/gpu': '8' }, allocated: { 'nvidia.com/gpu': '3' } }, request: { 'nvidia.com/gpu': '2' }, want: 2 },
    { name: 'a fractional memory request rounds up to whole bytes', cluster: { allocatable: { memory: '10' } }, request: { memory: '2500m' }, want: 3 },
    { name: 'amounts beyond 2^53 divide exactly', cluster: { allocatable: { memory: '100Ei' } }, request: { memory: '1Ei' }, want: 7 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const request = c.noRequirements ? undefined : compileReplicaRequest({ resourceRequest: c.request ?? {} });
      expect(maxAvailableReplicas(viewOf(cluster('member', c.cluster)).capacity, request)).to.equal(c.want);
    });
  }

  it('rejects a request that is not a quantity', () => {
    expect(() => compileReplicaRequest({ resourceRequest: { cpu: 'lots' } })).to.throw(InvalidQuantityError);
  });
});
