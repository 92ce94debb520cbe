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

  const timeouts: { name: string; value: string | undefined; want: number }[] = [
    { name: "the graceful eviction timeout is Karmada's 10 minutes by default", value: undefined, want: 600 },
    { name: 'a timeout in seconds', value: '30', want: 30 },
    { name: 'fractions for tests', value: '1.5', want: 1.5 },
  ];
  for (const c of timeouts) {
    it(c.name, () => expect(loadSchedulerConfig({ env: { GRACEFUL_EVICTION_TIMEOUT_SECONDS: c.value } }).failover.gracefulEvictionTimeoutSeconds).to.equal(c.want));
  }

  for (const bad of ['0', '-5', 'ten', '1e3']) {
    it(`refuses the timeout ${bad}`, () => {
      expect(() => loadSchedulerConfig({ env: { GRACEFUL_EVICTION_TIMEOUT_SECONDS: bad } })).to.throw(ConfigError, /GRACEFUL_EVICTION_TIMEOUT_SECONDS/);
    });
  }
});
