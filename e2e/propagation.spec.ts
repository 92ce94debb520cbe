import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { serviceCatalog } from '@karmada-ts/service-runtime';
import { startServiceProcess, uniqueName, waitFor, type ServiceProcess } from '@karmada-ts/testing';

// The product end to end: the six services as processes, simulated members joined with karmadactl, Karmada's nginx
// sample applied with the real kubectl, and the result checked in the members.
const root = resolve(import.meta.dirname, '..');

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(command, [...args], { env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('propagation end to end: Karmada\'s nginx sample through kubectl', function () {
  this.timeout(240_000);
  const instance = uniqueName('e2e').replace(/_/g, '-');
  const database = `karmada_${instance.replace(/-/g, '_')}`;
  const stateDir = mkdtempSync(join(tmpdir(), 'karmada-e2e-'));
  const home = mkdtempSync(join(tmpdir(), 'karmada-e2e-home-'));
  const env: NodeJS.ProcessEnv = {
    KARMADA_INSTANCE: instance,
    KARMADA_STATE_DIR: stateDir,
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    NATS_URL: 'nats://127.0.0.1:4222',
    GATEWAY_PORT: '0',
    CLUSTER_STATUS_INTERVAL_SECONDS: '1',
    CLUSTER_FAILURE_THRESHOLD_SECONDS: '2',
    CLUSTER_SUCCESS_THRESHOLD_SECONDS: '2',
  };
  const kubeEnv = { ...process.env, HOME: home };
  const controlPlane = join(stateDir, 'kubeconfig');
  let services: ServiceProcess[] = [];
  let members: MemberSim | undefined;

  const kubectl = (...args: string[]) => run('kubectl', ['--kubeconfig', controlPlane, ...args], kubeEnv);
  const memberKubectl = (member: string, ...args: string[]) => run('kubectl', ['--kubeconfig', members!.kubeconfigPath(member)!, ...args], kubeEnv);
  const karmadactl = (...args: string[]) => run(process.execPath, [join(root, 'tools/karmadactl/bin/karmadactl.mjs'), ...args], { ...kubeEnv, KARMADA_STATE_DIR: stateDir });

  before(async () => {
    members = await startMemberSim({ clusters: 3, kubeconfigDir: join(stateDir, 'members') });
    services = await Promise.all(serviceCatalog.map((s) => startServiceProcess(s.name, env, 120_000)));
    for (const name of ['member1', 'member2', 'member3']) {
      const joined = await karmadactl('join', name, '--cluster-kubeconfig', members.kubeconfigPath(name)!);
      expect(joined.code, joined.stderr).to.equal(0);
    }
  });

  after(async () => {
    await Promise.all(services.map((s) => s.kill()));
    await members?.stop();
    const nc = await connect({ servers: env.NATS_URL! });
    await (await jetstreamManager(nc)).streams.delete(`KARMADA_${instance.toUpperCase()}`).catch(() => undefined);
    await nc.close();
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('joins the members, which become Ready', async () => {
    await waitFor('three Ready clusters', async () => {
      const got = await kubectl('get', 'clusters', '--no-headers');
      return got.stdout.trim().split('\n').filter((line) => /\bTrue\b/.test(line)).length === 3;
    }, { timeoutMs: 60_000, intervalMs: 500 });
  });

  it('places one replica in member1 (with the override) and one in member2; the template reports 2/2', async () => {
    const applied = await kubectl('apply', '-f', join(root, 'samples/nginx/'));
    expect(applied.code, applied.stderr).to.equal(0);
    await waitFor('nginx 2/2 on the control plane', async () => {
      const got = await kubectl('get', 'deploy', 'nginx', '-o', 'jsonpath={.status.readyReplicas}');
      return got.stdout.trim() === '2';
    }, { timeoutMs: 60_000, intervalMs: 500 });
    const image = await memberKubectl('member1', 'get', 'deploy', 'nginx', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.labels.cluster}');
    expect(image.stdout).to.equal('1 registry.k8s.io/nginx member1');
    const second = await memberKubectl('member2', 'get', 'deploy', 'nginx', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}');
    expect(second.stdout).to.equal('1 nginx');
    const third = await memberKubectl('member3', 'get', 'deploy', 'nginx');
    expect(third.code).to.not.equal(0);
  });

  it('re-divides the replicas when the template is scaled', async () => {
    expect((await kubectl('scale', 'deploy', 'nginx', '--replicas', '4')).code).to.equal(0);
    for (const member of ['member1', 'member2']) {
      await waitFor(`2 replicas in ${member}`, async () => (await memberKubectl(member, 'get', 'deploy', 'nginx', '-o', 'jsonpath={.spec.replicas}')).stdout === '2', {
        timeoutMs: 60_000,
        intervalMs: 500,
      });
    }
  });

  it('removes everything from the members when the template is deleted', async () => {
    const deleted = await kubectl('delete', 'deploy', 'nginx', '--timeout=60s');
    expect(deleted.code, deleted.stderr).to.equal(0);
    for (const member of ['member1', 'member2']) {
      await waitFor(`nginx gone from ${member}`, async () => (await memberKubectl(member, 'get', 'deploy', 'nginx')).code !== 0, { timeoutMs: 60_000, intervalMs: 500 });
    }
    expect((await kubectl('get', 'deploy', 'nginx')).code).to.not.equal(0);
  });
});
