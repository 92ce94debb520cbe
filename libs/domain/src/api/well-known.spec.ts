import { expect } from 'chai';
import { clusterOfExecutionSpace, executionSpaceName } from './well-known.js';

describe('execution spaces', () => {
  const cases = [
    { namespace: 'karmada-es-member1', want: 'member1' },
    { namespace: executionSpaceName('eu-west.prod'), want: 'eu-west.prod' },
    { namespace: 'karmada-es-', want: undefined },
    { namespace: 'default', want: undefined },
    { namespace: 'karmada-system', want: undefined },
    { namespace: '', want: undefined },
  ];
  for (const c of cases) it(`${JSON.stringify(c.namespace)} is the execution space of ${String(c.want)}`, () => expect(clusterOfExecutionSpace(c.namespace)).to.equal(c.want));
});
