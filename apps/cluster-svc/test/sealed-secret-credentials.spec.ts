import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { ClusterStatusCollected, type ClusterStatusCollectedData } from '@karmada-ts/contracts';
import type { ClusterStatus, Condition } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { SecretCipher, SecretValueWriter } from '@karmada-ts/secrets';
import { waitFor } from '@karmada-ts/testing';
import { clusterService } from '../src/service.js';
import { clusterCreated, joinedCluster, secretCreated } from './builders.js';
import { startClusterSvc, type TestClusterSvc } from './support.js';

describe('cluster-svc: member credentials from the sealed join Secret', function () {
  this.timeout(60_000);
  const secretKey = randomBytes(32);
  let sim: MemberSim;
  let svc: TestClusterSvc;
  let writer: SecretValueWriter;

  before(async () => {
    sim = await startMemberSim({ clusters: [{ name: 'sealed' }, { name: 'late' }], maxWatchSeconds: 5 });
    svc = await startClusterSvc('clsec', clusterService, { KARMADA_SECRET_KEY: secretKey.toString('base64') });
    writer = SecretValueWriter.open({ databaseUrl: svc.env.DATABASE_URL!, instance: svc.instance, cipher: new SecretCipher(secretKey) });
    await writer.ensureSchema();
  });
  after(async () => {
    await writer?.close();
    await svc?.destroy();
    await sim?.stop();
  });

  /** What the gateway does for `karmadactl join`'s Secret: seal the values, append the Secret without them. */
  async function storeJoinSecret(name: string): Promise<void> {
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    const data = { token: b64(sim.token(name)), caBundle: b64(sim.caPem) };
    const ref = `ref-${name}-${randomBytes(4).toString('hex')}`;
    const digest = await writer.write({ namespace: 'karmada-cluster', name, ref }, { data });
    await svc.append(secretCreated(svc.subjects, 'karmada-cluster', name, { ref, digest, keys: Object.keys(data) }));
  }

  const readyOf = (e: StoredEvent<ClusterStatusCollectedData>): Condition | undefined =>
    (e.data.status as ClusterStatus).conditions?.find((c) => c.type === 'Ready');

  function waitForReady(name: string, status: string): Promise<StoredEvent<ClusterStatusCollectedData>> {
    return waitFor(`${name} Ready=${status}`, async () => {
      const last = await svc.store.readLast(svc.subjects.clusterStatus(name));
      return last && ClusterStatusCollected.is(last) && readyOf(last as StoredEvent<ClusterStatusCollectedData>)?.status === status
        ? (last as StoredEvent<ClusterStatusCollectedData>)
        : undefined;
    });
  }

  it('reaches a member with the token and CA bundle the gateway sealed', async () => {
    await storeJoinSecret('sealed');
    await svc.append(clusterCreated(svc.subjects, joinedCluster('sealed', `${sim.url}/clusters/sealed`)));
    const event = await waitForReady('sealed', 'True');
    // The API was read with the token: discovery needs it, /readyz does not.
    expect((event.data.status as ClusterStatus).apiEnablements?.length).to.be.greaterThan(0);
  });

  it('reports StatusCollectionFailed while the Secret is missing, and recovers once it arrives', async () => {
    await svc.append(clusterCreated(svc.subjects, joinedCluster('late', `${sim.url}/clusters/late`)));
    const failed = await waitForReady('late', 'False');
    expect(readyOf(failed)).to.include({ reason: 'StatusCollectionFailed', message: 'failed to create a ClusterClient: secrets "late" not found' });
    expect(failed.data.controllerTaints).to.deep.equal([{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: readyOf(failed)!.lastTransitionTime }]);
    await storeJoinSecret('late');
    const ready = await waitForReady('late', 'True');
    expect(ready.data.controllerTaints).to.deep.equal([]);
  });
});
