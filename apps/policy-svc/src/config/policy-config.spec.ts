import { expect } from 'chai';
import { ConfigError } from '@karmada-ts/service-runtime';
import { loadPolicyConfig } from './policy-config.js';

describe('loadPolicyConfig', () => {
  const cases: { name: string; value: string | undefined; want: boolean }[] = [
    { name: 'preemption is off by default, as in Karmada', value: undefined, want: false },
    { name: 'an empty value keeps the default', value: ' ', want: false },
    { name: 'true turns it on', value: 'true', want: true },
    { name: 'case does not matter', value: 'TRUE', want: true },
  ];
  for (const c of cases) {
    it(c.name, () => expect(loadPolicyConfig({ env: { POLICY_PREEMPTION_ENABLED: c.value } }).detect.policyPreemption).to.equal(c.want));
  }

  it('refuses anything else, naming the variable', () => {
    expect(() => loadPolicyConfig({ env: { POLICY_PREEMPTION_ENABLED: 'yes' } })).to.throw(ConfigError, /POLICY_PREEMPTION_ENABLED="yes" is not valid: expected true or false/);
  });
});
