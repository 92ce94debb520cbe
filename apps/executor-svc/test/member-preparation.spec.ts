import { expect } from 'chai';
import { waitFor } from '@karmada-ts/testing';
import { clusterStatusCollected, deployment, workOf, workRendered } from './builders.js';
import { ExecutorHarness } from './executor-harness.js';
import { appliedReport } from './support.js';

describe('executor-svc preparing the connection to a member', function () {
  this.timeout(60_000);
  let harness: ExecutorHarness;
  const requests = (cluster: string) => harness.sim.clusters().find((c) => c.name === cluster)!.requests;

  before(async () => {
    harness = await ExecutorHarness.start(['member1', 'member2']);
    await harness.join('member1');
  });
  after(async () => harness?.stop());

  it('discovers the kinds dispatched so far in a cluster that becomes Ready, before any Work goes to it', async () => {
    const work = workOf('member1', deployment('web', 'apps', 1));
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));
    await harness.waitForStatusEvent(work, 'the Deployment applied in member1', appliedReport(seq));

    await harness.join('member2', false);
    expect(requests('member2'), 'a cluster that is not Ready is left alone').to.equal(0);
    await harness.append(clusterStatusCollected(harness.subjects, 'member2', true));
    // The core group (namespaces) and apps/v1 (the Deployment member1 was sent), one discovery request each.
    await waitFor('member2 discovered', () => requests('member2') >= 2);
    await harness.drained();
    expect(requests('member2')).to.equal(2);
  });
});
