import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { DriftCorrected, type DriftCorrectedData } from '@karmada-ts/contracts';
import type { SealedManifest, Work } from '@karmada-ts/domain';
import type { SecretContent } from '@karmada-ts/secrets';
import { waitFor } from '@karmada-ts/testing';
import { secretTemplate, workDeletionRequested, workOf, workRendered } from './builders.js';
import { ExecutorHarness } from './executor-harness.js';
import { appliedReport, cleanedUp } from './support.js';

type LiveSecret = KubernetesObject & { data?: Record<string, string> };

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');

describe('executor-svc fills Secret values in from the encrypted store', function () {
  this.timeout(60_000);
  let harness: ExecutorHarness;
  const namespace = 'shop';
  const written: string[] = [];

  before(async () => {
    harness = await ExecutorHarness.start(['member1']);
    await harness.join('member1');
  });
  after(async () => harness?.stop());

  const live = (name: string) => harness.memberObject('member1', { apiVersion: 'v1', kind: 'Secret', namespace, name }) as Promise<LiveSecret | undefined>;

  /** Stores values for the Secret `name` as the gateway does, and the seal its Works carry. */
  async function seal(name: string, values: Record<string, string>, annotations?: Record<string, string>): Promise<SealedManifest> {
    written.push(...Object.values(values));
    const ref = randomUUID();
    const data = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, b64(value)]));
    const content: SecretContent = { data, ...(annotations ? { annotations } : {}) };
    const digest = await harness.storeSecretValues({ namespace, name, ref }, content);
    return { manifestIndex: 0, namespace, name, ref, digest, keys: Object.keys(data).sort(), ...(annotations ? { annotations: Object.keys(annotations) } : {}) };
  }

  const decoded = (secret: LiveSecret | undefined) => Object.fromEntries(Object.entries(secret?.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));

  it('applies a Secret with its values and the annotations sealed with them', async () => {
    const work = workOf('member1', secretTemplate('db', namespace));
    const applied = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: { password: b64('p4ss-one') } });
    const sealed = await seal('db', { password: 'p4ss-one', username: 'admin-one' }, { [lastApplied]: applied });
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work, [sealed]));
    await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));
    const secret = await live('db');
    expect(decoded(secret)).to.deep.equal({ password: 'p4ss-one', username: 'admin-one' });
    expect(secret?.metadata?.annotations?.[lastApplied]).to.equal(applied);
    expect(secret?.metadata?.annotations?.['resourcetemplate.karmada.io/managed-annotations']?.split(',')).to.include(lastApplied);
  });

  it('applies new values when the Work names a new version of them', async () => {
    const work = workOf('member1', secretTemplate('db', namespace));
    const sealed = await seal('db', { password: 'p4ss-two' });
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work, [sealed]));
    await harness.waitForStatusEvent(work, 'the new version applied', appliedReport(seq));
    expect(decoded(await live('db'))).to.deep.equal({ password: 'p4ss-two' });
  });

  it('puts back values changed in the member and records only which entries changed, by digest', async () => {
    const work = workOf('member1', secretTemplate('db', namespace));
    written.push('tampered');
    const patch = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace }, data: { password: b64('tampered') } };
    await harness.member('member1').patch(patch, undefined, undefined, 'kubectl-edit', undefined, PatchStrategy.MergePatch);

    const drift = await waitFor('a drift record', async () =>
      (await harness.statusEvents(work)).filter((e) => DriftCorrected.is(e)).map((e) => e.data as DriftCorrectedData).find((d) => d.fields.length > 0),
    );
    expect(drift.fields.map((f) => f.path)).to.deep.equal(['/data/password']);
    const [field] = drift.fields;
    expect(field?.from).to.match(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(field?.to).to.match(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(field?.from).to.not.equal(field?.to);
    await waitFor('the member to hold the values again', async () => decoded(await live('db'))['password'] === 'p4ss-two');
  });

  it('waits while the values of the Work are not stored, and applies them once they are', async () => {
    const work = workOf('member1', secretTemplate('later', namespace));
    const ref = randomUUID();
    const data = { token: b64('t0ken-later') };
    written.push('t0ken-later');
    const sealed: SealedManifest = { manifestIndex: 0, namespace, name: 'later', ref, digest: 'hmac-sha256:pending', keys: ['token'] };
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work, [sealed]));
    await harness.awaitingRetry(seq);
    expect(await live('later')).to.equal(undefined);
    await harness.storeSecretValues({ namespace, name: 'later', ref }, { data });
    await harness.waitForStatusEvent(work, 'Applied=True once the values are there', appliedReport(seq), 30_000);
    expect(decoded(await live('later'))).to.deep.equal({ token: 't0ken-later' });
  });

  it('a preserved Secret keeps its values in the member when its Work goes', async () => {
    const work: Work = workOf('member1', secretTemplate('kept', namespace), { preserveResourcesOnDeletion: true });
    const sealed = await seal('kept', { key: 'k33p-me' });
    const seq = await harness.append(workRendered(harness.subjects, 'member1', work, [sealed]));
    await harness.waitForStatusEvent(work, 'Applied=True', appliedReport(seq));
    await harness.append(workDeletionRequested(harness.subjects, 'member1', work));
    await harness.waitForStatusEvent(work, 'WorkCleanedUp', cleanedUp);
    const secret = await live('kept');
    expect(decoded(secret)).to.deep.equal({ key: 'k33p-me' });
    expect(secret?.metadata?.labels?.['karmada.io/managed']).to.equal(undefined);
  });

  it('no value is in any event the executor wrote', async () => {
    await harness.drained();
    const works = ['db', 'later', 'kept'].map((name) => workOf('member1', secretTemplate(name, namespace)));
    const events = (await Promise.all(works.map((work) => harness.statusEvents(work)))).flat();
    expect(events.length).to.be.greaterThan(5);
    const text = JSON.stringify(events);
    for (const value of written) {
      expect(text).to.not.contain(value);
      expect(text).to.not.contain(b64(value));
    }
  });
});

