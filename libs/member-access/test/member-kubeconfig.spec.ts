import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Cluster, ClusterSpec } from '@karmada-ts/domain';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { MemberClient, MemberConfigError, memberKubeConfig, probeHealth, type MemberCredentials } from '../src/index.js';
import { clusterFor, eventually } from './support.js';

const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const cluster = (spec: Partial<ClusterSpec>): Cluster => ({ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'm1' }, spec: { syncMode: 'Push', ...spec } });
const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('memberKubeConfig', () => {
  const cases: { name: string; spec: Partial<ClusterSpec>; credentials: MemberCredentials; want: { server: string; skipTLSVerify: boolean; caData?: string; proxyUrl?: string }; wantUser: object }[] = [
    {
      name: 'endpoint, token and CA bundle as karmadactl join stores them',
      spec: { apiEndpoint: 'https://10.0.0.1:6443/' },
      credentials: { token: 'tok', caBundle: pem },
      want: { server: 'https://10.0.0.1:6443', skipTLSVerify: false, caData: b64(pem) },
      wantUser: { name: 'm1', token: 'tok' },
    },
    {
      name: 'an endpoint without a scheme is https',
      spec: { apiEndpoint: 'member.example.com:6443' },
      credentials: { token: 'tok', caBundle: pem },
      want: { server: 'https://member.example.com:6443', skipTLSVerify: false, caData: b64(pem) },
      wantUser: { name: 'm1', token: 'tok' },
    },
    {
      name: 'insecureSkipTLSVerification replaces the CA bundle, as in Karmada',
      spec: { apiEndpoint: 'https://10.0.0.1:6443', insecureSkipTLSVerification: true },
      credentials: { token: 'tok', caBundle: pem },
      want: { server: 'https://10.0.0.1:6443', skipTLSVerify: true },
      wantUser: { name: 'm1', token: 'tok' },
    },
    {
      name: 'proxyURL and a client certificate',
      spec: { apiEndpoint: 'https://10.0.0.1:6443', proxyURL: 'socks5://proxy:1080' },
      credentials: { caBundle: pem, clientCertificate: 'CERT', clientKey: 'KEY' },
      want: { server: 'https://10.0.0.1:6443', skipTLSVerify: false, caData: b64(pem), proxyUrl: 'socks5://proxy:1080' },
      wantUser: { name: 'm1', certData: b64('CERT'), keyData: b64('KEY') },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const kc = memberKubeConfig(cluster(c.spec), c.credentials);
      expect(kc.getCurrentCluster()).to.deep.equal({ name: 'm1', ...c.want });
      expect(kc.getCurrentUser()).to.deep.include(c.wantUser);
    });
  }

  const invalid: { name: string; spec: Partial<ClusterSpec>; credentials: MemberCredentials; message: string }[] = [
    { name: 'no endpoint', spec: {}, credentials: { token: 't', caBundle: pem }, message: 'the api endpoint of cluster m1 is empty' },
    { name: 'no credential', spec: { apiEndpoint: 'https://a' }, credentials: { caBundle: pem }, message: 'neither a token nor a client certificate' },
    { name: 'no CA while verifying', spec: { apiEndpoint: 'https://a' }, credentials: { token: 't' }, message: 'missing the CA data key "caBundle"' },
    { name: 'plain http while verifying', spec: { apiEndpoint: 'http://a' }, credentials: { token: 't', caBundle: pem }, message: 'plain http' },
  ];
  for (const c of invalid) {
    it(`refuses ${c.name}`, () => {
      expect(() => memberKubeConfig(cluster(c.spec), c.credentials)).to.throw(MemberConfigError, c.message);
    });
  }
});

describe('memberKubeConfig against a member', function () {
  this.timeout(20_000);
  let sim: MemberSim;
  let proxy: Server;
  let tunnels = 0;
  const open = new Set<Duplex>();

  before(async () => {
    sim = await startMemberSim({ clusters: [{ name: 'm1' }] });
    // A minimal HTTP CONNECT proxy, the kind spec.proxyURL points at.
    proxy = createServer();
    proxy.on('connect', (req, client, head) => {
      tunnels += 1;
      open.add(client);
      client.on('close', () => open.delete(client));
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.resume()); // let the client side see its end once the member hangs up
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await sim?.stop();
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => proxy.close(resolve));
  });

  it('verifies the member with the CA bundle and authenticates with the token', async () => {
    const client = new MemberClient(memberKubeConfig(clusterFor(sim, 'm1'), { token: sim.token('m1'), caBundle: sim.caPem }));
    try {
      expect(await client.json<{ kind: string }>({ path: '/api/v1/namespaces' })).to.have.property('kind', 'NamespaceList');
    } finally {
      client.close();
    }
  });

  it('rejects a member whose certificate the CA bundle does not sign', async () => {
    const other = await startMemberSim({ clusters: [{ name: 'm1' }] });
    const client = new MemberClient(memberKubeConfig(clusterFor(sim, 'm1'), { token: sim.token('m1'), caBundle: other.caPem }));
    try {
      const probe = await probeHealth(client);
      expect(probe.outcome).to.equal('unreachable');
      expect(probe).to.have.property('detail').that.matches(/certificate/);
    } finally {
      client.close();
      await other.stop();
    }
  });

  it('reaches the member through spec.proxyURL', async () => {
    const proxyURL = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const client = new MemberClient(memberKubeConfig(clusterFor(sim, 'm1', { proxyURL }), { token: sim.token('m1'), caBundle: sim.caPem }));
    try {
      expect(await probeHealth(client)).to.deep.equal({ outcome: 'healthy' });
      expect(await client.json<{ kind: string }>({ path: '/api/v1/namespaces' })).to.have.property('kind', 'NamespaceList');
      expect(tunnels).to.be.greaterThan(0);
      await eventually(() => open.size === 0, 5_000, 'the tunnels to close after the calls');
    } finally {
      client.close();
    }
  });
});
