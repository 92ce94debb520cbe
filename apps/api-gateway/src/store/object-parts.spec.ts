import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { claimPart, clusterStatusPart, mergeParts, stripParts, templateStatusPart, type ObjectPart, type PartContent, type PartName } from './object-parts.js';

const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', uid: 'u1' }, spec: { replicas: 2 }, status: {} };
const ready = { readyReplicas: 2 };
const status = (uid: string | undefined, seq = 9): PartContent => ({ uid, data: { status: ready }, seq });

const taint = (key: string, effect = 'NoSchedule') => ({ key, effect });
const cluster = (taints?: object[]): KubeObject => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name: 'member1', uid: 'c1' },
  spec: { syncMode: 'Push', ...(taints ? { taints } : {}) },
  status: {},
});
const collected = (controllerTaints: object[]): PartContent => ({ uid: 'c1', data: { status: { kubernetesVersion: 'v1.32.0' }, controllerTaints }, seq: 12 });
const contents = (part: ObjectPart, content: PartContent | undefined) => new Map<PartName, PartContent>(content ? [[part.name, content]] : []);
const claimLabel = 'propagationpolicy.karmada.io/permanent-id';
const claimed = (seq = 5): PartContent => ({ uid: 'u1', data: { labels: { [claimLabel]: 'p1' }, annotations: { 'propagationpolicy.karmada.io/name': 'pp' } }, seq });
const released: PartContent = { uid: 'u1', data: { labels: {}, annotations: {} }, seq: 7 };
const labelled = (labels: Record<string, string>, annotations?: Record<string, string>): KubeObject => ({
  ...deployment,
  metadata: { ...deployment.metadata, labels, ...(annotations ? { annotations } : {}) },
});

describe('object parts', () => {
  const merges: { name: string; part: ObjectPart; object: KubeObject; content: PartContent | undefined; want: KubeObject; seq: number }[] = [
    { name: 'a template without status yet', part: templateStatusPart, object: deployment, content: undefined, want: deployment, seq: 0 },
    { name: 'a template and its status', part: templateStatusPart, object: deployment, content: status('u1'), want: { ...deployment, status: ready }, seq: 9 },
    { name: 'a status without uid', part: templateStatusPart, object: deployment, content: status(undefined), want: { ...deployment, status: ready }, seq: 9 },
    { name: 'a status of an earlier object of that name', part: templateStatusPart, object: deployment, content: status('old'), want: deployment, seq: 0 },
    {
      name: 'a claim: its labels and annotations join the template\'s',
      part: claimPart,
      object: labelled({ app: 'web' }),
      content: claimed(),
      want: labelled({ app: 'web', [claimLabel]: 'p1' }, { 'propagationpolicy.karmada.io/name': 'pp' }),
      seq: 5,
    },
    { name: 'a released claim: nothing, at its sequence', part: claimPart, object: labelled({ app: 'web' }), content: released, want: labelled({ app: 'web' }), seq: 7 },
    {
      name: 'a cluster: status, controller taints after the user taints',
      part: clusterStatusPart,
      object: cluster([taint('team')]),
      content: collected([taint('cluster.karmada.io/not-ready'), taint('team')]),
      want: { ...cluster([taint('team'), taint('cluster.karmada.io/not-ready')]), status: { kubernetesVersion: 'v1.32.0' } },
      seq: 12,
    },
  ];
  for (const c of merges) {
    it(`merges ${c.name}`, () => {
      const merged = mergeParts(c.object, [c.part], contents(c.part, c.content));
      expect(merged.object).to.deep.equal(c.want);
      expect(merged.seq).to.equal(c.seq);
    });
  }

  const strips: { name: string; part: ObjectPart; object: KubeObject; content: PartContent | undefined; want: KubeObject }[] = [
    { name: 'a template keeps no status', part: templateStatusPart, object: { ...deployment, status: ready }, content: status('u1'), want: deployment },
    {
      name: 'a template keeps no claim metadata, but what the user changed',
      part: claimPart,
      object: labelled({ app: 'web', [claimLabel]: 'p1' }, { 'propagationpolicy.karmada.io/name': 'mine' }),
      content: claimed(),
      want: labelled({ app: 'web' }, { 'propagationpolicy.karmada.io/name': 'mine' }),
    },
    { name: 'a template without labels and a claim', part: claimPart, object: deployment, content: claimed(), want: deployment },
    {
      name: 'a cluster keeps only the user taints',
      part: clusterStatusPart,
      object: { ...cluster([taint('team'), taint('cluster.karmada.io/not-ready')]), status: { kubernetesVersion: 'v1.32.0' } },
      content: collected([taint('cluster.karmada.io/not-ready')]),
      want: cluster([taint('team')]),
    },
    {
      name: 'a cluster with controller taints only',
      part: clusterStatusPart,
      object: cluster([taint('cluster.karmada.io/not-ready')]),
      content: collected([taint('cluster.karmada.io/not-ready')]),
      want: cluster(),
    },
    { name: 'a cluster without status part', part: clusterStatusPart, object: cluster([taint('team')]), content: undefined, want: cluster([taint('team')]) },
  ];
  for (const c of strips) it(`strips ${c.name}`, () => expect(stripParts(c.object, [c.part], contents(c.part, c.content))).to.deep.equal(c.want));

  it('merge after strip gives back the served object', () => {
    const parts = contents(clusterStatusPart, collected([taint('cluster.karmada.io/unreachable', 'NoExecute')]));
    const served = mergeParts(cluster([taint('team')]), [clusterStatusPart], parts).object!;
    expect(mergeParts(stripParts(served, [clusterStatusPart], parts), [clusterStatusPart], parts).object).to.deep.equal(served);
  });
});
