import { expect } from 'chai';
import type { AnyPropagationPolicy } from '../api/policy.js';
import { canPreempt } from './preemption.js';

function policy(kind: AnyPropagationPolicy['kind'], priority: number, preemption?: 'Always' | 'Never'): AnyPropagationPolicy {
  const spec = { resourceSelectors: [], priority, ...(preemption ? { preemption } : {}) };
  return kind === 'PropagationPolicy'
    ? { apiVersion: 'policy.karmada.io/v1alpha1', kind, metadata: { name: 'p', namespace: 'default' }, spec }
    : { apiVersion: 'policy.karmada.io/v1alpha1', kind, metadata: { name: 'c' }, spec };
}

const cases: { name: string; preemptor: AnyPropagationPolicy; claimant: AnyPropagationPolicy; want: boolean }[] = [
  { name: 'PP Always preempts a lower PP', preemptor: policy('PropagationPolicy', 5, 'Always'), claimant: policy('PropagationPolicy', 3), want: true },
  { name: 'PP Always does not preempt an equal PP', preemptor: policy('PropagationPolicy', 3, 'Always'), claimant: policy('PropagationPolicy', 3), want: false },
  { name: 'PP Always does not preempt a higher PP', preemptor: policy('PropagationPolicy', 3, 'Always'), claimant: policy('PropagationPolicy', 5), want: false },
  { name: 'PP without Always never preempts', preemptor: policy('PropagationPolicy', 9), claimant: policy('PropagationPolicy', 1), want: false },
  { name: 'PP Never never preempts', preemptor: policy('PropagationPolicy', 9, 'Never'), claimant: policy('ClusterPropagationPolicy', 1), want: false },
  { name: 'PP Always preempts any CPP, even a higher one', preemptor: policy('PropagationPolicy', 0, 'Always'), claimant: policy('ClusterPropagationPolicy', 100), want: true },
  { name: 'CPP Always preempts a lower CPP', preemptor: policy('ClusterPropagationPolicy', 2, 'Always'), claimant: policy('ClusterPropagationPolicy', 1), want: true },
  { name: 'CPP Always does not preempt an equal CPP', preemptor: policy('ClusterPropagationPolicy', 1, 'Always'), claimant: policy('ClusterPropagationPolicy', 1), want: false },
  { name: 'CPP never preempts a PP', preemptor: policy('ClusterPropagationPolicy', 100, 'Always'), claimant: policy('PropagationPolicy', 0), want: false },
];

describe('canPreempt', () => {
  for (const c of cases) it(c.name, () => expect(canPreempt(c.preemptor, c.claimant)).to.equal(c.want));
});
