import { expect } from 'chai';
import { TemplateClaimed, TemplateClaimReleased } from '@karmada-ts/contracts';
import { startTestService, TemplateWriter, waitFor, type TestService } from '@karmada-ts/testing';
import { policyEvents } from '../src/events.js';
import { policyService } from '../src/service.js';
import { deployment, propagationPolicy, resources, selectDeployment } from './builders.js';

const deployments = { group: 'apps', resource: 'deployments' };

// With Karmada's PolicyPreemption gate on (POLICY_PREEMPTION_ENABLED=true), a higher-priority `preemption: Always`
// policy takes a claimed template; detector.spec.ts shows the sticky default.
describe('policy-svc with policy preemption enabled', function () {
  this.timeout(60_000);
  let svc: TestService;
  let gateway: TemplateWriter;

  before(async () => {
    svc = await startTestService('preempt', policyService, policyEvents, { POLICY_PREEMPTION_ENABLED: 'true' });
    gateway = new TemplateWriter(svc.store, svc.subjects);
  });
  after(async () => svc?.destroy());

  it('moves the claim to the preempting policy', async () => {
    await gateway.write(resources.propagationPolicies, propagationPolicy('app1', 'first', { resourceSelectors: [selectDeployment('web')] }));
    await gateway.write(resources.deployments, deployment('app1', 'web'));
    const claimOf = async () => {
      const last = await svc.store.readLast(svc.subjects.claim(deployments, 'app1', 'web'));
      return last && TemplateClaimed.is(last) ? last.data.policy.name : undefined;
    };
    await waitFor('claimed by first', async () => (await claimOf()) === 'first');
    await gateway.write(resources.propagationPolicies, propagationPolicy('app1', 'urgent', { priority: 100, preemption: 'Always', resourceSelectors: [selectDeployment('web')] }));
    await waitFor('claimed by urgent', async () => (await claimOf()) === 'urgent');
    const types = (await svc.events(svc.subjects.claim(deployments, 'app1', 'web'))).map((e) => e.type);
    expect(types.filter((t) => t === TemplateClaimReleased.type)).to.have.length.at.most(1);
    expect(types.at(-1)).to.equal(TemplateClaimed.type);
  });
});
