import { expect } from 'chai';
import { waitFor } from '@karmada-ts/testing';
import { deployment, workOf, workRendered } from './builders.js';
import { ExecutorHarness } from './executor-harness.js';
import { appliedReport } from './support.js';

describe('executor-svc replicas dividing the members (KARMADA_REPLICAS)', function () {
  this.timeout(90_000);
  let harness: ExecutorHarness;
  // Of two replicas, the first owns member1 and member3, the second member2 (replica-partition.spec.ts).
  const members = ['member1', 'member2', 'member3'];

  before(async () => {
    harness = await ExecutorHarness.start(members, { replicas: 2 });
    for (const member of members) await harness.join(member);
  });
  after(async () => harness?.stop());

  const liveDeployment = (cluster: string, name: string) => harness.memberObject(cluster, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name });

  it('reads the members of each replica on durables of its own; Secrets and Work reports stay shared', async () => {
    const names = await harness.consumerNames();
    expect(names).to.include.members(['executor-svc-works-1-of-2', 'executor-svc-works-2-of-2', 'executor-svc-clusters-1-of-2', 'executor-svc-cluster-statuses-2-of-2']);
    expect(names).to.include.members(['executor-svc-cluster-secrets', 'executor-svc-work-reports']);
    expect(names).to.not.include.members(['executor-svc-works', 'executor-svc-clusters', 'executor-svc-cluster-statuses']);
  });

  it("applies every member's Works", async () => {
    const works = members.map((member) => workOf(member, deployment('web', 'shop', 1)));
    const seqs = await Promise.all(works.map((work, i) => harness.append(workRendered(harness.subjects, members[i]!, work))));
    await Promise.all(works.map((work, i) => harness.waitForStatusEvent(work, `Applied=True in ${members[i]}`, appliedReport(seqs[i]!))));
    for (const member of members) expect(await liveDeployment(member, 'web'), member).to.not.equal(undefined);
  });

  it('holds the Works of a member whose replica is down until it is back, while the other replica goes on', async () => {
    await harness.stopReplica(2);
    const mine = workOf('member1', deployment('api', 'shop', 1));
    const theirs = workOf('member2', deployment('api', 'shop', 1));
    const theirSeq = await harness.append(workRendered(harness.subjects, 'member2', theirs));
    const mySeq = await harness.append(workRendered(harness.subjects, 'member1', mine));
    await harness.waitForStatusEvent(mine, 'Applied=True in member1', appliedReport(mySeq));
    // The first replica has read past member2's Work by now (it came first) and left it to the second.
    expect(await harness.statusEvents(theirs)).to.deep.equal([]);
    expect(await liveDeployment('member2', 'api')).to.equal(undefined);

    await harness.startReplica(2);
    await harness.waitForStatusEvent(theirs, 'Applied=True in member2 once its replica is back', appliedReport(theirSeq));
    expect(await liveDeployment('member2', 'api')).to.not.equal(undefined);
  });

  it("watches only its own members: a replica restarted while another is down leaves that one's members alone", async () => {
    await harness.stopReplica(2);
    // Started again, the first replica brings up its watches from the table of applied kinds, which holds every member's.
    await harness.restart();
    const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
    await harness.member('member2').delete(web);
    await harness.member('member1').delete(web);
    await waitFor('member1 repaired by its replica', async () => (await liveDeployment('member1', 'web')) !== undefined, { timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await liveDeployment('member2', 'web'), 'member2 left to its own replica').to.equal(undefined);

    await harness.startReplica(2);
    await waitFor('member2 repaired once its replica is back', async () => (await liveDeployment('member2', 'web')) !== undefined, { timeoutMs: 30_000 });
  });
});
