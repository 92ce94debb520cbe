import { expect } from 'chai';
import { WorkCleanedUp, WorkDeletionRequested, WorkRendered, type BindingRefJson, type WorkRenderedData } from '@karmada-ts/contracts';
import type { SealedManifest, Work } from '@karmada-ts/domain';
import type { LastEvent } from '../read-models/read-model-tables.js';
import { decideWork, withIdentity, type RenderIntent, type WorkDecisionContext, type WorkIdentity, type WorkIntent } from './work-decisions.js';

const binding: BindingRefJson = { kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid: 'rb-uid' };
const key = { namespace: 'karmada-es-member1', name: 'nginx-687f7fb96f' };
const work = (replicas: number, identity: WorkIdentity): Work =>
  withIdentity(
    {
      apiVersion: 'work.karmada.io/v1alpha1',
      kind: 'Work',
      metadata: { name: key.name, namespace: key.namespace, labels: { 'work.karmada.io/permanent-id': identity.permanentId } },
      spec: { workload: { manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx' }, spec: { replicas } }] } },
    },
    identity,
  );
const old: WorkIdentity = { uid: 'old-uid', permanentId: 'old-id', creationTimestamp: 't0' };
const fresh: WorkIdentity = { uid: 'new-uid', permanentId: 'new-id', creationTimestamp: 't1' };
const context: WorkDecisionContext = { now: 't1', newIdentity: (seq) => ({ ...fresh, uid: `new-uid-${seq}` }) };
/** A render intent of the binding, or of namespace auto-propagation with `owner: null`. */
const render = (replicas: number, owner: BindingRefJson | null = binding, report?: LastEvent): WorkIntent => ({
  kind: 'render',
  key,
  cluster: 'member1',
  ...(owner ? { binding: owner } : {}),
  report,
  render: (identity) => work(replicas, identity),
});
const renderedHead = (replicas: number, owner: BindingRefJson | null = binding): LastEvent => ({
  type: WorkRendered.type,
  seq: 7,
  data: { work: work(replicas, old), cluster: 'member1', ...(owner ? { binding: owner } : {}) },
});
const sealed = (ref: string): SealedManifest => ({ manifestIndex: 0, namespace: 'default', name: 'db', ref, digest: `hmac-sha256:${ref}`, keys: ['password'] });
const renderSealed = (ref: string): WorkIntent => ({
  kind: 'render',
  key,
  cluster: 'member1',
  binding,
  report: undefined,
  sealedManifests: [sealed(ref)],
  render: (identity) => work(1, identity),
});
const sealedHead = (ref: string): LastEvent => {
  const head = renderedHead(1);
  return { ...head, data: { ...(head.data as WorkRenderedData), sealedManifests: [sealed(ref)] } };
};
/** An intent rendered from the inputs `from`; its render gives `replicas` replicas. */
const renderFrom = (from: string, replicas = 1): WorkIntent => ({ ...(render(replicas) as RenderIntent), renderedFrom: from });
const headFrom = (from: string, replicas = 1, owner: BindingRefJson | null = binding): LastEvent => {
  const head = renderedHead(replicas, owner);
  return { ...head, data: { ...(head.data as WorkRenderedData), renderedFrom: from } };
};
const deletedHead: LastEvent = { type: WorkDeletionRequested.type, seq: 9, data: { work: work(1, old), binding, cluster: 'member1' } };
const cleaned = (uid: string): LastEvent => ({ type: WorkCleanedUp.type, seq: 10, data: { work: { ...key, uid, cluster: 'member1' }, preserved: false } });

describe('decideWork', () => {
  const cases: {
    name: string;
    intent: WorkIntent;
    head: LastEvent | undefined;
    want: { type: string; uid?: string; replicas?: number; deletionTimestamp?: string; sealed?: string[]; renderedFrom?: string } | undefined;
  }[] = [
    { name: 'a new Work gets a new identity', intent: render(1), head: undefined, want: { type: 'WorkRendered', uid: 'new-uid-0', replicas: 1 } },
    { name: 'an unchanged Work needs nothing', intent: render(1), head: renderedHead(1), want: undefined },
    { name: 'a changed Work keeps its identity', intent: render(2), head: renderedHead(1), want: { type: 'WorkRendered', uid: 'old-uid', replicas: 2 } },
    { name: 'a Work being deleted is not re-created before it is cleaned up', intent: render(1), head: deletedHead, want: undefined },
    { name: 'a cleanup of another incarnation does not count', intent: render(1, binding, cleaned('other')), head: deletedHead, want: undefined },
    { name: 'once cleaned up, a new incarnation', intent: render(1, binding, cleaned('old-uid')), head: deletedHead, want: { type: 'WorkRendered', uid: 'new-uid-9' } },
    { name: 'namespace auto-propagation leaves a binding’s Work alone', intent: render(3, null), head: renderedHead(1), want: undefined },
    { name: 'a binding takes over a namespace Work', intent: render(1), head: renderedHead(1, null), want: { type: 'WorkRendered', uid: 'old-uid' } },
    { name: 'a Secret’s Work names its sealed values', intent: renderSealed('r1'), head: undefined, want: { type: 'WorkRendered', uid: 'new-uid-0', sealed: ['r1'] } },
    { name: 'the same sealed values need nothing', intent: renderSealed('r1'), head: sealedHead('r1'), want: undefined },
    { name: 'new sealed values re-render an otherwise equal Work', intent: renderSealed('r2'), head: sealedHead('r1'), want: { type: 'WorkRendered', uid: 'old-uid', sealed: ['r2'] } },
    { name: 'values no longer sealed re-render it without', intent: render(1), head: sealedHead('r1'), want: { type: 'WorkRendered', uid: 'old-uid', sealed: [] } },
    { name: 'a new Work records what it was rendered from', intent: renderFrom('d1'), head: undefined, want: { type: 'WorkRendered', uid: 'new-uid-0', renderedFrom: 'd1' } },
    // The head says 1 replica and the render would say 2: equal digests mean the render is not even asked for.
    { name: 'a Work rendered from the same inputs needs nothing, not even a render', intent: renderFrom('d1', 2), head: headFrom('d1', 1), want: undefined },
    { name: 'other inputs that render something else update it', intent: renderFrom('d2', 2), head: headFrom('d1', 1), want: { type: 'WorkRendered', uid: 'old-uid', replicas: 2, renderedFrom: 'd2' } },
    { name: 'other inputs that render the same Work append nothing', intent: renderFrom('d2', 1), head: headFrom('d1', 1), want: undefined },
    { name: 'a Work of no digest is compared by content', intent: renderFrom('d1', 1), head: renderedHead(1), want: undefined },
    { name: 'the same digest on a namespace Work does not stop a binding taking it over', intent: renderFrom('d1', 1), head: headFrom('d1', 1, null), want: { type: 'WorkRendered', uid: 'old-uid', renderedFrom: 'd1' } },
    { name: 'deleting a live Work marks it', intent: { kind: 'delete', key, binding }, head: renderedHead(1), want: { type: 'WorkDeletionRequested', uid: 'old-uid', deletionTimestamp: 't1' } },
    { name: 'deleting again needs nothing', intent: { kind: 'delete', key, binding }, head: deletedHead, want: undefined },
    { name: 'deleting nothing needs nothing', intent: { kind: 'delete', key, binding }, head: undefined, want: undefined },
    { name: 'a Work of another owner is not deleted', intent: { kind: 'delete', key }, head: renderedHead(1), want: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = decideWork(c.intent, c.head, context);
      if (!c.want) return expect(got).to.equal(undefined);
      const data = got?.data as WorkRenderedData;
      const spec = data.work['spec'] as Work['spec'];
      expect(got?.type.type).to.equal(c.want.type);
      if (c.want.uid) expect(data.work.metadata.uid).to.equal(c.want.uid);
      if (c.want.replicas) expect((spec.workload.manifests[0]!.spec as { replicas: number }).replicas).to.equal(c.want.replicas);
      if (c.want.deletionTimestamp) expect(data.work.metadata.deletionTimestamp).to.equal(c.want.deletionTimestamp);
      if (c.want.sealed) expect((data.sealedManifests ?? []).map((m) => m.ref)).to.deep.equal(c.want.sealed);
      expect(data.renderedFrom).to.equal(c.want.renderedFrom);
    });
  }
});
