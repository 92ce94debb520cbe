import { expect } from 'chai';
import type { Condition } from '../api/meta.js';
import { findCondition, isConditionTrue, setCondition, type ConditionUpdate } from './conditions.js';

const t0 = '2026-01-01T00:00:00Z';
const t1 = '2026-01-01T00:05:00Z';
const applied = (status: Condition['status'], message = 'm'): ConditionUpdate => ({ type: 'Applied', status, reason: status === 'True' ? 'AppliedSuccessful' : 'AppliedFailed', message });
const other: Condition = { type: 'Dispatching', status: 'True', reason: 'Dispatching', message: 'd', lastTransitionTime: t0 };

const cases: { name: string; current: Condition[] | undefined; update: ConditionUpdate; want: Condition[] }[] = [
  { name: 'appends a new type at now', current: undefined, update: applied('True'), want: [{ ...applied('True'), lastTransitionTime: t1 }] },
  {
    name: 'same status: keeps the transition time, takes reason and message',
    current: [other, { ...applied('True', 'old'), lastTransitionTime: t0 }],
    update: applied('True', 'new'),
    want: [other, { ...applied('True', 'new'), lastTransitionTime: t0 }],
  },
  {
    name: 'status changes: transition time moves to now',
    current: [{ ...applied('True'), lastTransitionTime: t0 }],
    update: applied('False', 'broke'),
    want: [{ ...applied('False', 'broke'), lastTransitionTime: t1 }],
  },
  {
    name: 'observedGeneration is taken from the update',
    current: [{ ...applied('True'), lastTransitionTime: t0, observedGeneration: 1 }],
    update: { ...applied('True'), observedGeneration: 2 },
    want: [{ ...applied('True'), lastTransitionTime: t0, observedGeneration: 2 }],
  },
];

describe('setCondition', () => {
  for (const c of cases) it(c.name, () => expect(setCondition(c.current, c.update, t1)).to.deep.equal(c.want));

  it('does not edit its input', () => {
    const current = [{ ...applied('True'), lastTransitionTime: t0 }];
    setCondition(current, applied('False'), t1);
    expect(current[0]?.status).to.equal('True');
  });

  it('finds conditions', () => {
    expect(findCondition([other], 'Dispatching')).to.equal(other);
    expect(isConditionTrue([other], 'Dispatching')).to.equal(true);
    expect(isConditionTrue([other], 'Applied')).to.equal(false);
  });
});
