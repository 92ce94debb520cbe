import { expect } from 'chai';
import { parseResourceList } from '@karmada-ts/kube';
import { choosePlacement, placementRequests, type SchedulableNode } from './scheduling.js';

function node(name: string, cpu: string, allocatedCpu: string, extra: Partial<SchedulableNode> = {}): SchedulableNode {
  return {
    name,
    labels: { zone: name.endsWith('1') ? 'a' : 'b' },
    allocatable: parseResourceList({ cpu, memory: '8Gi', pods: '2' }),
    allocated: parseResourceList({ cpu: allocatedCpu, pods: '0' }),
    ready: true,
    unschedulable: false,
    taints: [],
    ...extra,
  };
}

const requests = placementRequests({ spec: { containers: [{ resources: { requests: { cpu: '1', memory: '1Gi' } } }] } });

describe('first-fit placement', () => {
  const cases: { name: string; nodes: SchedulableNode[]; selector?: Record<string, string>; tolerations?: object[]; expected: ReturnType<typeof choosePlacement> }[] = [
    { name: 'the first node that fits', nodes: [node('n1', '2', '1500m'), node('n2', '2', '0')], expected: { node: 'n2' } },
    { name: 'exact fit', nodes: [node('n1', '2', '1')], expected: { node: 'n1' } },
    { name: 'insufficient cpu everywhere', nodes: [node('n1', '2', '1500m'), node('n2', '500m', '0')], expected: { unschedulable: '0/2 nodes are available: 2 Insufficient cpu.' } },
    { name: 'node selector', nodes: [node('n1', '4', '0'), node('n2', '4', '0')], selector: { zone: 'b' }, expected: { node: 'n2' } },
    {
      name: 'not ready, unschedulable and tainted nodes are skipped',
      nodes: [node('n1', '4', '0', { ready: false }), node('n2', '4', '0', { unschedulable: true }), node('n3', '4', '0', { taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] })],
      expected: {
        unschedulable: "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable, 1 node(s) had untolerated taint {gpu: yes}.",
      },
    },
    { name: 'tolerated taint', nodes: [node('n3', '4', '0', { taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] })], tolerations: [{ key: 'gpu', operator: 'Exists' }], expected: { node: 'n3' } },
    { name: 'too many pods', nodes: [node('n1', '4', '0', { allocated: parseResourceList({ pods: '2' }) })], expected: { unschedulable: '0/1 nodes are available: 1 Too many pods.' } },
    { name: 'no nodes', nodes: [], expected: { unschedulable: '0/0 nodes are available: no nodes available to schedule pods.' } },
  ];
  for (const c of cases) it(c.name, () => expect(choosePlacement(requests, c.selector ?? {}, c.tolerations ?? [], c.nodes)).to.deep.equal(c.expected));
});
