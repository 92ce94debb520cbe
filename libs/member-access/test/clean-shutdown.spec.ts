import { expect } from 'chai';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { ClusterLimiter, ClusterStatusCollector, ManagedObjectInformers, MemberObjects } from '../src/index.js';
import { clientFor, eventually } from './support.js';

/** Sockets and timers alive in this process, by kind (the simulator's own included). */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe('shutting member access down', function () {
  this.timeout(20_000);
  let sim: MemberSim;

  before(async () => {
    sim = await startMemberSim({ clusters: [{ name: 'm1' }, { name: 'm2' }] });
  });
  after(async () => sim?.stop());

  it('leaves no socket or timer behind: probes, collections, caches, applies, informers, an unreachable member', async () => {
    await new Promise((resolve) => setImmediate(resolve)); // mocha arms this test's timeout timer only now
    const baseline = handles();
    const collector = new ClusterStatusCollector({ cacheSyncTimeoutMs: 300, probeTimeoutMs: 300, discovery: { timeoutMs: 300 }, watch: { backoff: { initialMs: 50, maxMs: 100 } } });
    const limiter = new ClusterLimiter();
    const parts = ['m1', 'm2'].map((name) => {
      const client = clientFor(sim, name);
      collector.start(name, client);
      const informers = new ManagedObjectInformers(name, client, { onEvent: () => undefined, watch: { backoff: { initialMs: 50, maxMs: 100 } } });
      return { name, client, informers, objects: new MemberObjects(name, client, { limiter }) };
    });
    sim.setHealth('m2', 'unreachable');
    for (const p of parts) {
      await collector.probe(p.name);
      await collector.collect(p.name);
      p.informers.watch({ apiVersion: 'v1', kind: 'ConfigMap' });
      await p.objects.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', labels: { 'karmada.io/managed': 'true' } }, data: { a: '1' } }).catch(() => undefined);
    }
    expect(await parts[0]!.informers.waitForSync({ apiVersion: 'v1', kind: 'ConfigMap' }, 5_000)).to.equal(true);
    expect(handles()['TCPSocketWrap'] ?? 0).to.be.greaterThan(baseline['TCPSocketWrap'] ?? 0);

    await collector.close();
    for (const p of parts) {
      await p.informers.stop();
      p.client.close();
    }
    sim.setHealth('m2', 'healthy');
    const settled = await eventually(() => {
      const now = handles();
      return (now['TCPSocketWrap'] ?? 0) <= (baseline['TCPSocketWrap'] ?? 0) && (now['Timeout'] ?? 0) <= (baseline['Timeout'] ?? 0) && now;
    }, 5_000, 'sockets and timers back to the baseline');
    expect(settled['TCPSocketWrap'] ?? 0).to.be.at.most(baseline['TCPSocketWrap'] ?? 0);
  });
});
