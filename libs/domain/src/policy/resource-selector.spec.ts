import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { ResourceSelector } from '../api/policy.js';
import { ImplicitPriority, matchesResourceSelectors, resourceSelectorPriority, resourceSelectorsPriority } from './resource-selector.js';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
};
const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };
const base = { apiVersion: 'apps/v1', kind: 'Deployment' };

const cases: { name: string; resource?: KubeObject; selector: ResourceSelector; want: ImplicitPriority }[] = [
  { name: 'apiVersion and kind only: match all', selector: base, want: ImplicitPriority.MatchAll },
  { name: 'other apiVersion', selector: { ...base, apiVersion: 'apps/v1beta1' }, want: ImplicitPriority.Mismatch },
  { name: 'other kind', selector: { ...base, kind: 'StatefulSet' }, want: ImplicitPriority.Mismatch },
  { name: 'same namespace', selector: { ...base, namespace: 'default' }, want: ImplicitPriority.MatchAll },
  { name: 'other namespace', selector: { ...base, namespace: 'kube-system' }, want: ImplicitPriority.Mismatch },
  { name: 'name matches', selector: { ...base, name: 'nginx' }, want: ImplicitPriority.MatchName },
  { name: 'name differs', selector: { ...base, name: 'redis' }, want: ImplicitPriority.Mismatch },
  {
    name: 'name set: the labelSelector is ignored even when it would not match',
    selector: { ...base, name: 'nginx', labelSelector: { matchLabels: { app: 'redis' } } },
    want: ImplicitPriority.MatchName,
  },
  { name: 'labelSelector matches', selector: { ...base, labelSelector: { matchLabels: { app: 'nginx' } } }, want: ImplicitPriority.MatchLabelSelector },
  { name: 'labelSelector does not match', selector: { ...base, labelSelector: { matchLabels: { app: 'redis' } } }, want: ImplicitPriority.Mismatch },
  { name: 'empty labelSelector matches as a label selector', selector: { ...base, labelSelector: {} }, want: ImplicitPriority.MatchLabelSelector },
  { name: 'cluster-scoped resource, selector with a namespace', resource: namespace, selector: { apiVersion: 'v1', kind: 'Namespace', namespace: 'x' }, want: ImplicitPriority.Mismatch },
  { name: 'cluster-scoped resource by name', resource: namespace, selector: { apiVersion: 'v1', kind: 'Namespace', name: 'team-a' }, want: ImplicitPriority.MatchName },
];

describe('resourceSelectorPriority', () => {
  for (const c of cases) it(c.name, () => expect(resourceSelectorPriority(c.resource ?? deployment, c.selector)).to.equal(c.want));
});

describe('resourceSelectorsPriority', () => {
  it('takes the best selector', () => {
    expect(resourceSelectorsPriority(deployment, [base, { ...base, name: 'nginx' }, { ...base, name: 'redis' }])).to.equal(ImplicitPriority.MatchName);
  });
  it('no selectors is a mismatch', () => {
    expect(resourceSelectorsPriority(deployment, [])).to.equal(ImplicitPriority.Mismatch);
    expect(matchesResourceSelectors(deployment, undefined)).to.equal(false);
  });
  it('matches when any selector matches', () => {
    expect(matchesResourceSelectors(deployment, [{ ...base, name: 'redis' }, base])).to.equal(true);
  });
});
