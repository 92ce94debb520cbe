import { expect } from 'chai';
import { join } from 'node:path';
import { waitFor } from '@karmada-ts/testing';
import { repoRoot, startE2eStack, type E2eStack } from './support/e2e-stack.js';

// The product end to end: the six services as processes, simulated members joined with karmadactl, Karmada's nginx
// sample applied with the real kubectl, and the result checked in the members.
describe('propagation end to end: Karmada\'s nginx sample through kubectl', function () {
  this.timeout(240_000);
  let stack: E2eStack;
  const kubectl = (...args: string[]) => stack.kubectl(...args);
  const memberKubectl = (member: string, ...args: string[]) => stack.memberKubectl(member, ...args);

  before(async () => {
    stack = await startE2eStack({ clusters: 3 });
  });

  after(async () => {
    await stack?.stop();
  });

  it('places one replica in member1 (with the override) and one in member2; the template reports 2/2', async () => {
    const applied = await kubectl('apply', '-f', join(repoRoot, 'samples/nginx/'));
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

  it('serves the binding and its Works, read-only, with the scheduler\'s and the controllers\' parts merged', async () => {
    await waitFor('the binding scheduled and fully applied', async () => {
      const got = await kubectl('get', 'rb', 'nginx-deployment', '--no-headers');
      return /^nginx-deployment\s+True\s+True\s/.test(got.stdout);
    }, { timeoutMs: 30_000, intervalMs: 500 });
    const binding = JSON.parse((await kubectl('get', 'resourcebinding', 'nginx-deployment', '-o', 'json')).stdout) as {
      metadata: { uid?: string; creationTimestamp?: string };
      spec: { clusters: { name: string; replicas: number }[]; resource: { kind: string; name: string } };
      status: { aggregatedStatus: { clusterName: string; applied: boolean }[] };
    };
    expect(binding.spec.resource).to.include({ kind: 'Deployment', name: 'nginx' });
    expect(binding.spec.clusters).to.have.deep.members([{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }]);
    expect(binding.status.aggregatedStatus.map((s) => [s.clusterName, s.applied])).to.have.deep.members([['member1', true], ['member2', true]]);
    expect(binding.metadata.uid).to.be.a('string').that.is.not.empty;
    expect(binding.metadata.creationTimestamp).to.be.a('string');
    const works = await kubectl('get', 'works', '-A', '--no-headers', '-o', 'custom-columns=NS:.metadata.namespace,NAME:.metadata.name,APPLIED:.status.conditions[?(@.type=="Applied")].status');
    expect(works.stdout.trim().split('\n').map((line) => line.split(/\s+/))).to.have.deep.members([
      ['karmada-es-member1', 'nginx-687f7fb96f', 'True'],
      ['karmada-es-member2', 'nginx-687f7fb96f', 'True'],
    ]);
    const write = await kubectl('delete', 'work', '-n', 'karmada-es-member1', 'nginx-687f7fb96f');
    expect(write.code).to.not.equal(0);
    expect(write.stderr).to.match(/MethodNotAllowed|not supported|method not allowed/i);
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
    await waitFor('binding and Works gone', async () => {
      const [bindings, works] = await Promise.all([kubectl('get', 'rb', '-A', '--no-headers'), kubectl('get', 'works', '-A', '--no-headers')]);
      return bindings.code === 0 && works.code === 0 && bindings.stdout.trim() === '' && works.stdout.trim() === '';
    }, { timeoutMs: 30_000, intervalMs: 500 });
  });
});
