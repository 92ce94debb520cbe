import { expect } from 'chai';
import {
  BindingUpserted,
  FinalizerReleased,
  TemplateClaimed,
  TemplateClaimReleased,
  type BindingUpsertedData,
  type FinalizerReleasedData,
  type TemplateClaimedData,
} from '@karmada-ts/contracts';
import { TemplateCleanupFinalizer, type ResourceBinding } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { startTestService, TemplateWriter, waitFor, type TestService } from '@karmada-ts/testing';
import { policyDurables } from '../src/durables.js';
import { policyEvents } from '../src/events.js';
import { policyService } from '../src/service.js';
import {
  bindingCleanedUp,
  clusterPropagationPolicy,
  configMap,
  deployment,
  overridePolicy,
  placementDecided,
  propagationPolicy,
  resources,
  selectDeployment,
} from './builders.js';

const durables = Object.values(policyDurables);
const deployments = { group: 'apps', resource: 'deployments' };

describe('policy-svc: the resource detector', function () {
  this.timeout(60_000);
  let svc: TestService;
  let gateway: TemplateWriter;

  before(async () => {
    svc = await startTestService('policy', policyService, policyEvents);
    gateway = new TemplateWriter(svc.store, svc.subjects);
  });

  after(async () => {
    await svc?.destroy();
  });

  const claimEvents = (namespace: string, name: string) => svc.events(svc.subjects.claim(deployments, namespace, name));
  const bindingEvents = (namespace: string, name: string) => svc.events(svc.subjects.binding(namespace, name));
  const lastBinding = async (namespace: string, name: string): Promise<BindingUpsertedData> => {
    const event = await svc.store.readLast(svc.subjects.binding(namespace, name));
    if (!event || !BindingUpserted.is(event)) throw new Error(`no binding ${namespace}/${name}`);
    return event.data;
  };
  /** Waits for the claim subject of a template to end with a claim by `policy`. */
  const claimedBy = (namespace: string, name: string, policy: string) =>
    waitFor(`${namespace}/${name} claimed by ${policy}`, async () => {
      const last = await svc.store.readLast(svc.subjects.claim(deployments, namespace, name));
      return last && TemplateClaimed.is(last) && last.data.policy.name === policy ? last.data : undefined;
    });

  it('claims a Deployment for the PropagationPolicy naming it and builds its binding, replicas and requirements included', async () => {
    await gateway.write(resources.propagationPolicies, propagationPolicy('app1', 'nginx-propagation', { resourceSelectors: [selectDeployment('nginx')] }));
    await gateway.write(resources.deployments, deployment('app1', 'nginx'));
    const claim: TemplateClaimedData = await claimedBy('app1', 'nginx', 'nginx-propagation');
    expect(claim.policy).to.deep.equal({ kind: 'PropagationPolicy', namespace: 'app1', name: 'nginx-propagation', permanentId: 'pp-app1-nginx-propagation' });
    expect(claim.template).to.deep.include({ kind: 'Deployment', namespace: 'app1', name: 'nginx', uid: 'uid-app1-nginx' });
    expect(claim.labels).to.deep.equal({ 'propagationpolicy.karmada.io/permanent-id': 'pp-app1-nginx-propagation' });
    expect(claim.annotations).to.deep.equal({ 'propagationpolicy.karmada.io/namespace': 'app1', 'propagationpolicy.karmada.io/name': 'nginx-propagation' });

    const { binding, deleting } = await waitFor('the binding', () => lastBinding('app1', 'nginx-deployment'));
    const rb = binding as ResourceBinding;
    expect(deleting).to.equal(undefined);
    expect(rb.kind).to.equal('ResourceBinding');
    expect(rb.spec.replicas).to.equal(2);
    expect(rb.spec.replicaRequirements).to.deep.equal({ resourceRequest: { cpu: '250m', memory: '64Mi' }, namespace: 'app1' });
    expect(rb.spec.placement).to.deep.equal({ clusterAffinity: { clusterNames: ['member1', 'member2'] } });
    expect(rb.spec.resource).to.deep.include({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'app1', name: 'nginx', uid: 'uid-app1-nginx' });
    expect(rb.spec).to.not.have.property('clusters');
    expect(rb.metadata.labels?.['resourcebinding.karmada.io/permanent-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(rb.metadata.ownerReferences).to.deep.equal([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: 'uid-app1-nginx', controller: true, blockOwnerDeletion: true }]);
  });

  it('gives a template to a matching PropagationPolicy over any ClusterPropagationPolicy, whatever its priority', async () => {
    await gateway.write(resources.clusterPropagationPolicies, clusterPropagationPolicy('everything-in-app2', { priority: 100, resourceSelectors: [{ ...selectDeployment(), namespace: 'app2' }] }));
    await gateway.write(resources.propagationPolicies, propagationPolicy('app2', 'web', { resourceSelectors: [selectDeployment('web')] }));
    await gateway.write(resources.deployments, deployment('app2', 'web'));
    await gateway.write(resources.deployments, deployment('app2', 'other'));
    await claimedBy('app2', 'web', 'web');
    await claimedBy('app2', 'other', 'everything-in-app2');
  });

  it('picks the higher priority first, then a name over a label selector', async () => {
    await gateway.write(resources.propagationPolicies, propagationPolicy('app3', 'a-by-label', { resourceSelectors: [selectDeployment(undefined, { tier: 'web' })] }));
    await gateway.write(resources.propagationPolicies, propagationPolicy('app3', 'b-by-name', { resourceSelectors: [selectDeployment('named')] }));
    await gateway.write(resources.propagationPolicies, propagationPolicy('app3', 'c-by-name-low', { resourceSelectors: [selectDeployment('prioritized')] }));
    await gateway.write(resources.propagationPolicies, propagationPolicy('app3', 'd-by-label-high', { priority: 10, resourceSelectors: [selectDeployment(undefined, { tier: 'web' })] }));
    await gateway.write(resources.deployments, deployment('app3', 'named', { labels: { tier: 'web' } }));
    await gateway.write(resources.deployments, deployment('app3', 'prioritized', { labels: { tier: 'web' } }));
    await claimedBy('app3', 'prioritized', 'd-by-label-high');
    // Equal priority 0 would go by name; but d-by-label-high (priority 10) also selects it and wins.
    await claimedBy('app3', 'named', 'd-by-label-high');

    await gateway.write(resources.propagationPolicies, propagationPolicy('app4', 'a-by-label', { resourceSelectors: [selectDeployment(undefined, { tier: 'web' })] }));
    await gateway.write(resources.propagationPolicies, propagationPolicy('app4', 'b-by-name', { resourceSelectors: [selectDeployment('named')] }));
    await gateway.write(resources.deployments, deployment('app4', 'named', { labels: { tier: 'web' } }));
    await claimedBy('app4', 'named', 'b-by-name');
  });

  it('keeps a claimed template with its policy when a better policy arrives (stickiness)', async () => {
    await gateway.write(resources.propagationPolicies, propagationPolicy('app5', 'first', { resourceSelectors: [selectDeployment('sticky')] }));
    await gateway.write(resources.deployments, deployment('app5', 'sticky'));
    await claimedBy('app5', 'sticky', 'first');
    await gateway.write(resources.propagationPolicies, propagationPolicy('app5', 'better', { priority: 100, resourceSelectors: [selectDeployment('sticky')] }));
    await svc.settled(durables);
    expect((await claimEvents('app5', 'sticky')).map((e) => e.type)).to.deep.equal([TemplateClaimed.type]);
  });

  it('follows a policy change: the templates it holds get the new placement', async () => {
    const before = (await bindingEvents('app1', 'nginx-deployment')).length;
    const changed = { clusterAffinity: { clusterNames: ['member3'] } };
    await gateway.write(resources.propagationPolicies, propagationPolicy('app1', 'nginx-propagation', { resourceSelectors: [selectDeployment('nginx')], placement: changed }));
    await waitFor('the new placement', async () => ((await lastBinding('app1', 'nginx-deployment')).binding.spec as ResourceBinding['spec']).placement?.clusterAffinity?.clusterNames?.[0] === 'member3');
    expect((await bindingEvents('app1', 'nginx-deployment')).length).to.equal(before + 1);
  });

  it('claims templates that were there before their policy, and lets go of those a changed policy no longer selects', async () => {
    await gateway.write(resources.deployments, deployment('app9', 'one'));
    await gateway.write(resources.deployments, deployment('app9', 'two'));
    await gateway.write(resources.propagationPolicies, propagationPolicy('app9', 'switch', { resourceSelectors: [selectDeployment('one')] }));
    await claimedBy('app9', 'one', 'switch');
    await gateway.write(resources.propagationPolicies, propagationPolicy('app9', 'switch', { resourceSelectors: [selectDeployment('two')] }));
    await claimedBy('app9', 'two', 'switch');
    const released = await waitFor('the release of one', async () => {
      const last = await svc.store.readLast(svc.subjects.claim(deployments, 'app9', 'one'));
      return last && TemplateClaimReleased.is(last) ? last.data : undefined;
    });
    expect(released.reason).to.equal('NoLongerMatches');
  });

  it('waits for the OverridePolicies a policy depends on before claiming', async () => {
    await gateway.write(resources.propagationPolicies, propagationPolicy('app10', 'careful', { dependentOverrides: ['images'], resourceSelectors: [selectDeployment('web')] }));
    await gateway.write(resources.deployments, deployment('app10', 'web'));
    await svc.settled(durables);
    expect(await claimEvents('app10', 'web')).to.deep.equal([]);
    await gateway.write(resources.overridePolicies, overridePolicy('app10', 'images'));
    await claimedBy('app10', 'web', 'careful');
  });

  it('releases the claims of a deleted policy and leaves the binding in place, without the claim', async () => {
    const policy = propagationPolicy('app1', 'nginx-propagation', { resourceSelectors: [selectDeployment('nginx')] });
    const permanentId = (await lastBinding('app1', 'nginx-deployment')).binding.metadata.labels?.['resourcebinding.karmada.io/permanent-id'];
    await gateway.delete(resources.propagationPolicies, policy);
    const released = await waitFor('the release', async () => {
      const last = await svc.store.readLast(svc.subjects.claim(deployments, 'app1', 'nginx'));
      return last && TemplateClaimReleased.is(last) ? last.data : undefined;
    });
    expect(released.reason).to.equal('PolicyDeleted');
    expect(released.policy.name).to.equal('nginx-propagation');
    await waitFor('the binding without the claim', async () => !(await lastBinding('app1', 'nginx-deployment')).binding.metadata.labels?.['propagationpolicy.karmada.io/permanent-id']);
    const { binding, deleting } = await lastBinding('app1', 'nginx-deployment');
    expect(deleting).to.equal(undefined);
    expect(binding.metadata.labels).to.deep.equal({ 'resourcebinding.karmada.io/permanent-id': permanentId });
    expect((binding.spec as ResourceBinding['spec']).replicas).to.equal(2);
  });

  it('propagates a ConfigMap a Deployment depends on to the clusters the Deployment is placed on (propagateDeps)', async () => {
    await gateway.write(resources.propagationPolicies, propagationPolicy('app6', 'web', { propagateDeps: true, resourceSelectors: [selectDeployment('web')] }));
    await gateway.write(resources.deployments, deployment('app6', 'web', { configMap: 'web-config' }));
    const { binding } = await waitFor('the workload binding', () => lastBinding('app6', 'web-deployment'));
    expect(binding.metadata.annotations?.['resourcebinding.karmada.io/dependencies']).to.equal('[{"apiVersion":"v1","kind":"ConfigMap","namespace":"app6","name":"web-config"}]');
    // The ConfigMap comes after the Deployment: its arrival distributes it.
    await svc.settled(durables);
    expect(await bindingEvents('app6', 'web-config-configmap')).to.deep.equal([]);
    await gateway.write(resources.configMaps, configMap('app6', 'web-config'));
    await waitFor('the attached binding', async () => (await bindingEvents('app6', 'web-config-configmap')).length > 0);

    await placementDecided(svc.store, svc.subjects, 'app6', 'web-deployment', binding.metadata.labels?.['resourcebinding.karmada.io/permanent-id'] ?? '', ['member1', 'member2']);
    const attached = await waitFor('the attached binding required on member1 and member2', async () => {
      const last = await svc.store.readLast(svc.subjects.binding('app6', 'web-config-configmap'));
      if (!last || !BindingUpserted.is(last)) return undefined;
      const spec = (last.data.binding as ResourceBinding).spec;
      return spec.requiredBy?.[0]?.clusters?.length === 2 ? (last.data.binding as ResourceBinding) : undefined;
    });
    expect(attached.spec.resource).to.deep.include({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'app6', name: 'web-config', uid: 'uid-app6-web-config' });
    expect(attached.spec.requiredBy).to.deep.equal([
      { namespace: 'app6', name: 'web-deployment', clusters: [{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }] },
    ]);
    expect(attached.spec).to.not.have.property('placement');
    expect(attached.spec.conflictResolution).to.equal('Abort');
    expect(Object.keys(attached.metadata.labels ?? {}).some((label) => label.startsWith('resourcebinding.karmada.io/depended-by-'))).to.equal(true);
  });

  it('lets a dependency deleted on the control plane go: its attached binding is marked deleting and stays so', async () => {
    await gateway.write(resources.propagationPolicies, propagationPolicy('deps-deleted', 'web', { propagateDeps: true, resourceSelectors: [selectDeployment('web')] }));
    await gateway.write(resources.deployments, deployment('deps-deleted', 'web', { configMap: 'web-config' }));
    await gateway.write(resources.configMaps, configMap('deps-deleted', 'web-config'));
    await waitFor('the attached binding', async () => (await bindingEvents('deps-deleted', 'web-config-configmap')).length > 0);

    const deleting = configMap('deps-deleted', 'web-config');
    await gateway.write(resources.configMaps, { ...deleting, metadata: { ...deleting.metadata, deletionTimestamp: new Date().toISOString() } });
    await waitFor('the attached binding marked deleting', async () => (await lastBinding('deps-deleted', 'web-config-configmap')).deleting === true);
    await svc.settled(durables);
    expect((await lastBinding('deps-deleted', 'web-config-configmap')).deleting).to.equal(true);
  });

  it('deletes a template in order: its binding is marked deleting, and the finalizer goes once the binding is cleaned up', async () => {
    await gateway.write(resources.propagationPolicies, propagationPolicy('app7', 'gone', { resourceSelectors: [selectDeployment('gone')] }));
    await gateway.write(resources.deployments, deployment('app7', 'gone'));
    await waitFor('the binding', () => lastBinding('app7', 'gone-deployment'));
    const deletedAt = new Date().toISOString();
    await gateway.write(resources.deployments, deployment('app7', 'gone', { deletedAt }));
    const deletingBinding = await waitFor('the deleting binding', async () => ((await lastBinding('app7', 'gone-deployment')).deleting ? await lastBinding('app7', 'gone-deployment') : undefined));
    expect(deletingBinding.binding.metadata.deletionTimestamp).to.equal(deletedAt);
    const finalizerSubject = svc.subjects.finalizer('policy-svc', deployments, 'app7', 'gone');
    // The template changes again while its binding is cleaned up (another controller's finalizer goes, say).
    await gateway.write(resources.deployments, deployment('app7', 'gone', { deletedAt }));
    await svc.settled(durables);
    expect(await svc.events(finalizerSubject)).to.deep.equal([]);

    const template = (await claimedBy('app7', 'gone', 'gone')).template;
    await bindingCleanedUp(svc.store, svc.subjects, 'app7', 'gone-deployment', template);
    const released = await waitFor('the finalizer release', async () => {
      const last = await svc.store.readLast(finalizerSubject);
      return last && FinalizerReleased.is(last) ? (last.data as FinalizerReleasedData) : undefined;
    });
    expect(released).to.deep.equal({ resource: deployments, namespace: 'app7', name: 'gone', uid: 'uid-app7-gone', finalizer: TemplateCleanupFinalizer });
  });

  it('releases the finalizer of a deleted template without a binding at once', async () => {
    await gateway.write(resources.deployments, deployment('app8', 'lonely'));
    await gateway.write(resources.deployments, deployment('app8', 'lonely', { deletedAt: new Date().toISOString() }));
    await waitFor('the finalizer release', async () => {
      const last = await svc.store.readLast(svc.subjects.finalizer('policy-svc', deployments, 'app8', 'lonely'));
      return last !== undefined && FinalizerReleased.is(last);
    });
    expect(await bindingEvents('app8', 'lonely-deployment')).to.deep.equal([]);
  });

  it('appends nothing new when every input is delivered again, or after a restart', async () => {
    await svc.settled(durables);
    const everything = async (): Promise<string[]> => {
      const out: StoredEvent[] = [];
      for (const aggregate of ['claim', 'binding', 'finalizer']) out.push(...(await svc.events(svc.subjects.aggregateFilter(aggregate))));
      return out.map((e) => `${e.seq}:${e.type}`);
    };
    const before = await everything();
    await svc.redeliverEverything(durables);
    await svc.settled(durables);
    expect(await everything()).to.deep.equal(before);
    await svc.restart();
    await svc.settled(durables);
    expect(await everything()).to.deep.equal(before);
  });
});
