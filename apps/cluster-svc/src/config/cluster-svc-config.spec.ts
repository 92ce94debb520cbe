import { expect } from 'chai';
import { ConfigError, loadReplicaPartition } from '@karmada-ts/service-runtime';
import { loadClusterSvcConfig } from './cluster-svc-config.js';

describe('loadClusterSvcConfig', () => {
  // As the runtime builds it: the partition read from the same environment (RuntimeConfig.partition).
  const load = (env: Record<string, string | undefined>) => loadClusterSvcConfig({ env, partition: loadReplicaPartition(env) });

  it("defaults to Karmada's timings, probing every cluster in every replica", () => {
    expect(load({})).to.deep.equal({
      statusIntervalMs: 10_000,
      failureThresholdMs: 30_000,
      successThresholdMs: 30_000,
      noExecuteGraceMs: 60_000,
      discoveryIntervalMs: 60_000,
      probeTimeoutMs: 5_000,
      concurrency: 32,
      replica: 1,
      replicas: 1,
    });
  });

  const valid = [
    { name: 'fractional seconds for fast tests', env: { CLUSTER_STATUS_INTERVAL_SECONDS: '0.5', CLUSTER_FAILURE_THRESHOLD_SECONDS: '1' }, want: { statusIntervalMs: 500, failureThresholdMs: 1000 } },
    { name: 'zero thresholds publish every change at once', env: { CLUSTER_SUCCESS_THRESHOLD_SECONDS: '0', CLUSTER_NOEXECUTE_GRACE_SECONDS: '0' }, want: { successThresholdMs: 0, noExecuteGraceMs: 0 } },
    { name: "a zero discovery interval reads discovery every round, as Karmada does", env: { CLUSTER_DISCOVERY_INTERVAL_SECONDS: '0' }, want: { discoveryIntervalMs: 0 } },
    { name: 'a partition of three replicas', env: { KARMADA_REPLICA: '2', KARMADA_REPLICAS: '3' }, want: { replica: 2, replicas: 3 } },
    { name: "the stack's replica number alone does not partition", env: { KARMADA_REPLICA: '2' }, want: { replica: 1, replicas: 1 } },
  ];
  for (const c of valid) it(c.name, () => expect(load(c.env)).to.include(c.want));

  const invalid = [
    { name: 'a non-number interval', env: { CLUSTER_STATUS_INTERVAL_SECONDS: 'ten' } },
    { name: 'a zero interval', env: { CLUSTER_STATUS_INTERVAL_SECONDS: '0' } },
    { name: 'a negative threshold', env: { CLUSTER_FAILURE_THRESHOLD_SECONDS: '-1' } },
    { name: 'a negative discovery interval', env: { CLUSTER_DISCOVERY_INTERVAL_SECONDS: '-5' } },
    { name: 'a replica outside the partition', env: { KARMADA_REPLICA: '4', KARMADA_REPLICAS: '3' } },
    { name: 'a fractional concurrency', env: { CLUSTER_STATUS_CONCURRENCY: '1.5' } },
  ];
  for (const c of invalid) it(`refuses ${c.name}`, () => expect(() => load(c.env)).to.throw(ConfigError));
});
