import { expect } from 'chai';
import type { Taint, Toleration } from '../../api/meta.js';
import { bindingSpec, cluster, contextFor, viewOf } from '../fixtures.spec.js';
import { taintTolerationPlugin } from './taint-toleration.js';

describe('TaintToleration plugin', () => {
  const cases: { name: string; taints: Taint[]; tolerations?: Toleration[]; scheduled?: boolean; want: string[] }[] = [
    { name: 'no taints', taints: [], want: [] },
    { name: 'untolerated NoSchedule', taints: [{ key: 'key1', value: 'value1', effect: 'NoSchedule' }], want: ['cluster(s) had untolerated taint {key1=value1:NoSchedule}'] },
    { name: 'untolerated NoExecute', taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' }], want: ['cluster(s) had untolerated taint {cluster.karmada.io/not-ready:NoExecute}'] },
    { name: 'PreferNoSchedule is ignored', taints: [{ key: 'soft', effect: 'PreferNoSchedule' }], want: [] },
    { name: 'tolerated', taints: [{ key: 'key1', value: 'value1', effect: 'NoSchedule' }], tolerations: [{ key: 'key1', operator: 'Equal', value: 'value1' }], want: [] },
    { name: 'already scheduled there: passes regardless', taints: [{ key: 'key1', effect: 'NoSchedule' }], scheduled: true, want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const spec = bindingSpec({
        placement: c.tolerations ? { clusterTolerations: c.tolerations } : {},
        ...(c.scheduled ? { clusters: [{ name: 'member1', replicas: 1 }] } : {}),
      });
      const result = taintTolerationPlugin.filter(contextFor(spec), viewOf(cluster('member1', { taints: c.taints })));
      expect(result.reasons).to.deep.equal(c.want);
      expect(result.code).to.equal(c.want.length ? 'Unschedulable' : 'Success');
    });
  }
});
