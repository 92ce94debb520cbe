import { expect } from 'chai';
import { waitFor } from '@karmada-ts/testing';
import { WorkStatusLog } from '../src/execution/work-status-log.js';
import { WorkStore } from '../src/projections/work-store.js';
import { configMap, deployment, workOf, workRendered } from './builders.js';
import { ExecutorHarness } from './executor-harness.js';
import { appliedReport } from './support.js';

describe('executor-svc reads a batch of Works at once', function () {
  this.timeout(60_000);
  let harness: ExecutorHarness;
  let store: WorkStore;
  let log: WorkStatusLog;

  before(async () => {
    harness = await ExecutorHarness.start(['member1']);
    await harness.join('member1');
    store = harness.service.app.get(WorkStore);
    log = harness.service.app.get(WorkStatusLog);
  });
  after(async () => harness?.stop());

  const keyOf = (work: { metadata: { namespace?: string; name?: string } }) => ({ namespace: work.metadata.namespace ?? '', name: work.metadata.name ?? '' });

  it('returns each Work with whether it was reported, and leaves out Works it does not know', async () => {
    const work = workOf('member1', configMap('first', 'shop', { v: '1' }));
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));
    await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));
    const key = keyOf(work);
    const missing = { namespace: key.namespace, name: 'no-such-work' };

    const batch = await waitFor('the report in the read model', async () => {
      const found = await store.getMany([key, missing]);
      return found.get(`${key.namespace}/${key.name}`)?.reported ? found : undefined;
    });
    expect([...batch.keys()]).to.deep.equal([`${key.namespace}/${key.name}`]);
    expect(batch.get(`${key.namespace}/${key.name}`)?.row.seq).to.equal(seq);
  });

  it('tells a read that a newer read of the same Work overtook', async () => {
    const v1 = workOf('member1', configMap('second', 'shop', { v: '1' }));
    const seq1 = await harness.append(workRendered(harness.subjects, 'member1', v1));
    await harness.waitForStatusEvent(v1, 'v1 applied', appliedReport(seq1));
    const key = keyOf(v1);
    const old = (await store.getMany([key])).get(`${key.namespace}/${key.name}`)!.row;
    expect(store.superseded(old)).to.equal(false);

    const v2 = workOf('member1', configMap('second', 'shop', { v: '2' }));
    const seq2 = await harness.append(workRendered(harness.subjects, 'member1', v2));
    await harness.waitForStatusEvent(v2, 'v2 applied', appliedReport(seq2));
    expect((await store.get(key))?.seq).to.equal(seq2);
    expect(store.superseded(old)).to.equal(true);
  });

  it('remembers the head of a Work it reported on, as the stream has it', async () => {
    const work = workOf('member1', configMap('third', 'shop', { v: '1' }));
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));
    const applied = await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));
    const last = await waitFor('no report after Applied', async () => {
      const events = await harness.statusEvents(work);
      return events.at(-1)?.seq === applied.seq ? events.at(-1) : undefined;
    });
    const remembered = log.remembered(keyOf(work));
    expect(remembered?.seq).to.equal(last?.seq);
    expect(remembered?.report?.observedWorkSeq).to.equal(seq);
    const { status } = last?.data as { status: unknown };
    expect(remembered?.report?.status).to.deep.equal(status);
    expect(remembered?.cleanedUpSeq).to.equal(undefined);
    // Each read is a copy of its own: a decision that changed what it was given could not change the next one's.
    expect(log.remembered(keyOf(work))?.report).to.not.equal(remembered?.report);
  });

  it('lists the kinds each cluster was dispatched, leaving out those only suspended Works use', async () => {
    const suspended = workOf('member1', deployment('paused', 'shop', 1), { suspendDispatching: true });
    await harness.append(workRendered(harness.subjects, 'member1', suspended));
    const dispatched = workOf('member1', configMap('fourth', 'shop', { v: '1' }));
    const seq = await harness.append(workRendered(harness.subjects, 'member1', dispatched));
    await harness.waitForStatusEvent(dispatched, 'Applied=True', appliedReport(seq));
    await harness.drained();

    expect(await store.appliedKinds()).to.deep.equal([{ cluster: 'member1', apiVersion: 'v1', kind: 'ConfigMap' }]);
  });
});
