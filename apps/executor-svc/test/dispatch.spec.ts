import { expect } from 'chai';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { WorkStatusReportedData } from '@karmada-ts/contracts';
import { configMap, deployment, workDeletionRequested, workOf, workRendered } from './builders.js';
import { ExecutorHarness } from './executor-harness.js';
import { appliedReport, cleanedUp, condition, manifestStatus, preservedFlag } from './support.js';

type Live = KubernetesObject & { spec?: { replicas?: number }; data?: Record<string, string> };

describe('executor-svc dispatches Works to their members', function () {
  this.timeout(60_000);
  let harness: ExecutorHarness;

  before(async () => {
    harness = await ExecutorHarness.start(['member1']);
    await harness.join('member1');
  });
  after(async () => harness?.stop());

  const liveDeployment = (name: string) => harness.memberObject('member1', { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name }) as Promise<Live | undefined>;
  const liveConfigMap = (name: string) => harness.memberObject('member1', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name }) as Promise<Live | undefined>;

  it('applies a Deployment with server-side apply, reports Applied with its controller’s first status, then the ready replicas and Healthy', async () => {
    const work = workOf('member1', deployment('web', 'shop', 1));
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));

    const applied = await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));
    expect(condition(applied, 'Applied')).to.include({ reason: 'AppliedSuccessful', message: 'Manifest has been successfully applied' });
    // The member's Deployment controller answers the apply within moments: its status is in the apply's report.
    expect(manifestStatus(applied)?.status).to.include({ observedGeneration: 1, replicas: 1, updatedReplicas: 1, unavailableReplicas: 1 });
    expect((await harness.statusEvents(work)).map((e) => e.seq)[0]).to.equal(applied.seq);
    expect(condition(applied, 'Dispatching')).to.include({ status: 'True', reason: 'Dispatching' });
    expect(applied.causationId).to.be.a('string');
    const live = await liveDeployment('web');
    expect(live?.metadata?.labels).to.include({ 'karmada.io/managed': 'true', app: 'web' });
    expect(live?.metadata?.annotations).to.include({ 'work.karmada.io/name': work.metadata.name, 'work.karmada.io/namespace': 'karmada-es-member1' });
    expect(live?.metadata?.managedFields?.some((f) => f.manager === 'karmada-ts' && f.operation === 'Apply')).to.equal(true);

    const healthy = await harness.waitForStatusEvent(
      work,
      'a report with the ready replica and Healthy',
      (e) => manifestStatus(e)?.health === 'Healthy' && (manifestStatus(e)?.status as { readyReplicas?: number } | undefined)?.readyReplicas === 1,
    );
    expect(healthy.seq).to.be.greaterThan(applied.seq);
    expect(manifestStatus(applied)?.health).to.equal('Unhealthy');
    expect(manifestStatus(healthy)?.identifier).to.deep.equal({ ordinal: 0, group: 'apps', version: 'v1', kind: 'Deployment', resource: '', namespace: 'shop', name: 'web' });
    expect((healthy.data as WorkStatusReportedData).observedWorkSeq).to.equal(seq);
  });

  it('applies a new version of the Work, then deletes the object when the Work is deleted', async () => {
    const work = workOf('member1', deployment('web', 'shop', 2));
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));
    await harness.waitForStatusEvent(work, 'the new version applied', appliedReport(seq));
    expect((await liveDeployment('web'))?.spec?.replicas).to.equal(2);

    await harness.append(workDeletionRequested(harness.subjects, 'member1', work));
    const done = await harness.waitForStatusEvent(work, 'WorkCleanedUp', cleanedUp);
    expect(preservedFlag(done)).to.equal(false);
    expect(await liveDeployment('web')).to.equal(undefined);
  });

  it('keeps the object without Karmada’s labels and annotations when the Work preserves resources on deletion', async () => {
    const template = configMap('settings', 'shop', { mode: 'fast' });
    template.metadata.labels = { team: 'shop' };
    const work = workOf('member1', template, { preserveResourcesOnDeletion: true });
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));
    await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));

    await harness.append(workDeletionRequested(harness.subjects, 'member1', work));
    const done = await harness.waitForStatusEvent(work, 'WorkCleanedUp', cleanedUp);
    expect(preservedFlag(done)).to.equal(true);
    const kept = await liveConfigMap('settings');
    expect(kept?.data).to.deep.equal({ mode: 'fast' });
    expect(kept?.metadata?.labels).to.deep.equal({ team: 'shop' });
    expect(Object.keys(kept?.metadata?.annotations ?? {}).filter((key) => key.includes('karmada.io'))).to.deep.equal([]);
  });

  it('leaves a pre-existing object alone (abort), reports it, and never deletes it', async () => {
    const existing = deployment('legacy', 'shop', 3);
    await harness.member('member1').create({ ...existing, metadata: { name: 'legacy', namespace: 'shop', labels: { owner: 'member-team' } } });
    const work = workOf('member1', deployment('legacy', 'shop', 1), { conflictResolution: 'abort' });
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));

    const refused = await harness.waitForStatusEvent(work, 'Applied=False', appliedReport(seq, 'False'));
    expect(condition(refused, 'Applied')).to.deep.include({
      reason: 'AppliedFailed',
      message:
        'Failed to apply all manifests (0/1): resource(kind=Deployment, shop/legacy) already exists in the cluster member1 and the ' +
        'work.karmada.io/conflict-resolution strategy value is empty, Karmada will not manage this resource',
    });
    const untouched = await liveDeployment('legacy');
    expect(untouched?.spec?.replicas).to.equal(3);
    expect(untouched?.metadata?.labels).to.deep.equal({ owner: 'member-team' });

    await harness.append(workDeletionRequested(harness.subjects, 'member1', work));
    await harness.waitForStatusEvent(work, 'WorkCleanedUp', cleanedUp);
    expect((await liveDeployment('legacy'))?.spec?.replicas).to.equal(3);
  });

  it('tries a Work refused for a conflict again later, and applies it once the member\'s own object is gone', async () => {
    await harness.member('member1').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned', namespace: 'shop' }, data: { mode: 'member' } } as KubernetesObject);
    const work = workOf('member1', configMap('owned', 'shop', { mode: 'karmada' }), { conflictResolution: 'abort' });
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));
    await harness.waitForStatusEvent(work, 'Applied=False', appliedReport(seq, 'False'));

    await harness.member('member1').delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned', namespace: 'shop' } });
    await harness.waitForStatusEvent(work, 'Applied=True without any new version of the Work', appliedReport(seq), 30_000);
    const applied = await liveConfigMap('owned');
    expect(applied?.data).to.deep.equal({ mode: 'karmada' });
    expect(applied?.metadata?.labels).to.include({ 'karmada.io/managed': 'true' });
  });

  it('takes a pre-existing object over when the Work says overwrite', async () => {
    await harness.member('member1').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'promoted', namespace: 'shop' }, data: { mode: 'member' } } as KubernetesObject);
    const work = workOf('member1', configMap('promoted', 'shop', { mode: 'karmada' }), { conflictResolution: 'overwrite' });
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));

    await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));
    const taken = await liveConfigMap('promoted');
    expect(taken?.data).to.deep.equal({ mode: 'karmada' });
    expect(taken?.metadata?.labels).to.include({ 'karmada.io/managed': 'true' });
  });

  it("times each Work's applies as Karmada's work_sync_workload_duration_seconds, by result", async () => {
    const syncs = async (result: string) => {
      const line = new RegExp(`^work_sync_workload_duration_seconds_count\\{[^}]*result="${result}"[^}]*\\} (\\d+)$`, 'm').exec(await harness.metrics());
      return Number(line?.[1] ?? 0);
    };
    const [succeeded, failed] = [await syncs('success'), await syncs('error')];

    // A ConfigMap: reported once, with no controller's status to follow that the tests after this one would see.
    const work = workOf('member1', configMap('timed', 'shop', { a: '1' }));
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));
    await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));
    await harness.member('member1').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'theirs', namespace: 'shop' }, data: {} } as KubernetesObject);
    const refused = workOf('member1', configMap('theirs', 'shop', { mode: 'karmada' }), { conflictResolution: 'abort' });
    const refusedSeq = await harness.append(workRendered(harness.subjects, 'member1', refused));
    await harness.waitForStatusEvent(refused, 'Applied=False', appliedReport(refusedSeq, 'False'));

    expect(await syncs('success')).to.be.greaterThan(succeeded);
    expect(await syncs('error')).to.be.greaterThan(failed);
    const metrics = await harness.metrics();
    expect(metrics).to.include('# TYPE work_sync_workload_duration_seconds histogram');
    for (const le of ['0.001', '0.008', '2.048', '+Inf']) {
      expect(metrics).to.match(new RegExp(`^work_sync_workload_duration_seconds_bucket\\{le="${le.replace('+', '\\+')}",[^}]*result="success"`, 'm'));
    }

    // The refused Work goes away, so that it is not tried again during the tests after this one.
    await harness.append(workDeletionRequested(harness.subjects, 'member1', refused));
    await harness.waitForStatusEvent(refused, 'WorkCleanedUp', cleanedUp);
  });

  it('applies nothing while dispatching is suspended, and says so', async () => {
    const work = workOf('member1', configMap('paused', 'shop', { a: '1' }), { suspendDispatching: true });
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));

    const report = await harness.waitForStatusEvent(work, 'Dispatching=False', (e) => condition(e, 'Dispatching')?.status === 'False');
    expect(condition(report, 'Dispatching')).to.include({ reason: 'SuspendDispatching', message: 'Work dispatching is in a suspended state.' });
    expect(condition(report, 'Applied')).to.equal(undefined);
    expect((report.data as WorkStatusReportedData).observedWorkSeq).to.equal(seq);
    expect(await liveConfigMap('paused')).to.equal(undefined);
  });

  it('appends nothing new when every input is delivered again after a restart', async () => {
    await harness.drained();
    const before = await harness.lastSeq();
    await harness.restart({ redeliver: true });
    await harness.drained();

    // A new Work after the redelivery: once it is reported, the restarted service has also looked at every member object.
    const probe = workOf('member1', configMap('probe', 'shop', { a: '1' }));
    const probeSeq = await harness.append(workRendered(harness.subjects, 'member1', probe));
    const reported = await harness.waitForStatusEvent(probe, 'the probe applied', appliedReport(probeSeq));
    await harness.drained();

    const after: string[] = [];
    for await (const event of harness.store.replay(harness.subjects.all, { fromSeq: before + 1 })) after.push(`${event.seq} ${event.type}`);
    expect(after).to.deep.equal([`${probeSeq} WorkRendered`, `${reported.seq} WorkStatusReported`]);
  });
});
