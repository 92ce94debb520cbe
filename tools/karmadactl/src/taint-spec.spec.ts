import { expect } from 'chai';
import type { Taint } from '@karmada-ts/domain';
import { applyTaintChange, parseTaintChange } from './taint-spec.js';

describe('parseTaintChange', () => {
  const good = [
    { arg: 'dedicated=gpu:NoSchedule', want: { action: 'add', taint: { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' } } },
    { arg: 'cluster.karmada.io/unschedulable:NoSchedule', want: { action: 'add', taint: { key: 'cluster.karmada.io/unschedulable', effect: 'NoSchedule' } } },
    { arg: 'dedicated:NoExecute-', want: { action: 'remove', key: 'dedicated', effect: 'NoExecute' } },
    { arg: 'dedicated-', want: { action: 'remove', key: 'dedicated' } },
  ];
  for (const c of good) it(`parses ${c.arg}`, () => expect(parseTaintChange(c.arg)).to.deep.equal(c.want));

  const bad = [
    { arg: 'dedicated=gpu', error: /needs an effect/ },
    { arg: 'dedicated=gpu:Sometimes', error: /invalid taint effect/ },
    { arg: 'bad key=x:NoSchedule', error: /invalid taint key/ },
    { arg: 'a=b=c:NoSchedule', error: /invalid taint key/ },
    { arg: 'a:b:NoSchedule', error: /expected key/ },
    { arg: '', error: /expected key/ },
  ];
  for (const c of bad) it(`rejects "${c.arg}"`, () => expect(() => parseTaintChange(c.arg)).to.throw(c.error));
});

describe('applyTaintChange', () => {
  const now = '2026-01-01T00:00:00Z';
  const existing: Taint[] = [
    { key: 'a', value: '1', effect: 'NoSchedule' },
    { key: 'a', effect: 'NoExecute' },
    { key: 'b', effect: 'NoSchedule' },
  ];
  it('adds with the time added', () => {
    expect(applyTaintChange([], parseTaintChange('c=x:NoSchedule'), now)).to.deep.equal([{ key: 'c', value: 'x', effect: 'NoSchedule', timeAdded: now }]);
  });
  it('replaces the same key and effect', () => {
    expect(applyTaintChange(existing, parseTaintChange('a=2:NoSchedule'), now)).to.deep.equal([existing[1], existing[2], { key: 'a', value: '2', effect: 'NoSchedule', timeAdded: now }]);
  });
  it('removes one effect of a key', () => {
    expect(applyTaintChange(existing, parseTaintChange('a:NoExecute-'), now)).to.deep.equal([existing[0], existing[2]]);
  });
  it('removes every effect of a key', () => {
    expect(applyTaintChange(existing, parseTaintChange('a-'), now)).to.deep.equal([existing[2]]);
  });
});
