import { expect } from 'chai';
import { waitFor } from '@karmada-ts/testing';
import { startE2eStack, type CommandResult, type E2eStack } from '../../../e2e/support/e2e-stack.js';

interface ClusterJson {
  spec: { syncMode: string; apiEndpoint: string; secretRef?: { namespace: string; name: string }; taints?: { key: string; value?: string; effect: string }[] };
  status?: {
    kubernetesVersion?: string;
    apiEnablements?: { groupVersion: string; resources?: { name: string; kind: string }[] }[];
    conditions?: { type: string; status: string; reason?: string }[];
    resourceSummary?: { allocatable?: Record<string, string> };
  };
}

// Joining members the two ways Karmada documents for Push mode (karmadactl join, and kubectl creating the Secret and
// the Cluster), managing them with karmadactl, and the errors that must leave nothing behind: the whole stack as
// processes, simulated members, the real kubectl.
describe('karmadactl and kubectl: join, cordon, taint and unjoin member clusters', function () {
  this.timeout(240_000);
  let stack: E2eStack;

  before(async () => {
    stack = await startE2eStack({ clusters: 3, join: false });
  });
  after(async () => {
    await stack?.stop();
  });

  const kubeconfigOf = (member: string) => stack.members.kubeconfigPath(member)!;

  async function cluster(name: string): Promise<ClusterJson | undefined> {
    const got = await stack.kubectl('get', 'cluster', name, '-o', 'json');
    return got.code === 0 ? (JSON.parse(got.stdout) as ClusterJson) : undefined;
  }

  const readyOf = (c: ClusterJson | undefined) => c?.status?.conditions?.find((condition) => condition.type === 'Ready');
  const taintsOf = (c: ClusterJson | undefined) => (c?.spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);

  function waitForCluster(name: string, description: string, check: (c: ClusterJson) => boolean): Promise<ClusterJson> {
    return waitFor(`${name}: ${description}`, async () => {
      const c = await cluster(name);
      return c && check(c) ? c : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250 });
  }

  /** Ready, with what cluster-svc collects from the member. */
  const collected = (c: ClusterJson) =>
    readyOf(c)?.status === 'True' && c.status?.kubernetesVersion !== undefined && c.status.resourceSummary !== undefined && (c.status.apiEnablements?.length ?? 0) > 0;

  function expectCollected(c: ClusterJson): void {
    expect(c.status?.kubernetesVersion).to.equal('v1.32.4');
    expect(c.status?.apiEnablements?.find((e) => e.groupVersion === 'apps/v1')?.resources).to.deep.include({ name: 'deployments', kind: 'Deployment' });
    expect(c.status?.conditions?.find((condition) => condition.type === 'CompleteAPIEnablements')).to.include({ status: 'True', reason: 'Complete' });
    expect(c.status?.resourceSummary?.allocatable).to.have.keys('cpu', 'memory', 'pods');
  }

  async function names(...args: string[]): Promise<string[]> {
    const got = await stack.kubectl('get', ...args, '-o', 'name');
    expect(got.code, got.stderr).to.equal(0);
    return got.stdout.split('\n').filter(Boolean).sort();
  }

  function expectFailure(result: CommandResult, code: number, message: RegExp): void {
    expect(result.code, result.stdout).to.equal(code);
    expect(result.stderr).to.match(message);
  }

  it('joins with karmadactl: a Secret and a Cluster in Push mode, which becomes Ready with version, API enablements and resource summary', async () => {
    const joined = await stack.karmadactl('join', 'member1', '--cluster-kubeconfig', kubeconfigOf('member1'), '--cluster-region', 'eu-west');
    expect(joined.code, joined.stderr).to.equal(0);
    expect(joined.stdout.trim()).to.equal('cluster(member1) is joined successfully (Kubernetes v1.32.4)');
    const member1 = await waitForCluster('member1', 'Ready and collected', collected);
    expect(member1.spec).to.deep.include({ syncMode: 'Push', apiEndpoint: `${stack.members.url}/clusters/member1`, secretRef: { namespace: 'karmada-cluster', name: 'member1' } });
    expectCollected(member1);
    const secret = JSON.parse((await stack.kubectl('get', 'secret', 'member1', '-n', 'karmada-cluster', '-o', 'json')).stdout) as { data: Record<string, string> };
    expect(Buffer.from(secret.data['token']!, 'base64').toString('utf8')).to.equal(stack.members.token('member1'));
    expect(Buffer.from(secret.data['caBundle']!, 'base64').toString('utf8')).to.equal(stack.members.caPem);
  });

  it('joins with kubectl: the credentials Secret in karmada-cluster and a Cluster naming it, as Karmada documents Push mode', async () => {
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    const manifests = [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'member2', namespace: 'karmada-cluster' },
        type: 'Opaque',
        data: { token: b64(stack.members.token('member2')), caBundle: b64(stack.members.caPem) },
      },
      {
        apiVersion: 'cluster.karmada.io/v1alpha1',
        kind: 'Cluster',
        metadata: { name: 'member2' },
        spec: { syncMode: 'Push', apiEndpoint: `${stack.members.url}/clusters/member2`, secretRef: { namespace: 'karmada-cluster', name: 'member2' } },
      },
    ];
    const applied = await stack.kubectlWithInput(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }), 'apply', '-f', '-');
    expect(applied.code, applied.stderr).to.equal(0);
    expectCollected(await waitForCluster('member2', 'Ready and collected', collected));
    const table = await stack.kubectl('get', 'clusters');
    expect(table.stdout).to.match(/^member2\s+.*v1\.32\.4.*Push.*True/m);
  });

  it('refuses bad arguments, an unknown kubeconfig or context, a member that does not answer and a second join, creating nothing', async () => {
    const member3 = kubeconfigOf('member3');
    expectFailure(await stack.karmadactl('join'), 2, /join takes exactly one cluster name/);
    expectFailure(await stack.karmadactl('join', 'member3', 'extra', '--cluster-kubeconfig', member3), 2, /join takes exactly one cluster name/);
    expectFailure(await stack.karmadactl('join', 'Member_3', '--cluster-kubeconfig', member3), 2, /invalid cluster name "Member_3"/);
    expectFailure(await stack.karmadactl('join', 'member3'), 2, /--cluster-kubeconfig is required/);
    expectFailure(await stack.karmadactl('join', 'member3', '--cluster-kubeconfig', member3, '--no-such-flag'), 2, /Unknown option '--no-such-flag'/);
    expectFailure(await stack.karmadactl('join', 'member3', '--cluster-kubeconfig', '/nonexistent/kubeconfig'), 1, /cannot read the member kubeconfig \/nonexistent\/kubeconfig/);
    expectFailure(await stack.karmadactl('join', 'member3', '--cluster-kubeconfig', member3, '--cluster-context', 'nope'), 1, /context "nope" is not in .* \(it has: member3\)/);
    stack.members.setHealth('member3', 'unreachable');
    try {
      expectFailure(
        await stack.karmadactl('join', 'member3', '--cluster-kubeconfig', member3),
        1,
        new RegExp(`the member cluster at ${stack.members.url}/clusters/member3 does not answer: .*Nothing was created`),
      );
    } finally {
      stack.members.setHealth('member3', 'healthy');
    }
    expectFailure(await stack.karmadactl('join', 'member1', '--cluster-kubeconfig', kubeconfigOf('member1')), 1, /cluster "member1" is already joined; unjoin it first/);

    expect(await names('clusters')).to.deep.equal(['cluster.cluster.karmada.io/member1', 'cluster.cluster.karmada.io/member2']);
    expect(await names('secrets', '-n', 'karmada-cluster')).to.deep.equal(['secret/member1', 'secret/member2']);
    // The second join left the first one's Secret as it was.
    const secret = JSON.parse((await stack.kubectl('get', 'secret', 'member1', '-n', 'karmada-cluster', '-o', 'json')).stdout) as { data: Record<string, string> };
    expect(Buffer.from(secret.data['token']!, 'base64').toString('utf8')).to.equal(stack.members.token('member1'));
  });

  it('cordons and uncordons a cluster', async () => {
    const cordoned = await stack.karmadactl('cordon', 'member1');
    expect(cordoned.stdout.trim(), cordoned.stderr).to.equal('cluster/member1 cordoned');
    expect(taintsOf(await cluster('member1'))).to.deep.equal(['cluster.karmada.io/unschedulable:NoSchedule']);
    expect((await stack.karmadactl('cordon', 'member1')).stdout.trim()).to.equal('cluster/member1 already cordoned');
    expect((await stack.karmadactl('uncordon', 'member1')).stdout.trim()).to.equal('cluster/member1 uncordoned');
    expect(taintsOf(await cluster('member1'))).to.deep.equal([]);
    expect((await stack.karmadactl('uncordon', 'member1')).stdout.trim()).to.equal('cluster/member1 already uncordoned');
    expectFailure(await stack.karmadactl('cordon', 'nosuch'), 1, /cluster "nosuch" not found/);
    expectFailure(await stack.karmadactl('cordon'), 2, /cordon takes exactly one cluster name/);
  });

  it('adds, overwrites and removes taints like kubectl taint', async () => {
    const tainted = await stack.karmadactl('taint', 'cluster', 'member1', 'dedicated=gpu:NoSchedule', 'maintenance:NoExecute');
    expect(tainted.stdout.trim(), tainted.stderr).to.equal('cluster/member1 tainted');
    expect(taintsOf(await cluster('member1'))).to.deep.equal(['dedicated=gpu:NoSchedule', 'maintenance:NoExecute']);
    expectFailure(await stack.karmadactl('taint', 'cluster', 'member1', 'dedicated=cpu:NoSchedule'), 1, /already has taint dedicated:NoSchedule with a different value; use --overwrite/);
    expect((await stack.karmadactl('taint', 'cluster', 'member1', 'dedicated=cpu:NoSchedule', '--overwrite')).code).to.equal(0);
    expect(taintsOf(await cluster('member1'))).to.have.members(['dedicated=cpu:NoSchedule', 'maintenance:NoExecute']);
    expect((await stack.karmadactl('taint', 'cluster', 'member1', 'dedicated:NoSchedule-', 'maintenance-')).code).to.equal(0);
    expect(taintsOf(await cluster('member1'))).to.deep.equal([]);
    expectFailure(await stack.karmadactl('taint', 'cluster', 'member1', 'maintenance-'), 1, /taint "maintenance" not found on cluster member1/);
    expectFailure(await stack.karmadactl('taint', 'cluster', 'member1', 'dedicated=gpu:Sometimes'), 2, /Sometimes/);
    expectFailure(await stack.karmadactl('taint', 'node', 'member1', 'a=b:NoSchedule'), 2, /the only taintable resource is "cluster"/);
    expectFailure(await stack.karmadactl('taint', 'cluster', 'nosuch', 'a=b:NoSchedule'), 1, /cluster "nosuch" not found/);
  });

  it("taints an unhealthy member not-ready after the failure threshold, next to the user's taints, and removes it on recovery", async () => {
    expect((await stack.karmadactl('cordon', 'member2')).code).to.equal(0);
    const brokeAt = Date.now();
    stack.members.setHealth('member2', 'unhealthy');
    try {
      const notReady = await waitForCluster('member2', 'not ready', (c) => readyOf(c)?.status === 'False');
      // CLUSTER_FAILURE_THRESHOLD_SECONDS is 2 in the e2e stack.
      expect(Date.now() - brokeAt, 'not before the threshold').to.be.at.least(2_000);
      expect(readyOf(notReady)).to.include({ reason: 'ClusterNotReady' });
      expect(taintsOf(notReady)).to.deep.equal(['cluster.karmada.io/unschedulable:NoSchedule', 'cluster.karmada.io/not-ready:NoSchedule']);
    } finally {
      stack.members.setHealth('member2', 'healthy');
    }
    const recovered = await waitForCluster('member2', 'Ready again', (c) => readyOf(c)?.status === 'True');
    expect(taintsOf(recovered)).to.deep.equal(['cluster.karmada.io/unschedulable:NoSchedule']);
  });

  it('unjoins: the Cluster and its Secret are gone, and a second unjoin says there is nothing to unjoin', async () => {
    const unjoined = await stack.karmadactl('unjoin', 'member2');
    expect(unjoined.stdout.trim(), unjoined.stderr).to.equal('cluster(member2) is unjoined successfully');
    expect(await names('clusters')).to.deep.equal(['cluster.cluster.karmada.io/member1']);
    expect(await names('secrets', '-n', 'karmada-cluster')).to.deep.equal(['secret/member1']);
    expectFailure(await stack.karmadactl('unjoin', 'member2'), 1, /cluster "member2" not found; nothing to unjoin/);
    expectFailure(await stack.karmadactl('unjoin', 'member1', '--wait', 'soon'), 2, /--wait soon is not a number of seconds/);
  });
});
