import { expect } from 'chai';
import { waitFor } from '@karmada-ts/testing';
import { startE2eStack, type E2eMember, type E2eStack } from './support/e2e-stack.js';

// Karmada's placement rules through the running product: PropagationPolicies applied with kubectl, scheduler-svc
// deciding from the clusters cluster-svc reports (regions from `karmadactl join`, capacity from member-sim's nodes),
// the decision read back from the ResourceBinding and the replicas from the members.

/** Two regions over two providers; one node each, so that cpu capacity differs: 6, 3 and 12 cores. */
const members: readonly E2eMember[] = [
  { cluster: { name: 'member1', nodes: [{ count: 1, allocatable: { cpu: '6', memory: '32Gi', pods: '110' } }] }, join: { provider: 'aws', region: 'eu-west-1', zones: ['eu-west-1a'] } },
  { cluster: { name: 'member2', nodes: [{ count: 1, allocatable: { cpu: '3', memory: '32Gi', pods: '110' } }] }, join: { provider: 'aws', region: 'eu-west-1', zones: ['eu-west-1b'] } },
  { cluster: { name: 'member3', nodes: [{ count: 1, allocatable: { cpu: '12', memory: '64Gi', pods: '110' } }] }, join: { provider: 'gcp', region: 'europe-west4', zones: ['europe-west4-a'] } },
];
const regionOf = new Map(members.map((m) => [m.cluster.name, m.join!.region!]));

interface Target {
  readonly name: string;
  readonly replicas?: number;
}
interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}
interface Binding {
  readonly spec: { readonly clusters?: Target[] };
  readonly status?: { readonly conditions?: Condition[]; readonly schedulerObservingAffinityName?: string };
}

/** A Deployment whose pods request `cpu` each (none when absent), so only the dynamic cases depend on capacity. */
function deployment(namespace: string, name: string, replicas: number, cpu?: string): object {
  const labels = { app: name };
  const resources = cpu ? { requests: { cpu } } : {};
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx', resources }] } } },
  };
}

function policy(namespace: string, name: string, placement: object): object {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name }], placement },
  };
}

const namespace = (name: string): object => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const duplicated = { replicaScheduling: { replicaSchedulingType: 'Duplicated' } };
const dynamicDivided = { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } } };
const names = (targets: readonly Target[] | undefined) => (targets ?? []).map((t) => t.name).sort();

describe('scheduling end to end: spread, fallback affinities, taints, dynamic division, Aggregated, unschedulable', function () {
  this.timeout(300_000);
  let stack: E2eStack;
  const kubectl = (...args: string[]) => stack.kubectl(...args);

  before(async () => {
    stack = await startE2eStack({ members });
  });

  after(async () => {
    await stack?.stop();
  });

  const apply = async (...objects: object[]) => {
    const applied = await stack.kubectlWithInput(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }), 'apply', '-f', '-');
    expect(applied.code, applied.stderr).to.equal(0);
  };
  const binding = async (ns: string, name: string): Promise<Binding | undefined> => {
    const got = await kubectl('get', 'rb', `${name}-deployment`, '-n', ns, '-o', 'json');
    return got.code === 0 ? (JSON.parse(got.stdout) as Binding) : undefined;
  };
  const scheduledCondition = (rb: Binding | undefined) => rb?.status?.conditions?.find((c) => c.type === 'Scheduled');
  /** The binding once the scheduler has decided it successfully. */
  const scheduled = (ns: string, name: string) =>
    waitFor(`${ns}/${name} scheduled`, async () => {
      const rb = await binding(ns, name);
      return scheduledCondition(rb)?.status === 'True' && (rb!.spec.clusters ?? []).length > 0 ? rb! : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
  const memberReplicas = async (member: string, ns: string, name: string): Promise<number | undefined> => {
    const got = await stack.memberKubectl(member, 'get', 'deploy', name, '-n', ns, '-o', 'jsonpath={.spec.replicas}');
    return got.code === 0 ? Number(got.stdout) : undefined;
  };
  /** Waits until the members hold exactly `expected` (member → replicas) and nothing elsewhere. */
  const inMembers = async (ns: string, name: string, expected: Record<string, number>) => {
    for (const { cluster } of members) {
      const want = expected[cluster.name];
      await waitFor(`${ns}/${name} ${want ?? 'absent'} in ${cluster.name}`, async () => (await memberReplicas(cluster.name, ns, name)) === want, {
        timeoutMs: 60_000,
        intervalMs: 500,
      });
    }
  };
  /** Waits until no pod holds cpu in any member as cluster-svc reports it, so the next capacity case sees all of it. */
  const cpuReleased = async () => {
    for (const { cluster } of members) {
      await waitFor(`no cpu held in ${cluster.name}`, async () => {
        const got = await kubectl('get', 'cluster', cluster.name, '-o', 'jsonpath={.status.resourceSummary.allocated.cpu} {.status.resourceSummary.allocating.cpu}');
        return got.code === 0 && got.stdout.split(' ').every((cpu) => cpu === '' || cpu === '0');
      }, { timeoutMs: 60_000, intervalMs: 500 });
    }
  };
  const removeNamespace = async (ns: string) => {
    const deleted = await kubectl('delete', 'namespace', ns, '--wait=false');
    expect(deleted.code, deleted.stderr).to.equal(0);
  };

  it('spreads over both regions with spreadConstraints by region (minGroups 2, maxGroups 2) and cluster', async () => {
    const ns = 'spread-regions';
    await apply(
      namespace(ns),
      deployment(ns, 'web', 2),
      // Karmada's validation wants a cluster constraint beside a spreadByField one.
      policy(ns, 'web', {
        spreadConstraints: [
          { spreadByField: 'region', minGroups: 2, maxGroups: 2 },
          { spreadByField: 'cluster', minGroups: 2, maxGroups: 2 },
        ],
        ...duplicated,
      }),
    );
    const rb = await scheduled(ns, 'web');
    const chosen = names(rb.spec.clusters);
    expect(chosen.map((c) => regionOf.get(c)).sort()).to.deep.equal(['eu-west-1', 'europe-west4']);
    expect(chosen).to.include('member3');
    await inMembers(ns, 'web', Object.fromEntries(chosen.map((c) => [c, 2])));
    await removeNamespace(ns);
  });

  it('falls back to the next clusterAffinities term when the first fits no cluster, and reports it', async () => {
    const ns = 'fallback-affinities';
    await apply(
      namespace(ns),
      deployment(ns, 'web', 2),
      policy(ns, 'web', {
        clusterAffinities: [
          { affinityName: 'primary', clusterNames: ['member9'] },
          { affinityName: 'backup', clusterNames: ['member2'] },
        ],
        ...duplicated,
      }),
    );
    const rb = await scheduled(ns, 'web');
    expect(rb.spec.clusters).to.deep.equal([{ name: 'member2', replicas: 2 }]);
    expect(rb.status?.schedulerObservingAffinityName).to.equal('backup');
    await inMembers(ns, 'web', { member2: 2 });
    await removeNamespace(ns);
  });

  it('keeps a workload off a NoSchedule-tainted cluster unless its policy tolerates the taint', async () => {
    const ns = 'taints';
    const tainted = await stack.karmadactl('taint', 'cluster', 'member3', 'dedicated=gpu:NoSchedule');
    expect(tainted.code, tainted.stderr).to.equal(0);
    try {
      await waitFor('member3 tainted on the control plane', async () =>
        (await kubectl('get', 'cluster', 'member3', '-o', 'jsonpath={.spec.taints[*].key}')).stdout.includes('dedicated'),
      { timeoutMs: 30_000, intervalMs: 500 });
      await apply(
        namespace(ns),
        deployment(ns, 'plain', 1),
        deployment(ns, 'gpu', 1),
        policy(ns, 'plain', duplicated),
        policy(ns, 'gpu', { clusterTolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], ...duplicated }),
      );
      expect(names((await scheduled(ns, 'plain')).spec.clusters)).to.deep.equal(['member1', 'member2']);
      expect(names((await scheduled(ns, 'gpu')).spec.clusters)).to.deep.equal(['member1', 'member2', 'member3']);
      await inMembers(ns, 'plain', { member1: 1, member2: 1 });
      await inMembers(ns, 'gpu', { member1: 1, member2: 1, member3: 1 });
    } finally {
      const untainted = await stack.karmadactl('taint', 'cluster', 'member3', 'dedicated=gpu:NoSchedule-');
      expect(untainted.code, untainted.stderr).to.equal(0);
    }
    await waitFor('member3 untainted on the control plane', async () =>
      !(await kubectl('get', 'cluster', 'member3', '-o', 'jsonpath={.spec.taints[*].key}')).stdout.includes('dedicated'),
    { timeoutMs: 30_000, intervalMs: 500 });
    await removeNamespace(ns);
  });

  it('divides replicas by the available replicas of each member (dynamicWeight AvailableReplicas)', async () => {
    const ns = 'dynamic-division';
    // 1 cpu a replica: member1 has room for 6, member2 for 3, so 6 replicas split 4:2.
    await apply(namespace(ns), deployment(ns, 'web', 6, '1'), policy(ns, 'web', { clusterAffinity: { clusterNames: ['member1', 'member2'] }, ...dynamicDivided }));
    const rb = await scheduled(ns, 'web');
    expect(rb.spec.clusters).to.deep.equal([
      { name: 'member1', replicas: 4 },
      { name: 'member2', replicas: 2 },
    ]);
    await inMembers(ns, 'web', { member1: 4, member2: 2 });
    await waitFor('member1 reporting 4 cpu allocated', async () =>
      (await kubectl('get', 'cluster', 'member1', '-o', 'jsonpath={.status.resourceSummary.allocated.cpu}')).stdout === '4',
    { timeoutMs: 60_000, intervalMs: 500 });
    await removeNamespace(ns);
    await inMembers(ns, 'web', {});
    await cpuReleased();
  });

  it('places an Aggregated workload that fits in one cluster on the one with the most room only', async () => {
    const ns = 'aggregated';
    const aggregated = { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } };
    await apply(namespace(ns), deployment(ns, 'web', 5, '1'), policy(ns, 'web', aggregated));
    const rb = await scheduled(ns, 'web');
    expect(rb.spec.clusters).to.deep.equal([{ name: 'member3', replicas: 5 }]);
    await inMembers(ns, 'web', { member3: 5 });
    await removeNamespace(ns);
    await inMembers(ns, 'web', {});
    await cpuReleased();
  });

  it('reports why a binding cannot be scheduled: no cluster fits, or not enough available replicas', async () => {
    const ns = 'unschedulable';
    await apply(
      namespace(ns),
      deployment(ns, 'nowhere', 1),
      deployment(ns, 'toobig', 20, '1'),
      policy(ns, 'nowhere', { clusterAffinity: { clusterNames: ['member9'] }, ...duplicated }),
      policy(ns, 'toobig', { clusterAffinity: { clusterNames: ['member1', 'member2'] }, ...dynamicDivided }),
    );
    const failedCondition = (name: string) =>
      waitFor(`${ns}/${name} Scheduled=False`, async () => {
        const condition = scheduledCondition(await binding(ns, name));
        return condition?.status === 'False' ? condition : undefined;
      }, { timeoutMs: 60_000, intervalMs: 500 });

    const nowhere = await failedCondition('nowhere');
    expect(nowhere.reason).to.equal('NoClusterFit');
    expect(nowhere.message).to.equal('0/3 clusters are available: 3 cluster(s) did not match the placement cluster affinity constraint.');
    expect((await binding(ns, 'nowhere'))!.spec.clusters ?? []).to.deep.equal([]);

    // 1 cpu a replica: 20 wanted, member1 and member2 have room for 9.
    const toobig = await failedCondition('toobig');
    expect(toobig.reason).to.equal('Unschedulable');
    expect(toobig.message).to.match(/Clusters available replicas 9 are not enough to schedule\./);
    await inMembers(ns, 'nowhere', {});
    await inMembers(ns, 'toobig', {});
    await removeNamespace(ns);
  });
});
