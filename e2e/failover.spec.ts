import { expect } from 'chai';
import { waitFor } from '@karmada-ts/testing';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import { readStreamEvents, type StreamEvent } from './support/stream-events.js';

// Failover through the running product: members fail in member-sim (unreachable, or a workload losing its nodes),
// cluster-svc taints them, scheduler-svc evicts and moves the replicas, binding-svc and executor-svc follow; the
// order of what happened is read back from the event log.

interface Target {
  readonly name: string;
  readonly replicas?: number;
}
interface EvictionTask {
  readonly fromCluster: string;
  readonly reason: string;
}
interface Placement {
  readonly clusters: Target[];
  readonly gracefulEvictionTasks: EvictionTask[];
  readonly failback?: { readonly returningSince?: string };
}
interface HealthItem {
  readonly clusterName: string;
  readonly health?: string;
}

const members = ['member1', 'member2', 'member3'];

function deployment(name: string, replicas: number): object {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
    },
  };
}

/** Equal static weights over `clusters` for the Deployment `name`; `tolerations` join the placement, `spec` the rest. */
function policy(name: string, clusters: string[], more: { tolerations?: object[]; spec?: object } = {}): object {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace: 'default' },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name }],
      placement: {
        clusterAffinity: { clusterNames: clusters },
        ...(more.tolerations ? { clusterTolerations: more.tolerations } : {}),
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: { staticWeightList: clusters.map((cluster) => ({ targetCluster: { clusterNames: [cluster] }, weight: 1 })) },
        },
      },
      ...more.spec,
    },
  };
}

const sum = (targets: readonly Target[]) => targets.reduce((total, target) => total + (target.replicas ?? 0), 0);
const names = (targets: readonly Target[]) => targets.map((target) => target.name);
const sameTargets = (a: readonly Target[], b: readonly Target[]) => JSON.stringify(a) === JSON.stringify(b);

describe('failover end to end: a member goes unreachable, a workload fails', function () {
  this.timeout(600_000);
  let stack: E2eStack;
  const kubectl = (...args: string[]) => stack.kubectl(...args);

  before(async () => {
    stack = await startE2eStack({ clusters: 3, env: { CLUSTER_NOEXECUTE_GRACE_SECONDS: '1', GRACEFUL_EVICTION_TIMEOUT_SECONDS: '300' } });
  });

  after(async () => {
    await stack?.stop();
  });

  const apply = async (...objects: object[]) => {
    const applied = await stack.kubectlWithInput(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }), 'apply', '-f', '-');
    expect(applied.code, applied.stderr).to.equal(0);
  };
  const binding = async (name: string): Promise<{ spec: Placement; status?: { aggregatedStatus?: HealthItem[] } }> =>
    JSON.parse((await kubectl('get', 'rb', `${name}-deployment`, '-o', 'json')).stdout);
  const readyIn = async (member: string, name: string) =>
    Number((await stack.memberKubectl(member, 'get', 'deploy', name, '-o', 'jsonpath={.status.readyReplicas}')).stdout || '0');
  const readyEverywhere = (name: string, replicas: number) =>
    waitFor(`${name} ${replicas}/${replicas} on the control plane`, async () => (await kubectl('get', 'deploy', name, '-o', 'jsonpath={.status.readyReplicas}')).stdout === String(replicas), {
      timeoutMs: 120_000,
      intervalMs: 500,
    });
  /** The placements, aggregated statuses and Work events of one binding, in stream order. */
  const history = async (name: string) => {
    const natsUrl = stack.env.NATS_URL!;
    const of = (events: StreamEvent[]) => events.filter((e) => (e.data['binding'] as { name?: string } | undefined)?.name === `${name}-deployment`);
    const [placements, statuses, works] = await Promise.all([
      readStreamEvents(natsUrl, stack.instance, 'placement.>'),
      readStreamEvents(natsUrl, stack.instance, 'bindingstatus.>'),
      readStreamEvents(natsUrl, stack.instance, 'work.>'),
    ]);
    return {
      placements: of(placements).map((e) => ({ seq: e.seq, ...(e.data as unknown as Placement) })),
      statuses: of(statuses).map((e) => ({ seq: e.seq, items: e.data['aggregatedStatus'] as HealthItem[] })),
      works: of(works).map((e) => ({ seq: e.seq, type: e.type, cluster: e.data['cluster'] as string, replicas: (e.data['work'] as WorkJson).spec?.workload?.manifests?.[0]?.spec?.replicas })),
    };
  };
  const healthyOn = (items: readonly HealthItem[], clusters: readonly string[]) =>
    clusters.every((cluster) => items.some((item) => item.clusterName === cluster && item.health === 'Healthy'));

  it('moves the replicas off an unreachable member, deleting its Work only once the new placement is healthy; with failback they come back', async () => {
    // Tolerate the NoExecute taint briefly, as Karmada's default tolerations did (for 300 s).
    const tolerations = [{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }];
    const clusterFailover = { failover: { cluster: { purgeMode: 'Gracefully' } } };
    const web = policy('web', members, { tolerations, spec: { ...clusterFailover, failback: { enabled: true } } });
    const stay = policy('stay', members, { tolerations, spec: clusterFailover });
    await apply(deployment('web', 3), deployment('stay', 3), web, stay);
    await readyEverywhere('web', 3);
    await readyEverywhere('stay', 3);
    const original = (await binding('web')).spec.clusters;
    expect(original).to.deep.equal(members.map((name) => ({ name, replicas: 1 })));

    stack.members.setHealth('member2', 'unreachable');
    const moved = await waitFor('web evicted from member2 and its eviction task done', async () => {
      const rb = await binding('web');
      return !names(rb.spec.clusters).includes('member2') && (rb.spec.gracefulEvictionTasks ?? []).length === 0 ? rb : undefined;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    expect(sum(moved.spec.clusters)).to.equal(3);
    expect(names(moved.spec.clusters)).to.have.members(['member1', 'member3']);
    await waitFor('3 replicas ready in member1 and member3', async () => (await readyIn('member1', 'web')) + (await readyIn('member3', 'web')) === 3, {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    await waitFor('stay evicted from member2 too', async () => !names((await binding('stay')).spec.clusters).includes('member2'), { timeoutMs: 60_000, intervalMs: 500 });

    const failedOver = await history('web');
    const eviction = failedOver.placements.find((p) => p.gracefulEvictionTasks.some((t) => t.fromCluster === 'member2' && t.reason === 'TaintUntolerated'));
    expect(eviction, 'a placement with the eviction task').to.not.equal(undefined);
    const taskDone = failedOver.placements.find((p) => p.seq > eviction!.seq && !p.gracefulEvictionTasks.some((t) => t.fromCluster === 'member2'));
    expect(taskDone, 'a placement dropping the task').to.not.equal(undefined);
    expect(failedOver.placements.filter((p) => p.seq > eviction!.seq && p.seq < taskDone!.seq).every((p) => !names(p.clusters).includes('member2'))).to.equal(true);
    const newTargets = names(taskDone!.clusters);
    const healthyFirst = failedOver.statuses.find((s) => s.seq > eviction!.seq && s.seq < taskDone!.seq && healthyOn(s.items, newTargets));
    expect(healthyFirst, 'the new placement reported healthy before the task ended').to.not.equal(undefined);
    const member2Deletion = failedOver.works.find((w) => w.cluster === 'member2' && w.type === 'WorkDeletionRequested');
    expect(member2Deletion, "the deletion of member2's Work").to.not.equal(undefined);
    expect(member2Deletion!.seq).to.be.greaterThan(taskDone!.seq);

    stack.members.setHealth('member2', 'healthy');
    await waitFor('web back on its original placement', async () => sameTargets((await binding('web')).spec.clusters, original), { timeoutMs: 180_000, intervalMs: 500 });
    for (const member of members) {
      await waitFor(`1 web replica ready in ${member}`, async () => (await readyIn(member, 'web')) === 1, { timeoutMs: 60_000, intervalMs: 500 });
    }

    const failedBack = await history('web');
    const started = failedBack.placements.find((p) => p.seq > taskDone!.seq && p.failback?.returningSince !== undefined);
    expect(started, 'the failback starting').to.not.equal(undefined);
    expect(names(started!.clusters)).to.have.members(members);
    expect(sum(started!.clusters)).to.be.greaterThan(3);
    const completed = failedBack.placements.find((p) => p.seq > started!.seq && sameTargets(p.clusters, original));
    expect(completed, 'the failback completing').to.not.equal(undefined);
    const member2Healthy = failedBack.statuses.find((s) => s.seq > started!.seq && s.seq < completed!.seq && healthyOn(s.items, members));
    expect(member2Healthy, 'every original cluster healthy before the replacements went').to.not.equal(undefined);
    const shrunkEarly = failedBack.works.filter((w) => w.seq > started!.seq && w.seq < completed!.seq && w.cluster !== 'member2');
    expect(shrunkEarly, 'no replacement Work changed before the original clusters were healthy').to.deep.equal([]);

    // Without failback (Karmada's behaviour) the replicas stay where failover put them.
    expect(names((await binding('stay')).spec.clusters)).to.not.include('member2');

    const deleted = await kubectl('delete', 'deploy', 'web', 'stay', '--timeout=120s');
    expect(deleted.code, deleted.stderr).to.equal(0);
  });

  it('moves a workload that stays unhealthy in a member longer than tolerationSeconds (application failover)', async () => {
    const api = policy('api', ['member1', 'member3'], {
      // Karmada's validation: application failover needs propagateDeps. The tolerance outlasts the first rollout, whose
      // first status report carries the time of the apply that started it.
      spec: { propagateDeps: true, failover: { application: { decisionConditions: { tolerationSeconds: 10 }, purgeMode: 'Gracefully', gracePeriodSeconds: 120 } } },
    });
    await apply(deployment('api', 2), api);
    await readyEverywhere('api', 2);
    expect((await binding('api')).spec.clusters).to.deep.equal([{ name: 'member1', replicas: 1 }, { name: 'member3', replicas: 1 }]);

    // member3 loses its nodes: the api pod there is gone and its replacement cannot be scheduled (cluster still Ready).
    await stack.members.setNodes('member3', [{ count: 1, names: ['member3-cordoned'], ready: false, allocatable: { cpu: '8', memory: '32Gi', pods: '110' } }]);
    const moved = await waitFor('api moved to member1', async () => {
      const rb = await binding('api');
      return sameTargets(rb.spec.clusters, [{ name: 'member1', replicas: 2 }]) ? rb : undefined;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    for (const task of moved.spec.gracefulEvictionTasks ?? []) expect([task.fromCluster, task.reason]).to.deep.equal(['member3', 'ApplicationFailure']);
    await waitFor('2 api replicas ready in member1', async () => (await readyIn('member1', 'api')) === 2, { timeoutMs: 60_000, intervalMs: 500 });
    await waitFor('api gone from member3', async () => (await stack.memberKubectl('member3', 'get', 'deploy', 'api')).code !== 0, { timeoutMs: 60_000, intervalMs: 500 });

    const log = await history('api');
    const eviction = log.placements.find((p) => p.gracefulEvictionTasks.some((t) => t.fromCluster === 'member3' && t.reason === 'ApplicationFailure'));
    expect(eviction, 'a placement with the ApplicationFailure task').to.not.equal(undefined);
    const unhealthy = log.statuses.find((s) => s.seq < eviction!.seq && s.items.some((i) => i.clusterName === 'member3' && i.health === 'Unhealthy'));
    expect(unhealthy, 'member3 reported Unhealthy first').to.not.equal(undefined);
    const taskDone = log.placements.find((p) => p.seq > eviction!.seq && p.gracefulEvictionTasks.length === 0);
    const deletion = log.works.find((w) => w.cluster === 'member3' && w.type === 'WorkDeletionRequested');
    expect(deletion!.seq).to.be.greaterThan(taskDone!.seq);
  });
});

interface WorkJson {
  readonly spec?: { readonly workload?: { readonly manifests?: { readonly spec?: { readonly replicas?: number } }[] } };
}
