import { expect } from 'chai';
import { join } from 'node:path';
import { aggregates, Subjects } from '@karmada-ts/contracts';
import { allocateByWeight, executionSpaceName, generateBindingName, generateWorkName, KarmadaLabelValue } from '@karmada-ts/domain';
import { waitFor } from '@karmada-ts/testing';
import { startE2eStack, type E2eStack } from './support/e2e-stack.js';
import { GatewayClient } from './support/gateway-client.js';
import { readPropagationState, templateUids, type PropagationState } from './support/propagation-state.js';
import { consumersIdle, eventCount, lastSequence } from './support/stream-probes.js';
import { readWorkLog, type WorkLog } from './support/work-log.js';

const templateCount = 500;
const clusters = ['member1', 'member2', 'member3'] as const;
/** Weights with no ties in Webster's division (no two of w/(2s+1) can be equal), so the uid tie-break never decides. */
const weights = new Map<string, number>([
  ['member1', 1],
  ['member2', 2],
  ['member3', 4],
]);
/** After the api-gateway, which goes down while templates are being created, these go down in this order. */
const downstreamCrashOrder = ['policy-svc', 'scheduler-svc', 'binding-svc', 'executor-svc', 'cluster-svc'] as const;
const createConcurrency = 8;

type Strategy = 'Divided' | 'Duplicated';

interface TemplateSpec {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly strategy: Strategy;
}

/** One run's namespaces: three under a static-weight Divided policy, one under a Duplicated policy. */
function runNamespaces(run: string): { namespace: string; strategy: Strategy }[] {
  return [
    { namespace: `${run}-a`, strategy: 'Divided' },
    { namespace: `${run}-b`, strategy: 'Divided' },
    { namespace: `${run}-c`, strategy: 'Divided' },
    { namespace: `${run}-d`, strategy: 'Duplicated' },
  ];
}

function templatesOf(run: string): TemplateSpec[] {
  const namespaces = runNamespaces(run);
  return Array.from({ length: templateCount }, (_, i) => {
    const { namespace, strategy } = namespaces[i % namespaces.length]!;
    return { namespace, name: `app-${i}`, replicas: 1 + (i % 3), strategy };
  });
}

function policyOf(namespace: string, strategy: Strategy) {
  const replicaScheduling =
    strategy === 'Duplicated'
      ? { replicaSchedulingType: 'Duplicated' }
      : {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: {
            staticWeightList: [...weights].map(([cluster, weight]) => ({ targetCluster: { clusterNames: [cluster] }, weight })),
          },
        };
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'spread', namespace },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
      placement: { clusterAffinity: { clusterNames: [...clusters] }, replicaScheduling },
    },
  };
}

function deploymentOf(template: TemplateSpec) {
  const labels = { app: template.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: template.name, namespace: template.namespace, labels },
    spec: {
      replicas: template.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
    },
  };
}

/** Replicas per cluster as Karmada places a template: divided by static weight (Webster), or all of them everywhere. */
function expectedPlacement(template: TemplateSpec, uid: string): Map<string, number> {
  if (template.strategy === 'Duplicated') return new Map(clusters.map((cluster) => [cluster, template.replicas]));
  const divided = allocateByWeight(template.replicas, weights, undefined, uid).filter((target) => (target.replicas ?? 0) > 0);
  return new Map(divided.map((target) => [target.name, target.replicas!]));
}

/** The state Karmada's semantics give the templates, from their specs and uids alone. */
function expectedState(run: string, templates: readonly TemplateSpec[], uids: ReadonlyMap<string, string>): PropagationState {
  const state: PropagationState = { members: new Map(), works: new Map(), ready: new Map() };
  for (const template of templates) {
    const key = `${template.namespace}/${template.name}`;
    const uid = uids.get(key);
    if (!uid) throw new Error(`template ${key} is missing on the control plane`);
    const binding = `${template.namespace}/${generateBindingName('Deployment', template.name)}`;
    let ready = 0;
    for (const [cluster, replicas] of expectedPlacement(template, uid)) {
      const work = `${executionSpaceName(cluster)}/${generateWorkName('Deployment', template.name, template.namespace)}`;
      state.members.set(`${cluster}/${key}`, { replicas, managed: KarmadaLabelValue.Managed, work, templateUid: uid });
      state.works.set(work, { binding, replicas, applied: 'True' });
      ready += replicas;
    }
    // Karmada's Deployment status sums the members': a Duplicated template reports its replicas once per cluster.
    state.ready.set(key, ready);
  }
  for (const { namespace } of runNamespaces(run)) {
    for (const cluster of clusters) {
      state.works.set(`${executionSpaceName(cluster)}/${generateWorkName('Namespace', namespace, undefined)}`, { binding: undefined, replicas: undefined, applied: 'True' });
    }
  }
  return state;
}

// Issue #6: while 500 templates propagate to three members, every service is killed with SIGKILL once and restarted;
// the end state must equal the one Karmada's semantics give, and the one a run without crashes reaches: no Work lost
// or doubled, every member object right, every template's status aggregated, no dead letters.
describe('crash safety: every service killed once while 500 templates propagate', function () {
  this.timeout(900_000);
  let stack: E2eStack;
  let gateway: GatewayClient;
  let workFilter: string;
  let calm: PropagationState | undefined;

  before(async () => {
    stack = await startE2eStack({ clusters: clusters.length });
    // Pod room for both runs: member3 takes about 750 replicas of each.
    for (const cluster of clusters) {
      await stack.members.setNodes(cluster, [{ count: 16, allocatable: { cpu: '64', memory: '256Gi', pods: '110' } }]);
    }
    gateway = new GatewayClient(join(stack.stateDir, 'kubeconfig'), createConcurrency);
    workFilter = new Subjects(stack.instance).aggregateFilter(aggregates.work);
  });

  after(async () => {
    gateway?.close();
    await stack?.stop();
  });

  const natsUrl = () => stack.env.NATS_URL!;

  async function prepare(run: string): Promise<void> {
    for (const { namespace, strategy } of runNamespaces(run)) {
      await gateway.createIdempotently('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
      await gateway.createIdempotently(`/apis/policy.karmada.io/v1alpha1/namespaces/${namespace}/propagationpolicies`, policyOf(namespace, strategy));
    }
  }

  /** Creates the templates with a bounded number of requests in flight, retrying as a client would. */
  async function createTemplates(templates: readonly TemplateSpec[], onCreated: () => void = () => undefined): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < templates.length) {
        const template = templates[next++]!;
        await gateway.createIdempotently(`/apis/apps/v1/namespaces/${template.namespace}/deployments`, deploymentOf(template));
        onCreated();
      }
    };
    await Promise.all(Array.from({ length: createConcurrency }, worker));
  }

  /**
   * Waits until the system is quiescent (every durable consumer idle) in the expected state, then returns what is
   * observed. On a timeout, says what differs.
   */
  async function settle(run: string, templates: readonly TemplateSpec[]): Promise<PropagationState> {
    const namespaces = new Set(runNamespaces(run).map((n) => n.namespace));
    // A create is answered once its event is stored; the gateway lists the object once it has read the event back.
    const uids = await waitFor(
      `${run}: every template listed`,
      async () => {
        const listed = await templateUids(stack, namespaces);
        return listed.size === templates.length && listed;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    const expected = expectedState(run, templates, uids);
    let observed: PropagationState | undefined;
    try {
      await waitFor(
        `${run}: quiescent in the expected state`,
        async () => {
          if (!(await consumersIdle(stack.instance, natsUrl()))) return false;
          observed = await readPropagationState(stack, clusters, namespaces);
          return stateDiff(observed, expected).length === 0 && (await consumersIdle(stack.instance, natsUrl()));
        },
        { timeoutMs: 480_000, intervalMs: 2_000 },
      );
    } catch (err) {
      observed ??= await readPropagationState(stack, clusters, namespaces);
      expect(stateDiff(observed, expected), `${run}: what differs (actual vs expected)`).to.deep.equal([]);
      throw err;
    }
    return observed!;
  }

  function expectNoDoubleWork(log: WorkLog, observed: PropagationState) {
    const perBindingAndCluster = new Map<string, number>();
    for (const [key, work] of observed.works) {
      if (!work.binding) continue;
      const bindingInCluster = `${work.binding} in ${key.split('/')[0]}`;
      perBindingAndCluster.set(bindingInCluster, (perBindingAndCluster.get(bindingInCluster) ?? 0) + 1);
    }
    expect([...perBindingAndCluster].filter(([, count]) => count > 1), 'Works of one binding in one cluster').to.deep.equal([]);
    expect(log.repeatedRenderIds, 'WorkRendered ids stored twice').to.deep.equal([]);
    expect(log.unchangedRerenders, 'Works rendered again with nothing changed').to.deep.equal([]);
    // Nothing in this scenario takes a cluster away from a template: a deleted Work is a Work lost for a while.
    expect(log.deletedWorks, 'Works whose deletion was requested').to.deep.equal([]);
    expect(log.deadLetters, 'dead letters').to.deep.equal([]);
  }

  it("without crashes, reaches the state Karmada's division gives", async () => {
    const started = Date.now();
    const fromSeq = (await lastSequence(stack.instance, natsUrl())) + 1;
    const templates = templatesOf('calm');
    await prepare('calm');
    await createTemplates(templates);
    const observed = await settle('calm', templates);
    const log = await readWorkLog(stack.instance, natsUrl(), fromSeq);
    console.log(`      calm: settled after ${Date.now() - started} ms; work events ${JSON.stringify(Object.fromEntries(log.eventCounts))}`);
    expectNoDoubleWork(log, observed);
    calm = observed;
  });

  it('with each service killed -9 once and restarted, reaches the same state', async () => {
    const started = Date.now();
    const fromSeq = (await lastSequence(stack.instance, natsUrl())) + 1;
    const templates = templatesOf('crash');
    await prepare('crash');
    // The api-gateway goes down while creates are in flight; the other services one at a time as the run's Works
    // come out, spread over the propagation. (The Work total paces the crashes; no assertion depends on it.)
    const workTotal = templates.reduce((sum, template) => sum + expectedPlacement(template, '').size, 0);
    const worksBefore = await eventCount(stack.instance, natsUrl(), workFilter);
    const worksRendered = async () => (await eventCount(stack.instance, natsUrl(), workFilter)) - worksBefore;
    let created = 0;
    const creating = createTemplates(templates, () => created++);
    const crashes: string[] = [];
    const crash = async (service: string) => {
      const progress = `${created} templates created, ${await worksRendered()} Work events`;
      await stack.crashAndRestart(service);
      crashes.push(`${service} at ${Math.round((Date.now() - started) / 1000)} s (${progress})`);
    };
    await waitFor('a quarter of the templates created', () => created >= templates.length / 4, { timeoutMs: 120_000, intervalMs: 100 });
    await crash('api-gateway');
    for (const [i, service] of downstreamCrashOrder.entries()) {
      const threshold = Math.floor(((i + 1) * workTotal) / (downstreamCrashOrder.length + 1));
      await waitFor(`${threshold} Works rendered`, async () => (await worksRendered()) >= threshold, { timeoutMs: 300_000, intervalMs: 250 });
      await crash(service);
    }
    await creating;
    const observed = await settle('crash', templates);
    const log = await readWorkLog(stack.instance, natsUrl(), fromSeq);
    console.log(`      crash: killed ${crashes.join(', ')}; settled after ${Date.now() - started} ms; work events ${JSON.stringify(Object.fromEntries(log.eventCounts))}`);
    expectNoDoubleWork(log, observed);
    if (calm) expect(withoutRun(observed, 'crash')).to.deep.equal(withoutRun(calm, 'calm'));
  });
});

/**
 * A run's state in terms two runs share: the run's namespace prefix taken out of the keys, Work names (hashed with
 * the namespace) and uids left out.
 */
function withoutRun(state: PropagationState, run: string) {
  const strip = (text: string) => text.replaceAll(`${run}-`, '');
  return {
    members: new Map([...state.members].map(([key, object]) => [strip(key), { replicas: object.replicas, managed: object.managed }])),
    works: [...state.works.values()].map((work) => ({ ...work, binding: work.binding && strip(work.binding) })).sort(byJson),
    ready: new Map([...state.ready].map(([key, ready]) => [strip(key), ready])),
  };
}

function byJson(a: unknown, b: unknown): number {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Entries that differ between the observed and the expected state, with both values; at most 20. */
function stateDiff(actual: PropagationState, expected: PropagationState): string[] {
  const differences: string[] = [];
  for (const part of ['members', 'works', 'ready'] as const) {
    const [a, e] = [actual[part] as ReadonlyMap<string, unknown>, expected[part] as ReadonlyMap<string, unknown>];
    for (const key of new Set([...a.keys(), ...e.keys()])) {
      const [got, want] = [JSON.stringify(a.get(key)), JSON.stringify(e.get(key))];
      if (got !== want) differences.push(`${part} ${key}: ${got} vs ${want}`);
    }
  }
  return differences.slice(0, 20);
}
