import { expect } from 'chai';
import type { Placement } from '../api/policy.js';
import type { TargetCluster } from '../api/work.js';
import { divideJobCompletions, needsJobCompletionsSplit } from './job-completions.js';

describe('divideJobCompletions', () => {
  const cases: { name: string; completions: number; clusters: TargetCluster[]; uid?: string; want: TargetCluster[] }[] = [
    { name: 'in proportion to parallelism', completions: 12, clusters: [{ name: 'a', replicas: 1 }, { name: 'b', replicas: 2 }], want: [{ name: 'a', replicas: 4 }, { name: 'b', replicas: 8 }] },
    { name: 'remainders by Webster', completions: 10, clusters: [{ name: 'a', replicas: 1 }, { name: 'b', replicas: 2 }], want: [{ name: 'a', replicas: 3 }, { name: 'b', replicas: 7 }] },
    { name: 'ties follow the uid', completions: 3, clusters: [{ name: 'a', replicas: 1 }, { name: 'b', replicas: 1 }], uid: 'uid-1', want: [{ name: 'a', replicas: 1 }, { name: 'b', replicas: 2 }] },
  ];
  for (const c of cases) {
    it(c.name, () => expect(divideJobCompletions(c.completions, c.clusters, c.uid)).to.deep.equal(c.want));
  }

  const splits: { name: string; replicas: number; placement?: Placement; want: boolean }[] = [
    { name: 'Divided parallelism', replicas: 3, placement: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } }, want: true },
    { name: 'Duplicated', replicas: 3, placement: {}, want: false },
    { name: 'no replicas', replicas: 0, placement: { replicaScheduling: { replicaSchedulingType: 'Divided' } }, want: false },
  ];
  for (const c of splits) {
    it(`split completions: ${c.name}`, () => expect(needsJobCompletionsSplit(c.replicas, c.placement)).to.equal(c.want));
  }
});
