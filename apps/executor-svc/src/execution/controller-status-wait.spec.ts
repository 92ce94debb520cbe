import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/domain';
import type { MemberObjectEvent } from '@karmada-ts/member-access';
import type { MemberConnection } from '../members/member-connection.js';
import type { MemberConnections } from '../members/member-connections.js';
import { ControllerStatusWait } from './controller-status-wait.js';

const deployment = (resourceVersion: string, status?: Record<string, unknown>, uid = 'u1'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', uid, generation: 1, resourceVersion },
  spec: { replicas: 2 },
  ...(status ? { status } : {}),
});

/** The member's informer events, and the cached copy the connection shows. */
class FakeMember {
  private readonly listeners: ((event: MemberObjectEvent) => void)[] = [];
  cachedCopy: KubeObject | undefined;
  readonly connections = { onObjectEvent: (listener: (event: MemberObjectEvent) => void) => this.listeners.push(listener) } as unknown as MemberConnections;
  readonly connection = { cluster: 'member1', cached: () => this.cachedCopy, isOwnWrite: () => false } as unknown as MemberConnection;

  emit(type: MemberObjectEvent['type'], object: KubeObject, cluster = 'member1'): void {
    for (const listener of this.listeners) listener({ type, cluster, object });
  }
}

/** What the Work applied: the member's copies above hold it, whatever their status. */
const manifest: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } };

const later = (ms: number, action: () => void): void => void setTimeout(action, ms);

describe('ControllerStatusWait', () => {
  let member: FakeMember;
  let wait: ControllerStatusWait;

  beforeEach(() => {
    member = new FakeMember();
    wait = new ControllerStatusWait(member.connections);
    wait.onModuleInit();
  });
  const settle = (written = deployment('10')) => wait.settled(member.connection, manifest, written);

  it('returns what was written at once for a kind without a status controller', async () => {
    const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop', uid: 'c1', resourceVersion: '5' }, data: {} };
    const started = Date.now();
    expect((await wait.settled(member.connection, configMap, configMap)).object).to.equal(configMap);
    expect(Date.now() - started).to.be.below(100);
  });

  it('takes the controller’s status and its follow-up writes that come close behind', async () => {
    const first = deployment('11', { observedGeneration: 1, unavailableReplicas: 2 });
    const followUp = deployment('12', { observedGeneration: 1, replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 });
    later(5, () => member.emit('updated', first));
    later(12, () => member.emit('updated', followUp));
    expect((await settle()).object).to.deep.equal(deployment('10', followUp.status as Record<string, unknown>));
  });

  it('returns once the controller has created every replica: their readiness comes much later', async () => {
    const created = deployment('11', { observedGeneration: 1, replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 });
    later(5, () => member.emit('updated', created));
    later(15, () => member.emit('updated', deployment('12', { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 1 })));
    expect((await settle()).object).to.deep.equal(deployment('10', created.status as Record<string, unknown>));
  });

  it('hands on a change that came during the wait when it drifted from the manifest', async () => {
    later(5, () => member.emit('updated', deployment('11', { observedGeneration: 1, replicas: 2 })));
    expect((await settle()).lookAgain).to.equal(false);
    const edited: KubeObject = { ...deployment('12', { observedGeneration: 2 }), spec: { replicas: 5 } };
    later(5, () => member.emit('updated', edited));
    const { object, lookAgain } = await settle();
    expect(object).to.deep.equal(deployment('10', { observedGeneration: 2 }));
    expect(lookAgain).to.equal(true);
  });

  it('takes a controller status the informer already holds when the apply answers', async () => {
    const status = { observedGeneration: 1, replicas: 2, updatedReplicas: 2 };
    member.cachedCopy = deployment('11', status);
    expect((await settle()).object).to.deep.equal(deployment('10', status));
  });

  it('keeps what the apply wrote, and only the status, from a copy older than the write', async () => {
    const status = { observedGeneration: 1, replicas: 2, updatedReplicas: 2 };
    const older = deployment('9', status);
    older.metadata.labels = { tier: 'old' };
    member.cachedCopy = older;
    const written = deployment('10');
    written.metadata.labels = { tier: 'new' };
    const { object, lookAgain } = await settle(written);
    expect(object.metadata).to.deep.equal(written.metadata);
    expect(object['status']).to.deep.equal(status);
    expect(lookAgain).to.equal(false);
  });

  it('gives up at its deadline with what was written when the controller never observes the generation, and hands the change on', async () => {
    later(5, () => member.emit('updated', deployment('11', { observedGeneration: 0 })));
    const started = Date.now();
    const { object, lookAgain } = await settle();
    expect(object).to.deep.equal(deployment('10'));
    expect(lookAgain).to.equal(true);
    expect(Date.now() - started).to.be.within(200, 1_000);
  });

  it('ignores other objects: another cluster, another uid of the same name', async () => {
    later(5, () => member.emit('updated', deployment('11', { observedGeneration: 1 }), 'member2'));
    later(10, () => member.emit('updated', deployment('12', { observedGeneration: 1 }, 'u2')));
    const written = deployment('10');
    expect(await settle(written)).to.deep.equal({ object: written, lookAgain: false });
  });

  it('stops waiting when the object is deleted', async () => {
    later(5, () => member.emit('deleted', deployment('10')));
    const started = Date.now();
    expect((await settle()).object).to.deep.equal(deployment('10'));
    expect(Date.now() - started).to.be.below(200);
  });

  it('says which changes an apply waits for: those of the object it wrote, while it waits', async () => {
    const change = (object: KubeObject, type: MemberObjectEvent['type'] = 'updated', cluster = 'member1'): MemberObjectEvent => ({ type, cluster, object });
    const observed = deployment('11', { observedGeneration: 1 });
    expect(wait.awaits(change(observed))).to.equal(false);
    const settled = settle();
    expect(wait.awaits(change(observed))).to.equal(true);
    expect(wait.awaits(change(observed, 'updated', 'member2'))).to.equal(false);
    expect(wait.awaits(change(deployment('11', { observedGeneration: 1 }, 'u2')))).to.equal(false);
    expect(wait.awaits(change(observed, 'deleted'))).to.equal(false);
    member.emit('updated', observed);
    await settled;
    expect(wait.awaits(change(deployment('12', { observedGeneration: 1 })))).to.equal(false);
  });

  it('lets concurrent waits on the same object each see the change', async () => {
    const observed = deployment('11', { observedGeneration: 1 });
    later(5, () => member.emit('updated', observed));
    const [a, b] = await Promise.all([settle(), settle()]);
    expect(a.object).to.deep.equal(deployment('10', { observedGeneration: 1 }));
    expect(b.object).to.deep.equal(deployment('10', { observedGeneration: 1 }));
  });
});
