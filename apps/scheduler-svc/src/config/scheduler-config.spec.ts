import { expect } from 'chai';
import { ConfigError } from '@karmada-ts/service-runtime';
import { loadSchedulerConfig } from './scheduler-config.js';

describe('loadSchedulerConfig', () => {
  const cases: { name: string; value: string | undefined; enabled: boolean }[] = [
    { name: 'failover is on by default', value: undefined, enabled: true },
    { name: 'an empty value keeps the default', value: ' ', enabled: true },
    { name: 'false switches it off', value: 'false', enabled: false },
    { name: 'case does not matter', value: 'TRUE', enabled: true },
  ];
  for (const c of cases) it(c.name, () => expect(loadSchedulerConfig({ env: { FAILOVER_ENABLED: c.value } }).failover.enabled).to.equal(c.enabled));

  it('refuses anything else', () => {
    expect(() => loadSchedulerConfig({ env: { FAILOVER_ENABLED: 'no' } })).to.throw(ConfigError, /FAILOVER_ENABLED/);
  });
});
