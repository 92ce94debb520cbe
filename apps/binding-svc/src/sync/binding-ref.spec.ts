import { expect } from 'chai';
import type { BindingUpsertedData, KubeObjectJson, PlacementDecidedData } from '@karmada-ts/contracts';
import { scheduledBinding } from './binding-ref.js';

const binding: KubeObjectJson = {
  apiVersion: 'work.karmada.io/v1alpha2',
  kind: 'ResourceBinding',
  metadata: { name: 'nginx-deployment', namespace: 'default', uid: 'rb-uid' },
  spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }, replicas: 2 },
};
const placement = (uid: string): PlacementDecidedData => ({
  binding: { kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid },
  observedBindingSeq: 1,
  clusters: [{ name: 'member1', replicas: 2 }],
  gracefulEvictionTasks: [{ fromCluster: 'member2', purgeMode: 'Gracefully', reason: 'TaintUntolerated', producer: 'TaintManager' }],
  scheduledCondition: {},
  explanation: [],
});
const upserted: BindingUpsertedData = { binding };

describe('scheduledBinding', () => {
  const cases: { name: string; placement: PlacementDecidedData | undefined; clusters: string[]; evicting: string[] }[] = [
    { name: 'not scheduled yet', placement: undefined, clusters: [], evicting: [] },
    { name: 'the placement of this binding', placement: placement('rb-uid'), clusters: ['member1'], evicting: ['member2'] },
    { name: 'a placement of an earlier binding of the same name', placement: placement('old'), clusters: [], evicting: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const scheduled = scheduledBinding(upserted, c.placement);
      expect(scheduled.spec.clusters?.map((t) => t.name)).to.deep.equal(c.clusters);
      expect(scheduled.spec.gracefulEvictionTasks?.map((t) => t.fromCluster)).to.deep.equal(c.evicting);
      expect(scheduled.spec.replicas).to.equal(2);
    });
  }
});
