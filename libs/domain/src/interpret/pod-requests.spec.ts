import { expect } from 'chai';
import { isScalarResourceName, podRequests } from './pod-requests.js';

const container = (requests?: Record<string, string>, limits?: Record<string, string>) => ({
  name: 'c',
  resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
});

const cases: { name: string; spec: Record<string, unknown> | undefined; want: Record<string, string> | undefined }[] = [
  { name: 'no spec', spec: undefined, want: undefined },
  { name: 'no requests', spec: { containers: [{ name: 'c' }] }, want: undefined },
  { name: 'one container', spec: { containers: [container({ cpu: '500m', memory: '128Mi' })] }, want: { cpu: '500m', memory: '128Mi' } },
  {
    name: 'containers are summed',
    spec: { containers: [container({ cpu: '500m', memory: '1Gi' }), container({ cpu: '1', memory: '1Gi' })] },
    want: { cpu: '1500m', memory: '2Gi' },
  },
  { name: 'limits stand in for missing requests', spec: { containers: [container({ cpu: '100m' }, { cpu: '1', memory: '256Mi' })] }, want: { cpu: '100m', memory: '256Mi' } },
  {
    name: 'an init container larger than the sum wins for that resource only',
    spec: { containers: [container({ cpu: '200m', memory: '1Gi' })], initContainers: [container({ cpu: '2', memory: '64Mi' })] },
    want: { cpu: '2', memory: '1Gi' },
  },
  {
    name: 'init containers are maxed, not summed',
    spec: { containers: [container({ cpu: '100m' })], initContainers: [container({ cpu: '300m' }), container({ cpu: '200m' })] },
    want: { cpu: '300m' },
  },
  { name: 'overhead is added', spec: { containers: [container({ cpu: '250m' })], overhead: { cpu: '250m' } }, want: { cpu: '500m' } },
  {
    name: 'extended resources count, unknown unprefixed names do not',
    spec: { containers: [container({ 'nvidia.com/gpu': '1', storage: '1Gi', 'hugepages-2Mi': '4Mi' })] },
    want: { 'hugepages-2Mi': '4Mi', 'nvidia.com/gpu': '1' },
  },
  { name: 'decimal memory is written canonically', spec: { containers: [container({ memory: '1000' })] }, want: { memory: '1k' } },
  { name: 'zero requests are dropped', spec: { containers: [container({ cpu: '0' })] }, want: undefined },
];

describe('podRequests', () => {
  for (const c of cases) it(c.name, () => expect(podRequests(c.spec)).to.deep.equal(c.want));

  it('lists resources in sorted order, as Go marshals a ResourceList', () => {
    expect(Object.keys(podRequests({ containers: [container({ memory: '1Mi', cpu: '1', 'ephemeral-storage': '1Gi' })] }) ?? {})).to.deep.equal([
      'cpu',
      'ephemeral-storage',
      'memory',
    ]);
  });

  it('knows scalar resource names', () => {
    expect(['example.com/foo', 'kubernetes.io/x', 'hugepages-1Gi', 'attachable-volumes-aws-ebs'].every(isScalarResourceName)).to.equal(true);
    expect(['storage', 'requests.example.com/foo'].some(isScalarResourceName)).to.equal(false);
  });
});
