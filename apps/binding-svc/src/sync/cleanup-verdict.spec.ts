import { expect } from 'chai';
import { WorkCleanedUp, WorkDeletionRequested, WorkRendered, type BindingRefJson } from '@karmada-ts/contracts';
import type { LastEvent } from '../read-models/read-model-tables.js';
import { cleanupVerdict, type CleanupCandidate } from './cleanup-verdict.js';

const binding: BindingRefJson = { kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid: 'rb-uid' };
const other: BindingRefJson = { kind: 'ClusterResourceBinding', name: 'nginx-deployment', uid: 'x' };
const key = (cluster: string) => ({ namespace: `karmada-es-${cluster}`, name: 'nginx-687f7fb96f' });
/** A Work event of `owner` (null: no binding, a namespace's). */
const event = (type: string, cluster: string, owner: BindingRefJson | null = binding): LastEvent => ({
  type,
  seq: 1,
  data: { work: { metadata: { ...key(cluster), uid: `${cluster}-uid` } }, cluster, ...(owner ? { binding: owner } : {}) },
});
const cleaned = (cluster: string, uid = `${cluster}-uid`): LastEvent => ({ type: WorkCleanedUp.type, seq: 2, data: { work: { ...key(cluster), uid } } });
const candidate = (cluster: string, head: LastEvent | undefined, report?: LastEvent): CleanupCandidate => ({ key: key(cluster), head, report });

describe('cleanupVerdict', () => {
  const cases: { name: string; candidates: CleanupCandidate[]; clean: boolean; live?: string[] }[] = [
    { name: 'no Work anywhere', candidates: [candidate('member1', undefined)], clean: true },
    { name: 'every deletion cleaned up', candidates: [candidate('member1', event(WorkDeletionRequested.type, 'member1'), cleaned('member1'))], clean: true },
    { name: 'a deletion not cleaned up yet', candidates: [candidate('member1', event(WorkDeletionRequested.type, 'member1'))], clean: false },
    { name: 'a cleanup of an earlier incarnation', candidates: [candidate('member1', event(WorkDeletionRequested.type, 'member1'), cleaned('member1', 'old'))], clean: false },
    { name: 'a live Work the read model missed', candidates: [candidate('member1', event(WorkRendered.type, 'member1'))], clean: false, live: ['karmada-es-member1'] },
    { name: 'Works of others do not count', candidates: [candidate('member1', event(WorkRendered.type, 'member1', other)), candidate('member2', event(WorkRendered.type, 'member2', null))], clean: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const verdict = cleanupVerdict(binding, c.candidates);
      expect(verdict.clean).to.equal(c.clean);
      expect(verdict.live.map((l) => l.key.namespace)).to.deep.equal(c.live ?? []);
    });
  }
});
