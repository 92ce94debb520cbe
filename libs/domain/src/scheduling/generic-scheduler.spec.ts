import { expect } from 'chai';
import type { Placement } from '../api/policy.js';
import { buildClusterSnapshot, type ClusterView } from './cluster-snapshot.js';
import { bindingSpec, cluster, contextFor } from './fixtures.spec.js';
import { unschedulableResult, successResult, type FilterPlugin, type PluginResult, type SchedulerPlugin, type ScorePlugin } from './framework.js';
import { GenericScheduler } from './generic-scheduler.js';
import { defaultSchedulerPlugins } from './plugins/registry.js';

/** Out-of-tree plugins, to show the registry is open. */
const onlyGold: FilterPlugin = {
  name: 'OnlyGold',
  filter: (_context, view: ClusterView): PluginResult => (view.labels['tier'] === 'gold' ? successResult : unschedulableResult('cluster(s) were not gold')),
};
const broken: FilterPlugin = { name: 'Broken', filter: (): PluginResult => ({ code: 'Error', reasons: ['plugin failed'] }) };
const preferB: ScorePlugin = { name: 'PreferB', score: (_context, view: ClusterView) => (view.name === 'b' ? 50 : 0) };

describe('GenericScheduler', () => {
  const snapshot = buildClusterSnapshot([cluster('a', { labels: { tier: 'gold' }, pods: 20 }), cluster('b', { pods: 20 }), cluster('c', { labels: { tier: 'gold' }, pods: 30 })]);
  const aggregated: Placement = { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } };
  const cases: { name: string; plugins: SchedulerPlugin[]; placement: Placement; want: { ok: boolean; clusters?: string[]; message?: string; rejectedBy?: [string, string | undefined][] } }[] = [
    {
      name: 'the in-tree plugins alone: the largest cluster',
      plugins: [...defaultSchedulerPlugins],
      placement: aggregated,
      want: { ok: true, clusters: ['c'], rejectedBy: [['a', undefined], ['b', undefined], ['c', undefined]] },
    },
    {
      name: 'an extra filter plugin',
      plugins: [...defaultSchedulerPlugins, onlyGold],
      placement: aggregated,
      want: { ok: true, clusters: ['c'], rejectedBy: [['a', undefined], ['b', 'OnlyGold'], ['c', undefined]] },
    },
    {
      name: 'an extra score plugin decides which cluster a spread constraint keeps',
      plugins: [...defaultSchedulerPlugins, preferB],
      placement: { spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }] },
      want: { ok: true, clusters: ['b'] },
    },
    {
      name: 'the first failing filter is the one reported',
      plugins: [onlyGold, broken],
      placement: aggregated,
      want: { ok: false, message: '0/3 clusters are available: 1 cluster(s) were not gold, 2 plugin failed.', rejectedBy: [['a', 'Broken'], ['b', 'OnlyGold'], ['c', 'Broken']] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const attempt = new GenericScheduler(snapshot, c.plugins, undefined, false).run(contextFor(bindingSpec({ replicas: 12, placement: c.placement })));
      expect(attempt.outcome.ok).to.equal(c.want.ok);
      if (attempt.outcome.ok) expect(attempt.outcome.value.map((t) => t.name)).to.deep.equal(c.want.clusters);
      else expect(attempt.outcome.error.message).to.equal(c.want.message);
      if (c.want.rejectedBy) expect(attempt.explanations.map((e) => [e.cluster, e.rejectedBy?.plugin])).to.deep.equal(c.want.rejectedBy);
    });
  }
});
