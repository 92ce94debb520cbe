import { expect } from 'chai';
import { unschedulableResult, type PluginResult } from './framework.js';
import { fitErrorMessage } from './scheduling-error.js';

describe('fitErrorMessage', () => {
  const taint = unschedulableResult('cluster(s) had untolerated taint {cluster.karmada.io/not-ready:NoSchedule}');
  const affinity = unschedulableResult('cluster(s) did not match the placement cluster affinity constraint');
  const cases: { name: string; total: number; rejected: PluginResult[]; want: string }[] = [
    { name: 'no clusters at all', total: 0, rejected: [], want: '0/0 clusters are available: no cluster exists.' },
    { name: 'every cluster being deleted', total: 2, rejected: [], want: '0/2 clusters are available: no cluster exists.' },
    {
      name: 'reasons counted and sorted',
      total: 5,
      rejected: [affinity, taint, affinity, taint, affinity],
      want: '0/5 clusters are available: 2 cluster(s) had untolerated taint {cluster.karmada.io/not-ready:NoSchedule}, 3 cluster(s) did not match the placement cluster affinity constraint.',
    },
    {
      name: 'sorted as strings, so 10 comes before 2',
      total: 12,
      rejected: [...Array<PluginResult>(10).fill(affinity), taint, taint],
      want: '0/12 clusters are available: 10 cluster(s) did not match the placement cluster affinity constraint, 2 cluster(s) had untolerated taint {cluster.karmada.io/not-ready:NoSchedule}.',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(fitErrorMessage(c.total, c.rejected)).to.equal(c.want));
  }
});
