import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { AggregatedStatusItem } from '../api/work.js';
import { aggregateTemplateStatus } from './aggregate-template-status.js';

const now = '2026-02-01T00:00:00Z';
const template = (apiVersion: string, kind: string, status?: unknown, spec: unknown = {}, generation = 5): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'o', namespace: 'default', generation },
  spec,
  ...(status === undefined ? {} : { status }),
});
const item = (clusterName: string, status?: unknown): AggregatedStatusItem => ({ clusterName, ...(status === undefined ? {} : { status }), applied: true, health: 'Healthy' });
const latest = { generation: 2, observedGeneration: 2, resourceTemplateGeneration: 5 };

const cases: { name: string; template: KubeObject; items: AggregatedStatusItem[]; want: unknown }[] = [
  {
    name: 'Deployment: counters summed, observedGeneration set when every member is on the latest template',
    template: template('apps/v1', 'Deployment'),
    items: [
      item('member1', { ...latest, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }),
      item('member2', { ...latest, replicas: 1, updatedReplicas: 1, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 1 }),
    ],
    want: { observedGeneration: 5, replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 1 },
  },
  {
    name: 'Deployment: a member on an older template keeps the old observedGeneration',
    template: template('apps/v1', 'Deployment', { observedGeneration: 4, replicas: 1 }),
    items: [item('member1', { ...latest, replicas: 2 }), item('member2', { ...latest, resourceTemplateGeneration: 4, replicas: 1 })],
    want: { observedGeneration: 4, replicas: 3 },
  },
  {
    name: 'Deployment: a member that has not observed its own spec keeps the old observedGeneration',
    template: template('apps/v1', 'Deployment', { observedGeneration: 4 }),
    items: [item('member1', { generation: 3, observedGeneration: 2, resourceTemplateGeneration: 5, replicas: 2 })],
    want: { observedGeneration: 4, replicas: 2 },
  },
  {
    name: 'Deployment: a member without status yet blocks observedGeneration',
    template: template('apps/v1', 'Deployment', { observedGeneration: 4 }),
    items: [item('member1', { ...latest, replicas: 2 }), item('member2')],
    want: { observedGeneration: 4, replicas: 2 },
  },
  {
    name: 'Deployment: member conditions listed per cluster (beyond Karmada), own conditions kept',
    template: template('apps/v1', 'Deployment', { conditions: [{ type: 'Own', status: 'True' }, { type: 'gone/Available', status: 'True' }] }),
    items: [
      item('member2', { ...latest, replicas: 1, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'm2', lastTransitionTime: 't2' }] }),
      item('member1', { ...latest, replicas: 1, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'm1', lastTransitionTime: 't1' }] }),
    ],
    want: {
      conditions: [
        { type: 'Own', status: 'True' },
        { type: 'member1/Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'm1', lastTransitionTime: 't1' },
        { type: 'member2/Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'm2', lastTransitionTime: 't2' },
      ],
      observedGeneration: 5,
      replicas: 2,
    },
  },
  {
    name: 'StatefulSet: required counters stay at zero',
    template: template('apps/v1', 'StatefulSet'),
    items: [item('member1', { ...latest, replicas: 0, availableReplicas: 0 })],
    want: { observedGeneration: 5, replicas: 0, availableReplicas: 0 },
  },
  {
    name: 'ReplicaSet',
    template: template('apps/v1', 'ReplicaSet'),
    items: [item('member1', { ...latest, replicas: 2, readyReplicas: 1, availableReplicas: 1 }), item('member2', { ...latest, replicas: 1, readyReplicas: 1, availableReplicas: 1 })],
    want: { observedGeneration: 5, replicas: 3, readyReplicas: 2, availableReplicas: 2 },
  },
  {
    name: 'DaemonSet',
    template: template('apps/v1', 'DaemonSet'),
    items: [
      item('member1', { ...latest, currentNumberScheduled: 2, desiredNumberScheduled: 2, numberReady: 2, numberMisscheduled: 0, updatedNumberScheduled: 2, numberAvailable: 2 }),
      item('member2', { ...latest, currentNumberScheduled: 3, desiredNumberScheduled: 3, numberReady: 1, numberMisscheduled: 0, numberUnavailable: 2 }),
    ],
    want: {
      observedGeneration: 5,
      currentNumberScheduled: 5,
      numberMisscheduled: 0,
      desiredNumberScheduled: 5,
      numberReady: 3,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
      numberUnavailable: 2,
    },
  },
  {
    name: 'Job: running in two clusters',
    template: template('batch/v1', 'Job'),
    items: [item('member1', { active: 1, succeeded: 2, startTime: '2026-01-01T00:00:10Z' }), item('member2', { active: 2, startTime: '2026-01-01T00:00:05Z' })],
    want: { startTime: '2026-01-01T00:00:05Z', active: 3, succeeded: 2 },
  },
  {
    name: 'Job: complete everywhere',
    template: template('batch/v1', 'Job', { startTime: 's0', active: 1 }),
    items: [
      item('member1', { succeeded: 2, startTime: 's1', completionTime: '2026-01-01T00:01:00Z', conditions: [{ type: 'Complete', status: 'True' }] }),
      item('member2', { succeeded: 1, startTime: 's2', completionTime: '2026-01-01T00:02:00Z', conditions: [{ type: 'Complete', status: 'True' }] }),
    ],
    want: {
      conditions: [
        { type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'Completed', message: 'Job completed' },
        { type: 'member1/Complete', status: 'True' },
        { type: 'member2/Complete', status: 'True' },
      ],
      startTime: 's0',
      completionTime: '2026-01-01T00:02:00Z',
      succeeded: 3,
    },
  },
  {
    name: 'Job: failed in one cluster',
    template: template('batch/v1', 'Job'),
    items: [item('member1', { failed: 6, conditions: [{ type: 'Failed', status: 'True' }] }), item('member2', { active: 1 })],
    want: {
      conditions: [
        { type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'JobFailed', message: 'Job executed failed in member clusters member1' },
        { type: 'member1/Failed', status: 'True' },
      ],
      active: 1,
      failed: 6,
    },
  },
  {
    name: 'LoadBalancer Service: ingress points merged, deduplicated and sorted',
    template: template('v1', 'Service', undefined, { type: 'LoadBalancer' }),
    items: [
      item('member1', { loadBalancer: { ingress: [{ ip: '10.0.0.2' }, { hostname: 'b.example' }] } }),
      item('member2', { loadBalancer: { ingress: [{ ip: '10.0.0.1', ports: [{ port: 443, protocol: 'TCP' }] }, { ip: '10.0.0.2' }, { hostname: 'a.example' }] } }),
      item('member3', { loadBalancer: { ingress: [{ ip: '10.0.0.1', ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] }] } }),
    ],
    want: {
      loadBalancer: {
        ingress: [{ hostname: 'a.example' }, { hostname: 'b.example' }, { ip: '10.0.0.1', ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] }, { ip: '10.0.0.2' }],
      },
    },
  },
  {
    name: 'LoadBalancer Service without addresses yet',
    template: template('v1', 'Service', { loadBalancer: { ingress: [{ ip: 'stale' }] } }, { type: 'LoadBalancer' }),
    items: [item('member1', { loadBalancer: {} })],
    want: { loadBalancer: {} },
  },
  {
    name: 'Ingress',
    template: template('networking.k8s.io/v1', 'Ingress'),
    items: [item('member1', { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] } }), item('member2', { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] } })],
    want: { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] } },
  },
  {
    name: 'Pod: worst phase wins, container statuses reduced, member conditions listed',
    template: template('v1', 'Pod'),
    items: [
      item('member1', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'c', ready: true, restartCount: 3, state: { running: {} } }] }),
      item('member2'),
    ],
    want: { phase: 'Pending', containerStatuses: [{ ready: true, state: { running: {} } }], conditions: [{ type: 'member1/Ready', status: 'True' }] },
  },
  {
    name: 'Pod: Succeeded only when every member succeeded',
    template: template('v1', 'Pod'),
    items: [item('member1', { phase: 'Succeeded' }), item('member2', { phase: 'Running' })],
    want: { phase: 'Running', containerStatuses: [] },
  },
  { name: 'PVC: Bound everywhere', template: template('v1', 'PersistentVolumeClaim'), items: [item('member1', { phase: 'Bound' }), item('member2', { phase: 'Bound' })], want: { phase: 'Bound' } },
  { name: 'PVC: one Pending', template: template('v1', 'PersistentVolumeClaim'), items: [item('member1', { phase: 'Pending' }), item('member2', { phase: 'Bound' })], want: { phase: 'Pending' } },
  { name: 'PVC: Lost wins', template: template('v1', 'PersistentVolumeClaim'), items: [item('member1', { phase: 'Lost' }), item('member2', { phase: 'Pending' })], want: { phase: 'Lost' } },
];

describe('aggregateTemplateStatus', () => {
  for (const c of cases) it(c.name, () => expect(aggregateTemplateStatus(c.template, c.items, now).status).to.deep.equal(c.want));

  const untouched: { name: string; template: KubeObject; items: AggregatedStatusItem[] }[] = [
    { name: 'a kind without aggregator', template: template('v1', 'ConfigMap'), items: [item('member1', { x: 1 })] },
    { name: 'a ClusterIP Service', template: template('v1', 'Service', undefined, { type: 'ClusterIP' }), items: [item('member1')] },
    { name: 'a finished Job', template: template('batch/v1', 'Job', { conditions: [{ type: 'Complete', status: 'True' }] }), items: [item('member1', { active: 1 })] },
    { name: 'a Pod with no member yet', template: template('v1', 'Pod'), items: [] },
    { name: 'an unchanged Deployment status', template: template('apps/v1', 'Deployment', { observedGeneration: 5, replicas: 2 }), items: [item('member1', { ...latest, replicas: 2 })] },
  ];
  for (const c of untouched) it(`returns the template itself for ${c.name}`, () => expect(aggregateTemplateStatus(c.template, c.items, now)).to.equal(c.template));

  it('keeps Job condition times across passes', () => {
    const done = [item('member1', { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] })];
    const failedOnce = aggregateTemplateStatus(template('batch/v1', 'Job'), [item('member1', { failed: 1, conditions: [{ type: 'Failed', status: 'True' }] }), item('member2', { active: 1 })], now);
    const again = aggregateTemplateStatus(failedOnce, [item('member1', { failed: 1, conditions: [{ type: 'Failed', status: 'True' }] }), item('member2', { active: 1 })], 'later');
    expect(again).to.equal(failedOnce);
    expect(aggregateTemplateStatus(template('batch/v1', 'Job'), done, now).status).to.not.have.property('completionTime');
  });
});
