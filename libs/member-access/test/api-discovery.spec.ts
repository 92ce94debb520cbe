import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { apiEnablementStatus } from '@karmada-ts/domain';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { ApiDiscovery, MemberClient, memberKubeConfig } from '../src/index.js';
import { clientFor, clusterFor } from './support.js';

/** How the front of a member answers discovery: as member-sim does, as an API server without aggregated discovery, or with a Stale group version. */
type Front = 'aggregated' | 'legacy' | 'stale';

describe('ApiDiscovery', function () {
  this.timeout(20_000);
  let sim: MemberSim;
  let front: Server;
  let mode: Front = 'aggregated';
  const requested: string[] = [];
  const clients: MemberClient[] = [];

  /** Forwards to member-sim's m1 with its token, answering discovery as `mode` says. */
  function forward(req: IncomingMessage, res: ServerResponse): void {
    requested.push(req.url ?? '');
    const accept = mode === 'legacy' ? 'application/json' : (req.headers.accept ?? 'application/json');
    const upstream = request(
      `${sim.url}/clusters/m1${req.url}`,
      { ca: sim.caPem, headers: { accept, authorization: `Bearer ${sim.token('m1')}` } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks).toString('utf8');
          if (mode === 'stale' && req.url === '/apis') {
            const list = JSON.parse(body) as { items: { metadata: { name: string }; versions: { freshness: string }[] }[] };
            for (const group of list.items) if (group.metadata.name === 'apps') for (const v of group.versions) v.freshness = 'Stale';
            body = JSON.stringify(list);
          }
          res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
          res.end(body);
        });
      },
    );
    upstream.on('error', (error) => {
      res.writeHead(502);
      res.end(error.message);
    });
    upstream.end();
  }

  before(async () => {
    sim = await startMemberSim({ clusters: [{ name: 'm1' }] });
    front = createServer(forward);
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    for (const c of clients) c.close();
    await new Promise((resolve) => front?.close(resolve));
    await sim?.stop();
  });

  function frontClient(): MemberClient {
    const port = (front.address() as AddressInfo).port;
    const cluster = clusterFor(sim, 'm1', { apiEndpoint: `http://127.0.0.1:${port}`, insecureSkipTLSVerification: true });
    const client = new MemberClient(memberKubeConfig(cluster, { token: 'forwarded' }));
    clients.push(client);
    return client;
  }

  /** Every group version with its top-level resources, read the legacy way by hand. */
  async function legacyTruth(): Promise<Map<string, string[]>> {
    const client = clientFor(sim, 'm1');
    clients.push(client);
    const core = await client.json<{ versions: string[] }>({ path: '/api' });
    const groups = await client.json<{ groups: { versions: { groupVersion: string }[] }[] }>({ path: '/apis' });
    const truth = new Map<string, string[]>();
    for (const gv of [...core.versions, ...groups.groups.flatMap((g) => g.versions.map((v) => v.groupVersion))]) {
      const list = await client.json<{ resources: { name: string; kind: string }[] }>({ path: gv === 'v1' ? '/api/v1' : `/apis/${gv}` });
      truth.set(gv, list.resources.filter((r) => !r.name.includes('/')).map((r) => `${r.name}:${r.kind}`).sort());
    }
    return truth;
  }

  const asMap = (enablements: ReturnType<typeof apiEnablementStatus>['apiEnablements']) =>
    new Map(enablements.map((e) => [e.groupVersion, (e.resources ?? []).map((r) => `${r.name}:${r.kind}`).sort()]));

  it('reads every group version and its resources from the two aggregated documents', async () => {
    mode = 'aggregated';
    requested.length = 0;
    const status = apiEnablementStatus(await new ApiDiscovery(frontClient()).discover());
    expect(requested.sort()).to.deep.equal(['/api', '/apis']);
    expect(status.condition).to.include({ status: 'True', reason: 'Complete' });
    expect(asMap(status.apiEnablements)).to.deep.equal(await legacyTruth());
  });

  it('falls back to the legacy documents and each group version, by the Content-Type of the answer', async () => {
    mode = 'legacy';
    requested.length = 0;
    const status = apiEnablementStatus(await new ApiDiscovery(frontClient()).discover());
    expect(requested).to.include.members(['/api', '/apis', '/api/v1', '/apis/apps/v1']);
    expect(status.condition).to.include({ status: 'True', reason: 'Complete' });
    expect(asMap(status.apiEnablements)).to.deep.equal(await legacyTruth());
  });

  it('takes a Stale group version as one that failed: Partial, without it', async () => {
    mode = 'stale';
    const status = apiEnablementStatus(await new ApiDiscovery(frontClient()).discover());
    expect(status.condition).to.include({ status: 'False', reason: 'Partial' });
    expect(status.apiEnablements.map((e) => e.groupVersion)).to.include('v1').and.not.include('apps/v1');
  });

  it('knows nothing when /apis fails', async () => {
    mode = 'aggregated';
    sim.setFaults('m1', { errorRate: 1, errorCode: 503 });
    try {
      const discovered = await new ApiDiscovery(frontClient()).discover();
      expect(discovered).to.have.length(1);
      expect(apiEnablementStatus(discovered).condition).to.include({ reason: 'Empty' });
    } finally {
      sim.setFaults('m1', { errorRate: 0 });
    }
  });
});
