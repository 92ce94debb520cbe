import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { controllerFinalizersOnCreate, withControllerFinalizers } from './controller-finalizers.js';

const object = (apiVersion: string, kind: string, namespace?: string, finalizers?: string[]): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'x', ...(namespace ? { namespace } : {}), ...(finalizers ? { finalizers } : {}) },
});

describe('controllerFinalizersOnCreate', () => {
  const cases = [
    { name: 'a Cluster waits for cluster-svc', object: object('cluster.karmada.io/v1alpha1', 'Cluster'), want: ['karmada.io/cluster-controller'] },
    { name: 'a Deployment waits for the propagation cleanup', object: object('apps/v1', 'Deployment', 'default'), want: ['propagation.karmada-ts.io/cleanup'] },
    { name: 'a cluster-scoped template too', object: object('rbac.authorization.k8s.io/v1', 'ClusterRole'), want: ['propagation.karmada-ts.io/cleanup'] },
    { name: 'a Namespace gets none', object: object('v1', 'Namespace'), want: [] },
    { name: 'a policy gets none', object: object('policy.karmada.io/v1alpha1', 'PropagationPolicy', 'default'), want: [] },
    { name: 'member credentials in karmada-cluster get none', object: object('v1', 'Secret', 'karmada-cluster'), want: [] },
    { name: 'objects in kube-system get none', object: object('v1', 'ConfigMap', 'kube-system'), want: [] },
  ];
  for (const c of cases) it(c.name, () => expect(controllerFinalizersOnCreate(c.object)).to.deep.equal(c.want));
});

describe('withControllerFinalizers', () => {
  it('adds the missing finalizers after the user\'s own', () => {
    const result = withControllerFinalizers(object('apps/v1', 'Deployment', 'default', ['example.com/mine']));
    expect(result.metadata.finalizers).to.deep.equal(['example.com/mine', 'propagation.karmada-ts.io/cleanup']);
  });

  it('returns the same object when nothing is missing', () => {
    const given = object('apps/v1', 'Deployment', 'default', ['propagation.karmada-ts.io/cleanup']);
    expect(withControllerFinalizers(given)).to.equal(given);
  });
});
