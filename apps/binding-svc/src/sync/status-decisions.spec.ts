import { expect } from 'chai';
import {
  BindingCleanedUp,
  BindingStatusAggregated,
  TemplateStatusAggregated,
  type BindingStatusAggregatedData,
  type TemplateRefJson,
  type TemplateStatusAggregatedData,
} from '@karmada-ts/contracts';
import type { AnyResourceBinding, KubeObject, Work } from '@karmada-ts/domain';
import type { LastEvent } from '../read-models/read-model-tables.js';
import { decideBindingCleanedUp, decideBindingStatus, decideTemplateStatus, type BindingStatusInput } from './status-decisions.js';

const binding: AnyResourceBinding = {
  apiVersion: 'work.karmada.io/v1alpha2',
  kind: 'ResourceBinding',
  metadata: { name: 'nginx-deployment', namespace: 'default', uid: 'rb-uid', labels: { 'resourcebinding.karmada.io/permanent-id': 'rb' } },
  spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nginx', uid: 'tpl-uid' }, clusters: [{ name: 'member1' }] },
};
const work = (applied: boolean, readyReplicas = 1): Work => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: { name: 'nginx-687f7fb96f', namespace: 'karmada-es-member1', labels: { 'resourcebinding.karmada.io/permanent-id': 'rb' } },
  spec: { workload: { manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default' } }] } },
  status: applied
    ? {
        conditions: [{ type: 'Applied', status: 'True', reason: 'AppliedSuccessful', message: 'ok', lastTransitionTime: 't0' }],
        manifestStatuses: [
          {
            identifier: { ordinal: 0, group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespace: 'default', name: 'nginx' },
            status: { replicas: 1, readyReplicas },
            health: 'Healthy',
          },
        ],
      }
    : {},
});
const statusInput = (overrides: Partial<BindingStatusInput> = {}): BindingStatusInput => ({ binding, works: [work(true)], overrideFailures: [], now: 't1', ...overrides });
const headOf = (data: unknown, type: string = BindingStatusAggregated.type): LastEvent => ({ type, data, seq: 3 });

describe('decideBindingStatus', () => {
  const first = decideBindingStatus(statusInput(), undefined)?.data as BindingStatusAggregatedData;

  it('aggregates the Works and sets FullyApplied', () => {
    expect(first.binding).to.deep.equal({ kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid: 'rb-uid' });
    expect(first.aggregatedStatus).to.deep.equal([{ clusterName: 'member1', status: { replicas: 1, readyReplicas: 1 }, applied: true, health: 'Healthy' }]);
    expect(first.conditions).to.deep.equal([
      { type: 'FullyApplied', status: 'True', reason: 'FullyAppliedSuccess', message: 'All works have been successfully applied', lastTransitionTime: 't1' },
    ]);
  });

  const cases: { name: string; input: BindingStatusInput; head: LastEvent | undefined; want: 'unchanged' | 'changed' }[] = [
    { name: 'the same status again: nothing', input: statusInput({ now: 't2' }), head: headOf(first), want: 'unchanged' },
    { name: 'a member changed: a new status', input: statusInput({ works: [work(true, 0)] }), head: headOf(first), want: 'changed' },
    { name: 'the last status was of an earlier binding of the same name', input: statusInput(), head: headOf({ ...first, binding: { ...first.binding, uid: 'old' } }), want: 'changed' },
    { name: 'after BindingCleanedUp of an earlier binding', input: statusInput(), head: headOf({ binding: { ...first.binding, uid: 'old' } }, BindingCleanedUp.type), want: 'changed' },
    { name: 'rendering did not run: the override condition is left alone', input: statusInput({ overrideFailures: undefined }), head: headOf(first), want: 'unchanged' },
  ];
  for (const c of cases) {
    it(c.name, () => expect(decideBindingStatus(c.input, c.head) === undefined ? 'unchanged' : 'changed').to.equal(c.want));
  }

  it('records override failures, and their end, in OverridePolicyApplied', () => {
    const failed = decideBindingStatus(statusInput({ overrideFailures: [{ cluster: 'member1', summary: 'OverridePolicy "default/x" rule 0 plaintext[0]: boom' }] }), headOf(first))?.data as BindingStatusAggregatedData;
    expect(failed.conditions[1]).to.deep.include({ type: 'OverridePolicyApplied', status: 'False', reason: 'ApplyOverridePolicyFailed', lastTransitionTime: 't1' });
    const fixed = decideBindingStatus(statusInput({ now: 't2' }), headOf(failed))?.data as BindingStatusAggregatedData;
    expect(fixed.conditions[1]).to.deep.include({ type: 'OverridePolicyApplied', status: 'True', reason: 'ApplyOverridePolicySucceed', lastTransitionTime: 't2' });
  });
});

describe('decideTemplateStatus', () => {
  const template: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default', uid: 'tpl-uid', generation: 1 } };
  const resource = { group: 'apps', resource: 'deployments' };
  const items = [
    { clusterName: 'member1', status: { replicas: 1, readyReplicas: 1 }, applied: true, health: 'Healthy' as const },
    { clusterName: 'member2', status: { replicas: 1, readyReplicas: 1 }, applied: true, health: 'Healthy' as const },
  ];
  const first = decideTemplateStatus({ template, resource, items, now: 't1' }, undefined)?.data as TemplateStatusAggregatedData;

  it('sums the members’ Deployment status', () => {
    expect(first).to.deep.equal({ resource, namespace: 'default', name: 'nginx', uid: 'tpl-uid', status: { replicas: 2, readyReplicas: 2 } });
  });
  const head = (data: TemplateStatusAggregatedData): LastEvent => ({ type: TemplateStatusAggregated.type, data, seq: 5 });
  const cases: { name: string; template: KubeObject; head: LastEvent | undefined; want: 'unchanged' | 'changed' }[] = [
    { name: 'the same status: nothing', template, head: head(first), want: 'unchanged' },
    { name: 'a status of an earlier template of the same name is not this one’s', template, head: head({ ...first, uid: 'old' }), want: 'changed' },
    { name: 'a kind without aggregation: nothing', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, head: undefined, want: 'unchanged' },
  ];
  for (const c of cases) {
    it(c.name, () => expect(decideTemplateStatus({ template: c.template, resource, items, now: 't2' }, c.head) === undefined ? 'unchanged' : 'changed').to.equal(c.want));
  }
});

describe('decideBindingCleanedUp', () => {
  const template: TemplateRefJson = { resource: { group: 'apps', resource: 'deployments' }, apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nginx', uid: 'tpl-uid' };
  const ref = { kind: 'ResourceBinding', namespace: 'default', name: 'nginx-deployment', uid: 'rb-uid' };
  const cases: { name: string; head: LastEvent | undefined; want: boolean }[] = [
    { name: 'after a status: cleaned up', head: headOf({ binding: ref }), want: true },
    { name: 'already said: nothing', head: headOf({ binding: ref, template }, BindingCleanedUp.type), want: false },
    { name: 'said of an earlier binding: cleaned up', head: headOf({ binding: { ...ref, uid: 'old' }, template }, BindingCleanedUp.type), want: true },
  ];
  for (const c of cases) it(c.name, () => expect(decideBindingCleanedUp(binding, template, c.head) !== undefined).to.equal(c.want));
});
