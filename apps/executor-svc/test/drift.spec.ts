import { expect } from 'chai';
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { DriftCorrected, type DriftCorrectedData } from '@karmada-ts/contracts';
import type { Work } from '@karmada-ts/domain';
import { waitFor } from '@karmada-ts/testing';
import { deployment, workOf, workRendered } from './builders.js';
import { ExecutorHarness } from './executor-harness.js';
import { appliedReport } from './support.js';

type LiveDeployment = KubernetesObject & { spec?: { replicas?: number; template?: { spec?: { containers?: { image?: string }[] } } } };

describe('executor-svc corrects drift in members', function () {
  this.timeout(60_000);
  let harness: ExecutorHarness;
  let work: Work;
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' };
  const live = () => harness.memberObject('member1', ref) as Promise<LiveDeployment | undefined>;
  const drifts = async () => (await harness.statusEvents(work)).filter((e) => DriftCorrected.is(e)).map((e) => e.data as DriftCorrectedData);

  before(async () => {
    harness = await ExecutorHarness.start(['member1']);
    await harness.join('member1');
    work = workOf('member1', deployment('api', 'shop', 2, 'nginx:1.27'));
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work));
    await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));
  });
  after(async () => harness?.stop());

  it('puts back a Deployment changed out of band and records the fields from → to', async () => {
    const patch = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { replicas: 5, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } };
    await harness.member('member1').patch(patch, undefined, undefined, 'kubectl-edit', undefined, PatchStrategy.MergePatch);

    const [drift] = await waitFor('a drift record', async () => {
      const found = await drifts();
      return found.length > 0 && found;
    });
    expect(drift?.object).to.deep.equal(ref);
    expect(drift?.fields).to.deep.equal([
      { path: '/spec/replicas', from: 2, to: 5 },
      { path: '/spec/template/spec/containers/0/image', from: 'nginx:1.27', to: 'nginx:1.28' },
    ]);
    const restored = await waitFor('the member to hold the Work again', async () => {
      const object = await live();
      return object?.spec?.replicas === 2 && object;
    });
    expect(restored.spec?.template?.spec?.containers?.[0]?.image).to.equal('nginx:1.27');
    await harness.drained();
    expect(await drifts()).to.have.length(1);
  });

  it('recreates a Deployment deleted out of band and records it', async () => {
    const before = await live();
    await harness.member('member1').delete({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' } });

    const recreated = await waitFor('the Deployment to be recreated', async () => {
      const object = await live();
      return object && object.metadata?.uid !== before?.metadata?.uid && object;
    });
    expect(recreated.spec?.replicas).to.equal(2);
    const deletion = await waitFor('a drift record of the deletion', async () => (await drifts()).find((d) => d.fields.some((f) => f.path === '')));
    expect(deletion.fields).to.deep.equal([{ path: '', from: 'present', to: 'absent' }]);
  });

  it('recreates a Deployment deleted while the executor was down', async () => {
    await harness.drained();
    const recordedBefore = (await drifts()).length;
    const before = await live();
    await harness.restart({
      whileStopped: async () => {
        await harness.member('member1').delete({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' } });
      },
    });

    const recreated = await waitFor('the Deployment to be recreated', async () => {
      const object = await live();
      return object && object.metadata?.uid !== before?.metadata?.uid && object;
    });
    expect(recreated.spec?.replicas).to.equal(2);
    const recorded = await waitFor('a drift record of the deletion', async () => {
      const all = await drifts();
      return all.length > recordedBefore && all;
    });
    expect(recorded.at(-1)?.fields).to.deep.equal([{ path: '', from: 'present', to: 'absent' }]);
  });
});
