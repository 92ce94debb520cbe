import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { waitFor } from '@karmada-ts/testing';
import { startE2eStack, type CommandResult, type E2eStack } from './support/e2e-stack.js';
import { readStreamEvents } from './support/stream-events.js';

interface KubeJson {
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
}

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

const wait = { timeoutMs: 90_000, intervalMs: 500 };

/** A Deployment template of one nginx container (Karmada's samples use the same shape). */
function deployment(namespace: string, name: string, options: { replicas?: number; image?: string; podSpec?: string } = {}): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
spec:
  replicas: ${options.replicas ?? 1}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${options.podSpec ?? `      containers:
        - name: nginx
          image: ${options.image ?? 'nginx'}`}
`;
}

/** A PropagationPolicy naming one Deployment, placed on `clusters` (nil replicaScheduling: Duplicated). */
function propagationPolicy(namespace: string, name: string, deploymentName: string, clusters: readonly string[], extraSpec = ''): string {
  return `
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: ${deploymentName}
  placement:
    clusterAffinity:
      clusterNames: [${clusters.join(', ')}]
${extraSpec}`;
}

function namespaceYaml(name: string): string {
  return `
apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
`;
}

// Karmada's PropagationPolicy semantics through the real kubectl against the gateway, checked in the simulated members:
// dependencies, PP versus CPP, placement changes, policy deletion, drift, conflicts with unmanaged objects, unjoin.
// One stack for the file; every case works in its own namespace.
describe('propagation policies end to end', function () {
  this.timeout(300_000);
  let stack: E2eStack;
  const kubectl = (...args: string[]) => stack.kubectl(...args);
  const memberKubectl = (member: string, ...args: string[]) => stack.memberKubectl(member, ...args);

  async function apply(...documents: string[]): Promise<void> {
    const applied = await stack.kubectlWithInput(documents.join('\n---\n'), 'apply', '-f', '-');
    expect(applied.code, applied.stderr).to.equal(0);
  }

  async function succeeded(result: Promise<CommandResult>): Promise<string> {
    const done = await result;
    expect(done.code, done.stderr).to.equal(0);
    return done.stdout;
  }

  async function getJson<T = KubeJson>(result: Promise<CommandResult>): Promise<T | undefined> {
    const done = await result;
    return done.code === 0 ? (JSON.parse(done.stdout) as T) : undefined;
  }

  /** `-n <namespace>`, or nothing for cluster-scoped objects (namespace ''). */
  const inNamespace = (namespace: string) => (namespace ? ['-n', namespace] : []);

  const memberObject = (member: string, kind: string, namespace: string, name: string) =>
    getJson(memberKubectl(member, 'get', kind, name, ...inNamespace(namespace), '-o', 'json'));

  async function waitInMember(member: string, kind: string, namespace: string, name: string, holds: (object: KubeJson) => boolean = () => true): Promise<KubeJson> {
    return waitFor(`${kind} ${namespace}/${name} in ${member}`, async () => {
      const object = await memberObject(member, kind, namespace, name);
      return object && holds(object) ? object : undefined;
    }, wait);
  }

  async function waitGoneFromMember(member: string, kind: string, namespace: string, name: string): Promise<void> {
    await waitFor(`${kind} ${namespace}/${name} gone from ${member}`, async () => {
      const got = await memberKubectl(member, 'get', kind, name, ...inNamespace(namespace));
      return got.code !== 0 && /NotFound|not found/.test(got.stderr);
    }, wait);
  }

  /** Fails if the object is in the member now; called once the positive waits of a case have passed. */
  async function expectAbsentFromMember(member: string, kind: string, namespace: string, name: string): Promise<void> {
    const got = await memberKubectl(member, 'get', kind, name, ...inNamespace(namespace));
    expect(got.code, `${kind} ${namespace}/${name} must not be in ${member}`).to.not.equal(0);
    expect(got.stderr).to.match(/NotFound|not found/);
  }

  const image = (object: KubeJson) =>
    ((object.spec?.['template'] as { spec: { containers: { image: string }[] } }).spec.containers[0]!.image);

  /** The Work of one template in `karmada-es-<cluster>` (one manifest per Work). */
  async function workFor(cluster: string, namespace: string, name: string): Promise<KubeJson | undefined> {
    const works = await getJson<{ items: (KubeJson & { spec: { workload: { manifests: KubeJson[] } } })[] }>(
      kubectl('get', 'works', '-n', `karmada-es-${cluster}`, '-o', 'json'),
    );
    return works?.items.find((work) => work.spec.workload.manifests.some((m) => m.metadata.namespace === namespace && m.metadata.name === name));
  }

  before(async () => {
    stack = await startE2eStack({ clusters: 3 });
  });

  after(async () => {
    await stack?.stop();
  });

  it('propagateDeps: the ConfigMap a Deployment mounts follows it to its clusters, into namespaces made for it', async () => {
    const ns = 'deps';
    await apply(
      namespaceYaml(ns),
      `
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: ${ns}
data:
  greeting: hello
`,
      deployment(ns, 'web', {
        podSpec: `      containers:
        - name: nginx
          image: nginx
          envFrom:
            - configMapRef:
                name: web-config
          volumeMounts:
            - name: config
              mountPath: /etc/web
      volumes:
        - name: config
          configMap:
            name: web-config`,
      }),
      propagationPolicy(ns, 'web', 'web', ['member1', 'member2'], '  propagateDeps: true'),
    );
    for (const member of ['member1', 'member2']) {
      await waitInMember(member, 'namespace', '', ns);
      await waitInMember(member, 'deployment', ns, 'web');
      const config = await waitInMember(member, 'configmap', ns, 'web-config');
      expect((config as unknown as { data: Record<string, string> }).data).to.deep.equal({ greeting: 'hello' });
      expect(config.metadata.labels?.['karmada.io/managed']).to.equal('true');
    }
    await expectAbsentFromMember('member3', 'configmap', ns, 'web-config');
    await expectAbsentFromMember('member3', 'deployment', ns, 'web');
    // Karmada's attached binding: the dependency is propagated for the bindings that require it.
    const attached = await getJson(kubectl('get', 'rb', 'web-config-configmap', '-n', ns, '-o', 'json'));
    expect((attached?.spec?.['requiredBy'] as { name: string; clusters: { name: string }[] }[] | undefined)?.map((r) => [r.name, r.clusters.map((c) => c.name)])).to.deep.equal([
      ['web-deployment', ['member1', 'member2']],
    ]);

    await succeeded(kubectl('patch', 'configmap', 'web-config', '-n', ns, '--type', 'merge', '-p', '{"data":{"greeting":"bonjour"}}'));
    for (const member of ['member1', 'member2']) {
      await waitInMember(member, 'configmap', ns, 'web-config', (config) => (config as unknown as { data: Record<string, string> }).data['greeting'] === 'bonjour');
    }

    await apply(propagationPolicy(ns, 'web', 'web', ['member2', 'member3'], '  propagateDeps: true'));
    await waitInMember('member3', 'configmap', ns, 'web-config');
    await waitGoneFromMember('member1', 'configmap', ns, 'web-config');
    await waitGoneFromMember('member1', 'deployment', ns, 'web');

    // A dependency deleted on the control plane goes from the members; the workload stays.
    await succeeded(kubectl('delete', 'configmap', 'web-config', '-n', ns, '--timeout=90s'));
    for (const member of ['member2', 'member3']) await waitGoneFromMember(member, 'configmap', ns, 'web-config');
    expect(await memberObject('member2', 'deployment', ns, 'web')).to.not.equal(undefined);
  });

  it('a PropagationPolicy beats a ClusterPropagationPolicy, and the template carries its claim', async () => {
    const ns = 'pp-vs-cpp';
    await apply(
      namespaceYaml(ns),
      `
apiVersion: policy.karmada.io/v1alpha1
kind: ClusterPropagationPolicy
metadata:
  name: deployments-to-member3
spec:
  priority: 100
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      namespace: ${ns}
  placement:
    clusterAffinity:
      clusterNames: [member3]
`,
      propagationPolicy(ns, 'web-to-member1', 'web', ['member1']),
    );
    await apply(deployment(ns, 'web'), deployment(ns, 'other'));
    await waitInMember('member1', 'deployment', ns, 'web');
    // The CPP is alive and matches: it takes the Deployment no PP names.
    await waitInMember('member3', 'deployment', ns, 'other');
    await expectAbsentFromMember('member3', 'deployment', ns, 'web');
    await expectAbsentFromMember('member2', 'deployment', ns, 'web');

    const template = parse(await succeeded(kubectl('get', 'deploy', 'web', '-n', ns, '-o', 'yaml'))) as KubeJson;
    expect(template.metadata.annotations).to.include({
      'propagationpolicy.karmada.io/name': 'web-to-member1',
      'propagationpolicy.karmada.io/namespace': ns,
    });
    expect(template.metadata.labels?.['propagationpolicy.karmada.io/permanent-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(template.metadata.annotations).to.not.have.property('clusterpropagationpolicy.karmada.io/name');
    expect(template.metadata.labels).to.not.have.property('clusterpropagationpolicy.karmada.io/permanent-id');
    const policy = parse(await succeeded(kubectl('get', 'pp', 'web-to-member1', '-n', ns, '-o', 'yaml'))) as KubeJson;
    expect(template.metadata.labels?.['propagationpolicy.karmada.io/permanent-id']).to.equal(
      policy.metadata.labels?.['propagationpolicy.karmada.io/permanent-id'],
    );
    const other = parse(await succeeded(kubectl('get', 'deploy', 'other', '-n', ns, '-o', 'yaml'))) as KubeJson;
    expect(other.metadata.annotations?.['clusterpropagationpolicy.karmada.io/name']).to.equal('deployments-to-member3');

    const binding = parse(await succeeded(kubectl('get', 'rb', 'web-deployment', '-n', ns, '-o', 'yaml'))) as KubeJson;
    expect(binding.metadata.annotations?.['propagationpolicy.karmada.io/name']).to.equal('web-to-member1');
    expect(binding.spec?.['clusters']).to.deep.equal([{ name: 'member1', replicas: 1 }]);
  });

  it('changing the policy\'s clusterAffinity moves the workload: it appears in member2 and leaves member1', async () => {
    const ns = 'move';
    await apply(namespaceYaml(ns), propagationPolicy(ns, 'web', 'web', ['member1']), deployment(ns, 'web'));
    await waitInMember('member1', 'deployment', ns, 'web');

    await apply(propagationPolicy(ns, 'web', 'web', ['member2']));
    await waitInMember('member2', 'deployment', ns, 'web');
    await waitGoneFromMember('member1', 'deployment', ns, 'web');
    const binding = await getJson(kubectl('get', 'rb', 'web-deployment', '-n', ns, '-o', 'json'));
    expect(binding?.spec?.['clusters']).to.deep.equal([{ name: 'member2', replicas: 1 }]);
    await waitFor('the Work in karmada-es-member1 gone', async () => (await workFor('member1', ns, 'web')) === undefined, wait);
  });

  it('deleting the policy releases the claim; the binding and the member objects stay, as in Karmada', async () => {
    const ns = 'release';
    await apply(namespaceYaml(ns), propagationPolicy(ns, 'web', 'web', ['member1']), deployment(ns, 'web'));
    await waitInMember('member1', 'deployment', ns, 'web');
    await waitFor('the claim on the template', async () => {
      const template = await getJson(kubectl('get', 'deploy', 'web', '-n', ns, '-o', 'json'));
      return template?.metadata.annotations?.['propagationpolicy.karmada.io/name'] === 'web';
    }, wait);

    await succeeded(kubectl('delete', 'pp', 'web', '-n', ns));
    const released = await waitFor('the claim released from the template', async () => {
      const template = await getJson(kubectl('get', 'deploy', 'web', '-n', ns, '-o', 'json'));
      const claimed =
        template?.metadata.labels?.['propagationpolicy.karmada.io/permanent-id'] !== undefined ||
        template?.metadata.annotations?.['propagationpolicy.karmada.io/name'] !== undefined ||
        template?.metadata.annotations?.['propagationpolicy.karmada.io/namespace'] !== undefined;
      return template && !claimed ? template : undefined;
    }, wait);
    expect(released.metadata.labels).to.include({ app: 'web' });
    const binding = await waitFor('the claim released from the binding', async () => {
      const got = await getJson(kubectl('get', 'rb', 'web-deployment', '-n', ns, '-o', 'json'));
      return got && got.metadata.labels?.['propagationpolicy.karmada.io/permanent-id'] === undefined ? got : undefined;
    }, wait);
    expect(binding.spec?.['clusters']).to.deep.equal([{ name: 'member1', replicas: 1 }]);
    const member = await memberObject('member1', 'deployment', ns, 'web');
    expect(member?.metadata.labels?.['karmada.io/managed']).to.equal('true');
    expect((await workFor('member1', ns, 'web'))?.metadata.name).to.be.a('string');

    // Released, the template is free for another policy, which re-places it.
    await apply(propagationPolicy(ns, 'successor', 'web', ['member2']));
    await waitInMember('member2', 'deployment', ns, 'web');
    await waitGoneFromMember('member1', 'deployment', ns, 'web');
    const claimed = await getJson(kubectl('get', 'deploy', 'web', '-n', ns, '-o', 'json'));
    expect(claimed?.metadata.annotations?.['propagationpolicy.karmada.io/name']).to.equal('successor');

    // And deleting the template removes what was propagated.
    await succeeded(kubectl('delete', 'deploy', 'web', '-n', ns, '--timeout=90s'));
    await waitGoneFromMember('member2', 'deployment', ns, 'web');
  });

  it('repairs drift in a member and records which fields changed from what to what', async () => {
    const ns = 'drift';
    await apply(namespaceYaml(ns), propagationPolicy(ns, 'web', 'web', ['member1']), deployment(ns, 'web', { replicas: 2, image: 'nginx:1.27' }));
    await waitInMember('member1', 'deployment', ns, 'web');
    const work = await waitFor('the Work applied', async () => {
      const got = await workFor('member1', ns, 'web');
      const applied = (got?.status?.['conditions'] as Condition[] | undefined)?.find((c) => c.type === 'Applied');
      return applied?.status === 'True' ? got : undefined;
    }, wait);

    const patch = JSON.stringify([
      { op: 'replace', path: '/spec/replicas', value: 5 },
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:tampered' },
    ]);
    await succeeded(memberKubectl('member1', 'patch', 'deployment', 'web', '-n', ns, '--type', 'json', '-p', patch));
    await waitInMember('member1', 'deployment', ns, 'web', (object) => object.spec?.['replicas'] === 2 && image(object) === 'nginx:1.27');

    const drift = await waitFor('a DriftCorrected event in the stream', async () => {
      const events = await readStreamEvents(stack.env.NATS_URL!, stack.instance, `workstatus.karmada-es-member1.>`);
      return events.find((e) => e.type === 'DriftCorrected' && (e.data['work'] as { name: string }).name === work.metadata.name);
    }, wait);
    expect(drift.data['object']).to.deep.equal({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' });
    expect(drift.data['fields']).to.deep.include.members([
      { path: '/spec/replicas', from: 2, to: 5 },
      { path: '/spec/template/spec/containers/0/image', from: 'nginx:1.27', to: 'nginx:tampered' },
    ]);

    const before = await memberObject('member1', 'deployment', ns, 'web');
    await succeeded(memberKubectl('member1', 'delete', 'deployment', 'web', '-n', ns));
    const recreated = await waitInMember('member1', 'deployment', ns, 'web', (object) => (object.metadata as { uid?: string }).uid !== (before?.metadata as { uid?: string } | undefined)?.uid);
    expect(recreated.spec?.['replicas']).to.equal(2);
    await waitFor('a DriftCorrected event for the deletion', async () => {
      const events = await readStreamEvents(stack.env.NATS_URL!, stack.instance, `workstatus.karmada-es-member1.>`);
      return events.some(
        (e) => e.type === 'DriftCorrected' && (e.data['work'] as { name: string }).name === work.metadata.name && JSON.stringify(e.data['fields']) === JSON.stringify([{ path: '', from: 'present', to: 'absent' }]),
      );
    }, wait);
  });

  it('leaves a pre-existing unmanaged object alone (Abort) and reports the conflict; Overwrite takes it over', async () => {
    const ns = 'conflict';
    await apply(namespaceYaml(ns));
    await waitInMember('member2', 'namespace', '', ns);
    // Someone's own Deployment, made in the member without Karmada (a file: `kubectl create deployment` sends protobuf,
    // which member-sim does not read).
    const unmanaged = join(stack.stateDir, 'unmanaged-web.yaml');
    writeFileSync(unmanaged, deployment(ns, 'web', { image: 'busybox:unmanaged' }));
    await succeeded(memberKubectl('member2', 'create', '-f', unmanaged));
    await apply(propagationPolicy(ns, 'web', 'web', ['member2']), deployment(ns, 'web', { image: 'nginx:1.27' }));

    const applied = await waitFor('the Work reporting the conflict', async () => {
      const work = await workFor('member2', ns, 'web');
      const condition = (work?.status?.['conditions'] as Condition[] | undefined)?.find((c) => c.type === 'Applied');
      return condition?.status === 'False' ? condition : undefined;
    }, wait);
    expect(applied.reason).to.equal('AppliedFailed');
    expect(applied.message).to.contain('Karmada will not manage this resource');
    const aggregated = await waitFor('the binding reporting the conflict', async () => {
      const binding = await getJson(kubectl('get', 'rb', 'web-deployment', '-n', ns, '-o', 'json'));
      const items = (binding?.status?.['aggregatedStatus'] as { clusterName: string; applied?: boolean; appliedMessage?: string }[] | undefined) ?? [];
      // `applied` is omitted when false, as Karmada's omitempty does.
      return items.find((item) => item.clusterName === 'member2' && item.applied !== true && item.appliedMessage !== undefined);
    }, wait);
    expect(aggregated.appliedMessage).to.contain('Karmada will not manage this resource');
    const binding = await getJson(kubectl('get', 'rb', 'web-deployment', '-n', ns, '-o', 'json'));
    expect((binding?.status?.['conditions'] as Condition[]).find((c) => c.type === 'FullyApplied')).to.include({ status: 'False', reason: 'FullyAppliedFailed' });
    const untouched = await memberObject('member2', 'deployment', ns, 'web');
    expect(image(untouched!)).to.equal('busybox:unmanaged');
    expect(untouched!.metadata.labels).to.not.have.property('karmada.io/managed');

    await apply(propagationPolicy(ns, 'web', 'web', ['member2'], '  conflictResolution: Overwrite'));
    const taken = await waitInMember('member2', 'deployment', ns, 'web', (object) => image(object) === 'nginx:1.27');
    expect(taken.metadata.labels?.['karmada.io/managed']).to.equal('true');
    await waitFor('the Work applied after the takeover', async () => {
      const work = await workFor('member2', ns, 'web');
      return (work?.status?.['conditions'] as Condition[] | undefined)?.some((c) => c.type === 'Applied' && c.status === 'True');
    }, wait);
    await waitFor('the binding FullyApplied after the takeover', async () => {
      const binding = await getJson(kubectl('get', 'rb', 'web-deployment', '-n', ns, '-o', 'json'));
      return (binding?.status?.['conditions'] as Condition[] | undefined)?.some((c) => c.type === 'FullyApplied' && c.status === 'True');
    }, wait);
  });

  it('a conflict ends when the member\'s own object is deleted: the propagated one takes its place', async () => {
    const ns = 'conflict-ends';
    await apply(namespaceYaml(ns));
    await waitInMember('member2', 'namespace', '', ns);
    const unmanaged = join(stack.stateDir, 'unmanaged-api.yaml');
    writeFileSync(unmanaged, deployment(ns, 'api', { image: 'busybox:unmanaged' }));
    await succeeded(memberKubectl('member2', 'create', '-f', unmanaged));
    await apply(propagationPolicy(ns, 'api', 'api', ['member2']), deployment(ns, 'api', { image: 'nginx:1.27' }));
    await waitFor('the Work reporting the conflict', async () => {
      const work = await workFor('member2', ns, 'api');
      return (work?.status?.['conditions'] as Condition[] | undefined)?.some((c) => c.type === 'Applied' && c.status === 'False');
    }, wait);

    await succeeded(memberKubectl('member2', 'delete', 'deployment', 'api', '-n', ns));
    const propagated = await waitInMember('member2', 'deployment', ns, 'api', (object) => image(object) === 'nginx:1.27');
    expect(propagated.metadata.labels?.['karmada.io/managed']).to.equal('true');
  });

  it('unjoining a cluster removes what was propagated to it, then the Cluster', async () => {
    const ns = 'unjoin';
    await apply(namespaceYaml(ns), propagationPolicy(ns, 'web', 'web', ['member3']), deployment(ns, 'web'));
    await waitInMember('member3', 'deployment', ns, 'web');

    const unjoined = await stack.karmadactl('unjoin', 'member3', '--wait', '120');
    expect(unjoined.code, unjoined.stderr).to.equal(0);
    await waitGoneFromMember('member3', 'deployment', ns, 'web');
    // The namespaces namespace auto-propagation made there go too, this one and those of earlier cases.
    for (const namespace of [ns, 'pp-vs-cpp', 'deps']) await waitGoneFromMember('member3', 'namespace', '', namespace);
    const managed = await succeeded(memberKubectl('member3', 'get', 'deployments,configmaps', '-A', '-l', 'karmada.io/managed=true', '-o', 'name'));
    expect(managed.trim(), 'Karmada-managed objects left in member3').to.equal('');
    const cluster = await kubectl('get', 'cluster', 'member3');
    expect(cluster.code).to.not.equal(0);
    expect(cluster.stderr).to.match(/NotFound|not found/);
    const binding = await getJson(kubectl('get', 'rb', 'web-deployment', '-n', ns, '-o', 'json'));
    expect(binding?.spec?.['clusters'] ?? []).to.deep.equal([]);
  });
});
