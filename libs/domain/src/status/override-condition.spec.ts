import { expect } from 'chai';
import type { Condition } from '../api/meta.js';
import type { ConditionUpdate } from './conditions.js';
import { overridePolicyAppliedCondition, type ClusterOverrideFailure } from './override-condition.js';

const failed: Condition = {
  type: 'OverridePolicyApplied',
  status: 'False',
  reason: 'ApplyOverridePolicyFailed',
  message: 'member1: x',
  lastTransitionTime: 't',
};
const fullyApplied: Condition = { type: 'FullyApplied', status: 'True', reason: 'FullyAppliedSuccess', message: 'm', lastTransitionTime: 't' };

describe('overridePolicyAppliedCondition', () => {
  const cases: { name: string; conditions?: Condition[]; failures: ClusterOverrideFailure[]; want: ConditionUpdate | undefined }[] = [
    { name: 'no failure, none recorded before: nothing to record', conditions: [fullyApplied], failures: [], want: undefined },
    {
      name: 'failures: False, listed by cluster name',
      failures: [
        { cluster: 'member2', summary: 'OverridePolicy "default/b" rule 0 plaintext[0] at /spec/x: missing' },
        { cluster: 'member1', summary: 'OverridePolicy "default/a" rule 1 imageOverrider[0]: bad' },
      ],
      want: {
        type: 'OverridePolicyApplied',
        status: 'False',
        reason: 'ApplyOverridePolicyFailed',
        message: 'member1: OverridePolicy "default/a" rule 1 imageOverrider[0]: bad; member2: OverridePolicy "default/b" rule 0 plaintext[0] at /spec/x: missing',
      },
    },
    {
      name: 'a recorded failure is gone: True',
      conditions: [fullyApplied, failed],
      failures: [],
      want: { type: 'OverridePolicyApplied', status: 'True', reason: 'ApplyOverridePolicySucceed', message: 'Override policies applied for every target cluster' },
    },
  ];
  for (const c of cases) it(c.name, () => expect(overridePolicyAppliedCondition(c.conditions, c.failures)).to.deep.equal(c.want));
});
