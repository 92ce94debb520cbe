import { expect } from 'chai';
import { withConditions } from './derived-parts.js';

describe('binding conditions from two writers', () => {
  const scheduled = (status: string) => ({ type: 'Scheduled', status });
  const applied = (status: string) => ({ type: 'FullyApplied', status });
  const cases: { name: string; current: unknown; updates: object[]; want: object[] }[] = [
    { name: 'none yet', current: undefined, updates: [scheduled('True')], want: [scheduled('True')] },
    { name: 'a new type is appended', current: [scheduled('True')], updates: [applied('False')], want: [scheduled('True'), applied('False')] },
    { name: 'the same type is replaced in place', current: [scheduled('False'), applied('True')], updates: [scheduled('True')], want: [scheduled('True'), applied('True')] },
    { name: 'no updates keep what is there', current: [applied('True')], updates: [], want: [applied('True')] },
    { name: 'junk is dropped', current: ['x', 3, applied('True')], updates: [null as unknown as object], want: [applied('True')] },
  ];
  for (const c of cases) it(c.name, () => expect(withConditions(c.current, c.updates)).to.deep.equal(c.want));
});
