import { expect } from 'chai';
import { previewLines } from './preview-view.js';

describe('previewLines', () => {
  it('prints each template with its claim, clusters and message', () => {
    const lines = previewLines({
      kind: 'PropagationPreview',
      items: [
        {
          template: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
          claimed: true,
          reason: 'the policy matches it and no other policy takes precedence',
          binding: { kind: 'ResourceBinding', name: 'web-deployment' },
          placement: { scheduled: true, rescheduled: true, clusters: [{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 1 }], message: 'Binding has been scheduled successfully.', explanation: [] },
        },
        {
          template: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' },
          claimed: true,
          reason: 'already claimed by this policy',
          binding: { kind: 'ResourceBinding', name: 'settings-configmap' },
          placement: { scheduled: true, rescheduled: false, clusters: [{ name: 'member1' }], message: 'Binding has been scheduled successfully.', explanation: [] },
        },
        {
          template: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'reader' },
          claimed: false,
          reason: 'a PropagationPolicy claims namespaced templates only: use a ClusterPropagationPolicy for cluster-scoped ones',
        },
      ],
    });
    expect(lines).to.deep.equal([
      'TEMPLATE                  CLAIMED   CLUSTERS              MESSAGE',
      'Deployment/shop/web       true      member1=2,member2=1   Binding has been scheduled successfully.',
      'ConfigMap/shop/settings   true      member1               Binding has been scheduled successfully. (kept: nothing in the change triggers a reschedule)',
      'ClusterRole/reader        false     <none>                a PropagationPolicy claims namespaced templates only: use a ClusterPropagationPolicy for cluster-scoped ones',
    ]);
  });

  it('says so when no template matches', () => {
    expect(previewLines({ kind: 'PropagationPreview', items: [] })).to.deep.equal(['The policy would claim no template: none that exists matches its resourceSelectors.']);
  });
});
