import { expect } from 'chai';
import type { ResourceSummary } from '../api/cluster.js';
import { nodeSummary, resourceSummary } from './resource-summary.js';

const node = (allocatable: Record<string, string>, ready: 'True' | 'False' | 'no condition' = 'True'): object => ({
  status: { allocatable, ...(ready !== 'no condition' ? { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: ready }] } : {}) },
});

interface PodSketch {
  nodeName?: string;
  phase?: string;
  containers?: Record<string, string>[];
  initContainers?: Record<string, string>[];
  overhead?: Record<string, string>;
  limitsOnly?: Record<string, string>;
}

const pod = (p: PodSketch): object => ({
  spec: {
    ...(p.nodeName ? { nodeName: p.nodeName } : {}),
    containers: [
      ...(p.containers ?? []).map((requests, i) => ({ name: `c${i}`, resources: { requests } })),
      ...(p.limitsOnly ? [{ name: 'limited', resources: { limits: p.limitsOnly } }] : []),
    ],
    ...(p.initContainers ? { initContainers: p.initContainers.map((requests, i) => ({ name: `i${i}`, resources: { requests } })) } : {}),
    ...(p.overhead ? { overhead: p.overhead } : {}),
  },
  status: { phase: p.phase ?? 'Running' },
});

describe('nodeSummary', () => {
  const cases = [
    { name: 'counts nodes and the ready ones', nodes: [node({}), node({}, 'False'), node({}, 'no condition'), node({})], want: { totalNum: 4, readyNum: 2 } },
    { name: 'no ready node leaves readyNum out, as omitempty does', nodes: [node({}, 'False')], want: { totalNum: 1 } },
    { name: 'no nodes at all is an empty summary', nodes: [], want: {} },
  ];
  for (const c of cases) it(c.name, () => expect(nodeSummary(c.nodes)).to.deep.equal(c.want));
});

describe('resourceSummary', () => {
  const cases: { name: string; nodes: object[]; pods: object[]; want: ResourceSummary }[] = [
    {
      name: 'allocatable sums every node, each sum in its canonical form',
      nodes: [node({ cpu: '8', memory: '32Gi', pods: '110' }), node({ cpu: '7910m', memory: '32Gi', pods: '110' }, 'False')],
      pods: [],
      want: { allocatable: { cpu: '15910m', memory: '64Gi', pods: '220' } },
    },
    {
      name: 'a sum keeps the format of its first quantity: kibibytes stay binary, whole gibibytes fold up',
      nodes: [node({ memory: '32883524Ki', 'ephemeral-storage': '100Gi' }), node({ memory: '1Gi', 'ephemeral-storage': '1000000000' })],
      pods: [],
      want: { allocatable: { 'ephemeral-storage': '108374182400', memory: '33932100Ki' } },
    },
    {
      name: 'zero sums are kept; a zero first quantity takes the format of the next',
      nodes: [node({ 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' }), node({ 'hugepages-1Gi': '0', 'hugepages-2Mi': '4Mi' })],
      pods: [],
      want: { allocatable: { 'hugepages-1Gi': '0', 'hugepages-2Mi': '4Mi' } },
    },
    {
      name: 'bound running pods are allocated, pods without a node are allocating, each with a pod count',
      nodes: [],
      pods: [
        pod({ nodeName: 'n1', containers: [{ cpu: '100m', memory: '128Mi' }, { cpu: '250m', memory: '128Mi' }] }),
        pod({ nodeName: 'n2', phase: 'Pending', containers: [{ cpu: '1', memory: '1Gi' }] }),
        pod({ containers: [{ cpu: '2', memory: '3Gi' }], phase: 'Pending' }),
      ],
      want: { allocated: { cpu: '1350m', memory: '1280Mi', pods: '2' }, allocating: { cpu: '2', memory: '3Gi', pods: '1' } },
    },
    {
      name: 'succeeded and failed pods on a node count nowhere; a failed pod without a node is still allocating',
      nodes: [],
      pods: [
        pod({ nodeName: 'n1', phase: 'Succeeded', containers: [{ cpu: '1' }] }),
        pod({ nodeName: 'n1', phase: 'Failed', containers: [{ cpu: '1' }] }),
        pod({ phase: 'Failed', containers: [{ cpu: '500m' }] }),
      ],
      want: { allocating: { cpu: '500m', pods: '1' } },
    },
    {
      name: 'an init container raises a resource to its own request; overhead is added on top',
      nodes: [],
      pods: [pod({ nodeName: 'n1', containers: [{ cpu: '100m', memory: '64Mi' }], initContainers: [{ cpu: '500m', memory: '32Mi' }, { cpu: '200m' }], overhead: { cpu: '10m', memory: '1Mi' } })],
      want: { allocated: { cpu: '510m', memory: '65Mi', pods: '1' } },
    },
    {
      name: 'each pod takes its own init maximum (not the running total of earlier pods)',
      nodes: [],
      pods: [pod({ nodeName: 'n1', containers: [{ cpu: '1' }] }), pod({ nodeName: 'n1', containers: [{ cpu: '100m' }], initContainers: [{ cpu: '600m' }] })],
      want: { allocated: { cpu: '1600m', pods: '2' } },
    },
    {
      name: 'limits alone are not requests (the API server defaults them on a real pod)',
      nodes: [],
      pods: [pod({ nodeName: 'n1', limitsOnly: { cpu: '1' } })],
      want: { allocated: { pods: '1' } },
    },
    {
      name: 'extended and hugepages resources are counted, unknown names and bad quantities are not',
      nodes: [],
      pods: [pod({ nodeName: 'n1', containers: [{ 'nvidia.com/gpu': '2', 'hugepages-2Mi': '4Mi', foo: '3', cpu: 'lots' }] })],
      want: { allocated: { 'hugepages-2Mi': '4Mi', 'nvidia.com/gpu': '2', pods: '1' } },
    },
    {
      name: 'cpu requests round up to whole millicores, memory to whole bytes',
      nodes: [],
      pods: [pod({ nodeName: 'n1', containers: [{ cpu: '0.0001', memory: '0.5' }] })],
      want: { allocated: { cpu: '1m', memory: '1', pods: '1' } },
    },
    { name: 'no nodes and no pods is an empty summary', nodes: [], pods: [], want: {} },
  ];
  for (const c of cases) it(c.name, () => expect(resourceSummary(c.nodes, c.pods)).to.deep.equal(c.want));
});
