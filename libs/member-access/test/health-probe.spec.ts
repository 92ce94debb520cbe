import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { KubeConfig } from '@kubernetes/client-node';
import { MemberClient, MemberConfigError, memberKubeConfig, probeHealth } from '../src/index.js';
import { clientFor, clusterFor, timed } from './support.js';

describe('probeHealth against member clusters', function () {
  this.timeout(20_000);
  let sim: MemberSim;
  const clients: MemberClient[] = [];
  const client = (name: string): MemberClient => {
    const c = clientFor(sim, name);
    clients.push(c);
    return c;
  };

  before(async () => {
    sim = await startMemberSim({ clusters: [{ name: 'healthy' }, { name: 'sick' }, { name: 'gone' }, { name: 'slow' }] });
  });
  after(async () => {
    for (const c of clients) c.close();
    await sim?.stop();
  });

  it('a member whose /readyz answers ok is healthy', async () => {
    expect(await probeHealth(client('healthy'))).to.deep.equal({ outcome: 'healthy' });
  });

  it('a member that answers /readyz with an error is unhealthy, with the answer as detail', async () => {
    sim.setHealth('sick', 'unhealthy');
    const probe = await probeHealth(client('sick'));
    expect(probe.outcome).to.equal('unhealthy');
    expect(probe).to.have.property('detail').that.matches(/^GET \/readyz answered 500/);
  });

  it('a member that drops connections is unreachable', async () => {
    sim.setHealth('gone', 'unreachable');
    const probe = await probeHealth(client('gone'));
    expect(probe.outcome).to.equal('unreachable');
  });

  it('a member that does not answer in time is unreachable within the probe bound', async () => {
    sim.setFaults('slow', { latencyMs: 5_000 });
    const { ms, value } = await timed(probeHealth(client('slow'), { timeoutMs: 300 }));
    expect(value.outcome).to.equal('unreachable');
    expect(value).to.have.property('detail').that.includes('no answer within');
    expect(ms).to.be.within(250, 1_000);
  });

  it('recovers as soon as the member does', async () => {
    sim.setHealth('sick', 'healthy');
    expect(await probeHealth(client('sick'))).to.deep.equal({ outcome: 'healthy' });
  });

  it('a closed port is unreachable', async () => {
    const cluster = clusterFor(sim, 'nowhere', { apiEndpoint: 'https://127.0.0.1:1' });
    const c = new MemberClient(memberKubeConfig(cluster, { token: 't', caBundle: sim.caPem }));
    clients.push(c);
    const probe = await probeHealth(c);
    expect(probe.outcome).to.equal('unreachable');
    expect(probe).to.have.property('detail').that.includes('ECONNREFUSED');
  });

  it('a client that cannot be configured throws instead of blaming the member', async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: 'http://127.0.0.1:1', skipTLSVerify: false }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const c = new MemberClient(kc);
    clients.push(c);
    await probeHealth(c).then(
      () => expect.fail('expected a configuration error'),
      (error: unknown) => expect(error).to.be.instanceOf(MemberConfigError),
    );
  });
});

describe('probeHealth on an API server without /readyz', () => {
  let server: Server;
  let healthz = 200;
  let c: MemberClient;

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/healthz') return void res.writeHead(healthz, { 'Content-Type': 'text/plain' }).end(healthz === 200 ? 'ok' : 'not ok');
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"kind":"Status","code":404,"reason":"NotFound"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cluster = { apiVersion: 'cluster.karmada.io/v1alpha1' as const, kind: 'Cluster' as const, metadata: { name: 'old' }, spec: { syncMode: 'Push' as const, apiEndpoint: endpoint, insecureSkipTLSVerification: true } };
    c = new MemberClient(memberKubeConfig(cluster, { token: 't' }));
  });
  after(async () => {
    c.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('falls back to /healthz', async () => {
    healthz = 200;
    expect(await probeHealth(c)).to.deep.equal({ outcome: 'healthy' });
    healthz = 500;
    const probe = await probeHealth(c);
    expect(probe).to.deep.equal({ outcome: 'unhealthy', detail: 'GET /healthz answered 500: not ok' });
  });
});
