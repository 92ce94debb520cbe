import { expect } from 'chai';
import type { Taint, Toleration } from '../api/meta.js';
import { findUntoleratedTaint, taintToString, toleratesTaint } from './tolerations.js';

describe('toleratesTaint', () => {
  const taint: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute' };
  const cases: { name: string; toleration: Toleration; taint?: Taint; want: boolean }[] = [
    { name: 'Exists on the key', toleration: { key: 'cluster.karmada.io/not-ready', operator: 'Exists' }, want: true },
    { name: 'Exists with no key tolerates every taint', toleration: { operator: 'Exists' }, want: true },
    { name: 'empty effect matches every effect', toleration: { key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: '' }, want: true },
    { name: 'another effect does not', toleration: { key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, want: false },
    { name: 'another key does not', toleration: { key: 'other', operator: 'Exists' }, want: false },
    { name: 'Equal needs the same value (both empty)', toleration: { key: 'cluster.karmada.io/not-ready', operator: 'Equal' }, want: true },
    { name: 'empty operator means Equal', toleration: { key: 'k', value: 'v' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: true },
    { name: 'Equal with another value', toleration: { key: 'k', operator: 'Equal', value: 'w' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => expect(toleratesTaint(c.toleration, c.taint ?? taint)).to.equal(c.want));
  }
});

describe('findUntoleratedTaint', () => {
  const notReady: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' };
  const unreachable: Taint = { key: 'cluster.karmada.io/unreachable', effect: 'NoExecute' };
  const cases: { name: string; taints: Taint[]; tolerations: Toleration[]; want: Taint | undefined }[] = [
    { name: 'no taints', taints: [], tolerations: [], want: undefined },
    { name: 'no tolerations: the first taint', taints: [notReady, unreachable], tolerations: [], want: notReady },
    { name: 'the first one not tolerated', taints: [notReady, unreachable], tolerations: [{ key: notReady.key, operator: 'Exists' }], want: unreachable },
    { name: 'all tolerated', taints: [notReady, unreachable], tolerations: [{ operator: 'Exists' }], want: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => expect(findUntoleratedTaint(c.taints, c.tolerations)).to.equal(c.want));
  }
});

describe('taintToString', () => {
  const cases: { taint: Taint; want: string }[] = [
    { taint: { key: 'key1', value: 'value1', effect: 'NoSchedule' }, want: 'key1=value1:NoSchedule' },
    { taint: { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }, want: 'cluster.karmada.io/not-ready:NoSchedule' },
    { taint: { key: 'k', value: 'v', effect: '' as Taint['effect'] }, want: 'k=v:' },
    { taint: { key: 'k', effect: '' as Taint['effect'] }, want: 'k' },
  ];
  for (const c of cases) {
    it(c.want, () => expect(taintToString(c.taint)).to.equal(c.want));
  }
});
