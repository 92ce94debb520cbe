import { expect } from 'chai';
import { waitFor } from '@karmada-ts/testing';
import { WorkCleanedUp, WorkStatusReported } from '@karmada-ts/contracts';
import { configMap, clusterObject, clusterStatusCollected, clusterWritten, workDeletionRequested, workOf, workRendered } from './builders.js';
import { ExecutorHarness } from './executor-harness.js';
import { appliedReport, cleanedUp } from './support.js';

describe('executor-svc and members that are slow or not ready', function () {
  this.timeout(60_000);
  let harness: ExecutorHarness;

  before(async () => {
    harness = await ExecutorHarness.start(['member1', 'member2', 'member3']);
    await harness.join('member1');
    await harness.join('member2');
    await harness.join('member3', false);
  });
  after(async () => harness?.stop());

  it('applies to a member while another one answers slowly', async () => {
    const latencyMs = 1_000;
    harness.sim.setFaults('member2', { latencyMs });
    const slow = workOf('member2', configMap('slow', 'apps', { a: '1' }));
    const fast = workOf('member1', configMap('fast', 'apps', { a: '1' }));
    const started = performance.now();
    const slowSeq = await harness.append(workRendered(harness.subjects, 'member2', slow));
    const fastSeq = await harness.append(workRendered(harness.subjects, 'member1', fast));

    await harness.waitForStatusEvent(fast, 'the fast member applied', appliedReport(fastSeq));
    const fastMs = performance.now() - started;
    expect(fastMs).to.be.lessThan(latencyMs);
    expect((await harness.statusEvents(slow)).filter((e) => WorkStatusReported.is(e))).to.deep.equal([]);

    await harness.waitForStatusEvent(slow, 'the slow member applied', appliedReport(slowSeq), 30_000);
    expect(performance.now() - started).to.be.greaterThan(latencyMs);
    harness.sim.setFaults('member2', { latencyMs: 0 });
  });

  it('acknowledges a Work as soon as it is through, while a Work of the same batch still waits for a slow member', async () => {
    const slow = workOf('member2', configMap('slow-neighbour', 'apps', { a: '1' }));
    const fast = workOf('member1', configMap('fast-neighbour', 'apps', { a: '1' }));
    let slowSeq = 0;
    let fastSeq = 0;
    // Appended while the executor is stopped: its first pull hands both over in one batch.
    await harness.restart({
      whileStopped: async () => {
        harness.sim.setFaults('member2', { latencyMs: 1_500 });
        slowSeq = await harness.append(workRendered(harness.subjects, 'member2', slow));
        fastSeq = await harness.append(workRendered(harness.subjects, 'member1', fast));
      },
    });
    await harness.waitForStatusEvent(fast, 'the fast member applied', appliedReport(fastSeq));
    await waitFor('the fast Work acknowledged alone', async () => (await harness.worksAckPending()) === 1, { timeoutMs: 1_000 });
    expect((await harness.statusEvents(slow)).filter((e) => WorkStatusReported.is(e))).to.deep.equal([]);

    await harness.waitForStatusEvent(slow, 'the slow member applied', appliedReport(slowSeq), 30_000);
    harness.sim.setFaults('member2', { latencyMs: 0 });
    await harness.drained();
  });

  it('waits for a cluster that is not ready and applies once it is, without holding up other clusters', async () => {
    const work = workOf('member3', configMap('later', 'apps', { a: '1' }));
    const other = workOf('member1', configMap('meanwhile', 'apps', { a: '1' }));
    const seq = await harness.append(workRendered(harness.subjects, 'member3', work));
    const otherSeq = await harness.append(workRendered(harness.subjects, 'member1', other));
    await harness.waitForStatusEvent(other, 'the ready cluster applied', appliedReport(otherSeq));
    await harness.awaitingRetry(seq);
    expect(await harness.statusEvents(work)).to.deep.equal([]);
    expect(await harness.memberObject('member3', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'later' })).to.equal(undefined);

    await harness.append(clusterStatusCollected(harness.subjects, 'member3', true));
    await harness.waitForStatusEvent(work, 'Applied=True once Ready', appliedReport(seq));
    expect(await harness.memberObject('member3', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'later' })).to.not.equal(undefined);
    // The Work event's own retry finds nothing left to do.
    await harness.drained();
    expect((await harness.statusEvents(work)).filter((e) => WorkStatusReported.is(e))).to.have.length(1);
  });

  it('blocks a clean-up while the cluster is not ready, and completes it without the member once it is unjoined', async () => {
    const work = workOf('member3', configMap('leftover', 'apps', { a: '1' }));
    const seq = await harness.append(workRendered(harness.subjects, 'member3', work));
    await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));

    await harness.append(clusterStatusCollected(harness.subjects, 'member3', false));
    await harness.drained();
    const deletionSeq = await harness.append(workDeletionRequested(harness.subjects, 'member3', work));
    await harness.awaitingRetry(deletionSeq);
    expect((await harness.statusEvents(work)).filter((e) => WorkCleanedUp.is(e))).to.deep.equal([]);

    const unjoining = clusterObject('member3', `${harness.sim.url}/clusters/member3`, { deletionTimestamp: new Date().toISOString() });
    await harness.append(clusterWritten(harness.subjects, unjoining, true));
    await harness.waitForStatusEvent(work, 'WorkCleanedUp', cleanedUp);
    // The member was not asked: what was applied is still there.
    expect(await harness.memberObject('member3', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'leftover' })).to.not.equal(undefined);
  });
});
