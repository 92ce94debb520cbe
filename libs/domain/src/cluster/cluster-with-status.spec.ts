import { expect } from 'chai';
import type { Cluster, ClusterStatus } from '../api/cluster.js';
import type { Taint } from '../api/meta.js';
import { clusterWithStatus, type CollectedClusterStatus } from './cluster-with-status.js';

const cordon: Taint = { key: 'cluster.karmada.io/unschedulable', effect: 'NoSchedule' };
const notReady: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: '2026-01-01T00:00:00Z' };
const notReadyNoExecute: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-01T00:05:00Z' };
const ready: ClusterStatus = { kubernetesVersion: 'v1.31.0' };

function cluster(taints?: Taint[], uid = 'u1'): Cluster {
  return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'm1', uid }, spec: { syncMode: 'Push', ...(taints ? { taints } : {}) } };
}

const cases: { name: string; cluster: Cluster; collected: CollectedClusterStatus | undefined; wantTaints: Taint[] | undefined; wantStatus: ClusterStatus | undefined }[] = [
  { name: 'no status collected yet: the spec as stored', cluster: cluster([cordon]), collected: undefined, wantTaints: [cordon], wantStatus: undefined },
  { name: 'status without controller taints', cluster: cluster(), collected: { uid: 'u1', status: ready }, wantTaints: undefined, wantStatus: ready },
  {
    name: "controller taints come after the user's own",
    cluster: cluster([cordon]),
    collected: { uid: 'u1', status: ready, controllerTaints: [notReady, notReadyNoExecute] },
    wantTaints: [cordon, notReady, notReadyNoExecute],
    wantStatus: ready,
  },
  {
    name: 'a controller taint the user also set is listed once, as the user wrote it',
    cluster: cluster([{ key: notReady.key, effect: 'NoSchedule' }]),
    collected: { status: ready, controllerTaints: [notReady] },
    wantTaints: [{ key: notReady.key, effect: 'NoSchedule' }],
    wantStatus: ready,
  },
  { name: 'a status about an earlier Cluster of the same name is ignored', cluster: cluster([cordon], 'u2'), collected: { uid: 'u1', status: ready, controllerTaints: [notReady] }, wantTaints: [cordon], wantStatus: undefined },
];

describe('clusterWithStatus', () => {
  for (const c of cases) {
    it(c.name, () => {
      const merged = clusterWithStatus(c.cluster, c.collected);
      expect(merged.spec.taints).to.deep.equal(c.wantTaints);
      expect(merged.status).to.deep.equal(c.wantStatus);
    });
  }

  it('does not change the stored spec', () => {
    const stored = cluster([cordon]);
    clusterWithStatus(stored, { status: ready, controllerTaints: [notReady] });
    expect(stored.spec.taints).to.deep.equal([cordon]);
  });
});
