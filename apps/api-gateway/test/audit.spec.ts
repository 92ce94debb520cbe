import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { request } from 'node:https';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { jetstream, jetstreamManager, type ConsumerInfo } from '@nats-io/jetstream';
import { rebuildProjections } from '@karmada-ts/projections';
import { ProjectionRunners, SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { waitFor } from '@karmada-ts/testing';
import type { Logger } from '@karmada-ts/operability';
import type { AuditEntry } from '../src/audit/audit-entry.js';
import { streamAuditEntries } from '../src/audit/audit-stream.js';
import { gatewayDurables } from '../src/durables.js';
import { gatewayEvents } from '../src/events.js';
import { followStream } from '../src/store/stream-follower.js';
import { apiRequest, startTestGateway, type ApiResponse, type TestGateway } from './support.js';

interface AuditList {
  kind: string;
  metadata: { resourceVersion: string; continue?: string };
  items: AuditEntry[];
}

/** A change made through the API, as its response tells it. */
interface Change {
  readonly user: string;
  readonly requestId: string;
  readonly resourceVersion: string;
  readonly expected: Partial<AuditEntry>;
}

/** A Server-Sent-Events connection: the events and comments received so far. */
interface EventStreamClient {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly events: { id: string; entry: AuditEntry; text: string }[];
  readonly comments: string[];
  close(): void;
}

const secretValue = 'audit-s3cr3t-value-91ab';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('api-gateway: the audit API', function () {
  this.timeout(120_000);
  let gw: TestGateway;
  let tokenDir: string;
  const tokens = { admin: randomBytes(16).toString('hex'), bob: randomBytes(16).toString('hex'), vera: randomBytes(16).toString('hex') };
  const changes: Change[] = [];

  before(async () => {
    tokenDir = mkdtempSync(join(tmpdir(), 'gwaudit-tokens-'));
    const tokenFile = join(tokenDir, 'tokens.csv');
    writeFileSync(tokenFile, `${tokens.admin},admin,admin\n${tokens.bob},bob,admin\n${tokens.vera},vera,view\n`);
    gw = await startTestGateway('gwaudit', { GATEWAY_TOKEN_FILE: tokenFile });
  });
  after(async () => {
    await gw?.stop();
    if (tokenDir) rmSync(tokenDir, { recursive: true, force: true });
  });

  const audit = (query = '', token: string | null = tokens.admin) => apiRequest(gw, 'GET', `/audit${query ? `?${query}` : ''}`, { token });
  const list = async (query = ''): Promise<AuditList> => {
    const response = await audit(query);
    expect(response.status, response.text).to.equal(200);
    return response.json as AuditList;
  };
  /** Entries of the changes this file made (the gateway also writes its system namespaces at start). */
  const ours = (entries: readonly AuditEntry[]) => entries.filter((e) => changes.some((c) => c.requestId === e.requestId));

  async function change(user: keyof typeof tokens, method: string, path: string, body: object | undefined, expected: Partial<AuditEntry>, contentType?: string): Promise<Change> {
    const response = await apiRequest(gw, method, path, { token: tokens[user], ...(body ? { body } : {}), ...(contentType ? { contentType } : {}) });
    expect(response.status, response.text).to.be.oneOf([200, 201]);
    const requestId = response.headers['audit-id'] as string;
    expect(requestId).to.be.a('string');
    const made: Change = { user, requestId, resourceVersion: String(response.json.metadata.resourceVersion), expected };
    changes.push(made);
    return made;
  }

  const mergePatch = 'application/merge-patch+json';
  const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data });
  const core = (resource: string, kind: string) => ({ group: '', version: 'v1', resource, kind });
  const apps = (resource: string, kind: string) => ({ group: 'apps', version: 'v1', resource, kind });

  describe('GET /audit', () => {
    before(async () => {
      await change('admin', 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'audit-team' } }, { verb: 'create', ...core('namespaces', 'Namespace'), name: 'audit-team' });
      await change('admin', 'POST', '/api/v1/namespaces/default/configmaps', configMap('settings', { a: '1' }), { verb: 'create', ...core('configmaps', 'ConfigMap'), namespace: 'default', name: 'settings' });
      await change('bob', 'PATCH', '/api/v1/namespaces/default/configmaps/settings', { data: { a: '2' } }, { verb: 'update', ...core('configmaps', 'ConfigMap'), namespace: 'default', name: 'settings' }, mergePatch);
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'audit-team' },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
      };
      await change('bob', 'POST', '/apis/apps/v1/namespaces/audit-team/deployments', deployment, { verb: 'create', ...apps('deployments', 'Deployment'), namespace: 'audit-team', name: 'web' });
      await change(
        'bob',
        'PATCH',
        '/apis/apps/v1/namespaces/audit-team/deployments/web/scale',
        { spec: { replicas: 3 } },
        { verb: 'update', subresource: 'scale', ...apps('deployments', 'Deployment'), namespace: 'audit-team', name: 'web' },
        mergePatch,
      );
      const deleted = await change('admin', 'DELETE', '/api/v1/namespaces/default/configmaps/settings', undefined, { verb: 'delete', ...core('configmaps', 'ConfigMap'), namespace: 'default', name: 'settings' });
      // A delete answers with the object as it was; its entry is at the sequence of the deletion.
      const subject = gw.subjects.template({ group: '', resource: 'configmaps' }, 'default', 'settings');
      changes[changes.indexOf(deleted)] = { ...deleted, resourceVersion: String((await gw.events.readLast(subject))!.seq) };
      await waitFor('the audit projection has every change', async () => ours((await list('limit=1000')).items).length === changes.length);
    });

    it('records the user and the request id of each change', async () => {
      const page = await list('limit=1000');
      expect(page.kind).to.equal('AuditEntryList');
      for (const c of changes) {
        const entries = page.items.filter((e) => e.requestId === c.requestId);
        expect(entries, `${c.user} ${c.expected.verb} ${c.expected.name}`).to.have.length(1);
        const entry = entries[0]!;
        expect(entry).to.deep.include({ ...c.expected, user: c.user, resourceVersion: c.resourceVersion });
        expect(entry.time).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(entry.eventId).to.be.a('string');
        expect(entry.uid).to.be.a('string');
        if (!c.expected.subresource) expect(entry).to.not.have.property('subresource');
      }
      expect(page.items.find((e) => e.name === 'audit-team' && e.kind === 'Namespace')).to.not.have.property('namespace');
      expect(Number(page.metadata.resourceVersion)).to.be.at.least(Math.max(...changes.map((c) => Number(c.resourceVersion))));
      expect(page.metadata).to.not.have.property('continue');
    });

    it('lists newest first', async () => {
      const versions = (await list('limit=1000')).items.map((e) => Number(e.resourceVersion));
      expect(versions).to.deep.equal([...versions].sort((a, b) => b - a));
    });

    it('filters by user, kind, resource, namespace and name', async () => {
      const ids = (entries: readonly AuditEntry[]) => entries.map((e) => e.requestId).sort();
      const idsOf = (predicate: (c: Change) => boolean) => changes.filter(predicate).map((c) => c.requestId).sort();
      const cases: { query: string; want: string[] }[] = [
        { query: 'user=bob', want: idsOf((c) => c.user === 'bob') },
        { query: 'user=admin', want: idsOf((c) => c.user === 'admin') },
        { query: 'kind=Deployment', want: idsOf((c) => c.expected.kind === 'Deployment') },
        { query: 'resource=deployments', want: idsOf((c) => c.expected.resource === 'deployments') },
        { query: 'resource=deployments.apps', want: idsOf((c) => c.expected.resource === 'deployments') },
        { query: 'resource=deployments.extensions', want: [] },
        { query: 'namespace=default&name=settings', want: idsOf((c) => c.expected.name === 'settings') },
        { query: 'namespace=audit-team', want: idsOf((c) => c.expected.namespace === 'audit-team') },
        { query: 'user=bob&kind=ConfigMap', want: idsOf((c) => c.user === 'bob' && c.expected.kind === 'ConfigMap') },
        { query: 'user=nobody', want: [] },
      ];
      for (const c of cases) {
        const page = await list(`${c.query}&limit=1000`);
        expect(ids(ours(page.items)), c.query).to.deep.equal(c.want);
        // Only the system's own writes may come on top, and only where the filter lets them.
        if (c.query.includes('user=') || c.query.includes('namespace=')) expect(page.items.length, c.query).to.equal(c.want.length);
      }
    });

    it('filters by a time range: since inclusive, until exclusive', async () => {
      const all = ours((await list('limit=1000')).items).reverse();
      const since = all[2]!.time;
      const until = all[all.length - 1]!.time;
      const want = all.filter((e) => e.time >= since && e.time < until).map((e) => e.resourceVersion);
      expect(want.length).to.be.greaterThan(0);
      const got = ours((await list(`since=${since}&until=${until}&limit=1000`)).items).map((e) => e.resourceVersion);
      expect(got).to.deep.equal([...want].reverse());
      expect(ours((await list(`since=${since}&until=${since}`)).items)).to.deep.equal([]);
    });

    it('pages with limit and continue, without gaps or repeats', async () => {
      const everything = (await list('limit=1000')).items;
      const paged: AuditEntry[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await list(`limit=2${token ? `&continue=${token}` : ''}`);
        expect(page.items.length).to.be.at.most(2);
        paged.push(...page.items);
        token = page.metadata.continue;
        pages++;
      } while (token);
      expect(pages).to.equal(Math.ceil(everything.length / 2));
      expect(paged).to.deep.equal(everything);

      const first = await list('user=bob&limit=2');
      expect(first.items.map((e) => e.user)).to.deep.equal(['bob', 'bob']);
      const second = await list(`user=bob&limit=2&continue=${first.metadata.continue}`);
      expect(second.items.map((e) => e.user)).to.deep.equal(['bob']);
      expect(second.metadata).to.not.have.property('continue');
    });

    it('answers a 400 BadRequest Status saying what to fix for bad parameters', async () => {
      const cases: { query: string; message: RegExp }[] = [
        { query: 'since=yesterday', message: /since="yesterday" is not a valid time: use RFC 3339/ },
        { query: 'until=2025-13-01T00:00:00Z', message: /until=.* is not a valid time/ },
        { query: 'since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z', message: /must not be after until/ },
        { query: 'limit=0', message: /limit="0" is not valid: use an integer from 1 to 1000/ },
        { query: 'limit=5000', message: /limit="5000" is not valid/ },
        { query: 'limit=many', message: /limit="many" is not valid/ },
        { query: 'continue=not-a-token', message: /the continue token is not valid/ },
        { query: 'usr=bob', message: /unknown query parameter "usr"/ },
        { query: 'user=a&user=b', message: /"user" is given 2 times/ },
      ];
      for (const c of cases) {
        const response = await audit(c.query);
        expect(response.status, c.query).to.equal(400);
        expect(response.json, c.query).to.deep.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400 });
        expect(response.json.message, c.query).to.match(c.message);
      }
      const stream = await apiRequest(gw, 'GET', '/audit/stream?limit=5', { token: tokens.admin });
      expect(stream.status).to.equal(400);
      expect(stream.json.message).to.match(/unknown query parameter "limit"/);
    });

    it('needs a valid token, and any role may read', async () => {
      for (const path of ['/audit', '/audit/stream']) {
        for (const token of [null, 'not-a-token']) {
          const response = await apiRequest(gw, 'GET', path, { token });
          expect(response.status, `${path} ${token}`).to.equal(401);
          expect(response.json).to.deep.include({ kind: 'Status', reason: 'Unauthorized', code: 401 });
        }
      }
      expect((await audit('limit=1', tokens.vera)).status).to.equal(200);
    });

    it('serves only GET, on /audit and /audit/stream', async () => {
      const post = await apiRequest(gw, 'POST', '/audit', { token: tokens.admin, body: {} });
      expect(post.status).to.equal(405);
      expect(post.json).to.deep.include({ kind: 'Status', reason: 'MethodNotAllowed' });
      const unknown = await apiRequest(gw, 'GET', '/audit/elsewhere', { token: tokens.admin });
      expect(unknown.status).to.equal(404);
      expect(unknown.json).to.deep.include({ kind: 'Status', reason: 'NotFound' });
    });

    it('rebuilds audit_entries from the stream to identical rows', async () => {
      const runner = gw.running.app.get(ProjectionRunners).runner(gatewayDurables.audit);
      const lastTemplateSeq = await gw.events.lastSequence(gw.subjects.templateFilter());
      await waitFor('the audit projection caught up', async () => (await runner.checkpoint()) >= lastTemplateSeq);
      const snapshot = () => runner.dataSource.query('SELECT * FROM audit_entries ORDER BY seq');
      const before = await snapshot();
      expect(before.length).to.be.at.least(changes.length);
      const result = await rebuildProjections({ runner, store: gw.events, filterSubject: gw.subjects.templateFilter() });
      expect(result.checkpoint).to.equal(lastTemplateSeq);
      expect(await snapshot()).to.deep.equal(before);
    });
  });

  describe('GET /audit/stream', () => {
    const open: EventStreamClient[] = [];
    afterEach(() => open.splice(0).forEach((client) => client.close()));

    /** Connects and resolves once the response headers are in: the stream follows from then on. */
    function connect(query: string, headers: Record<string, string> = {}, token = tokens.admin): Promise<EventStreamClient> {
      return new Promise((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: gw.port, method: 'GET', path: `/audit/stream${query ? `?${query}` : ''}`, ca: gw.caPem, headers: { authorization: `Bearer ${token}`, ...headers } },
          (res) => {
            const client: EventStreamClient = { status: res.statusCode ?? 0, contentType: res.headers['content-type'], events: [], comments: [], close: () => req.destroy() };
            open.push(client);
            let buffer = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              buffer += chunk;
              for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
                const block = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                const lines = block.split('\n');
                if (lines.every((l) => l.startsWith(':'))) client.comments.push(...lines.map((l) => l.slice(1).trim()));
                else {
                  const field = (name: string) => lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
                  client.events.push({ id: field('id')[0]!, entry: JSON.parse(field('data').join('\n')) as AuditEntry, text: block });
                }
              }
            });
            res.on('error', () => undefined);
            resolve(client);
          },
        );
        req.on('error', reject);
        req.end();
      });
    }

    async function write(user: keyof typeof tokens, name: string): Promise<ApiResponse> {
      const response = await apiRequest(gw, 'POST', '/api/v1/namespaces/default/configmaps', { token: tokens[user], body: configMap(name, { k: name }) });
      expect(response.status, response.text).to.equal(201);
      return response;
    }

    it('delivers a change made after it connected, with its id, user and request id', async () => {
      const client = await connect('user=bob&namespace=default');
      expect(client.status).to.equal(200);
      expect(client.contentType).to.match(/^text\/event-stream/);
      await write('admin', 'streamed-by-admin');
      const made = await write('bob', 'streamed-by-bob');
      await waitFor('the event', () => client.events.length > 0);
      const [event] = client.events;
      expect(event!.id).to.equal(String(made.json.metadata.resourceVersion));
      expect(event!.entry).to.deep.include({
        resourceVersion: event!.id,
        user: 'bob',
        requestId: made.headers['audit-id'],
        verb: 'create',
        kind: 'ConfigMap',
        resource: 'configmaps',
        namespace: 'default',
        name: 'streamed-by-bob',
        uid: made.json.metadata.uid,
      });
      await write('bob', 'streamed-by-bob-2');
      await waitFor('the second event', () => client.events.length > 1);
      expect(client.events.map((e) => e.entry.name)).to.deep.equal(['streamed-by-bob', 'streamed-by-bob-2']);
    });

    it('resumes after Last-Event-ID', async () => {
      const first = await write('bob', 'resume-1');
      await write('admin', 'resume-2');
      await write('bob', 'resume-3');
      const client = await connect('user=bob', { 'Last-Event-ID': String(first.json.metadata.resourceVersion) });
      await waitFor('the missed change', () => client.events.some((e) => e.entry.name === 'resume-3'));
      expect(client.events.map((e) => e.entry.name)).to.deep.equal(['resume-3']);
    });

    it('shows a Secret change without its values', async () => {
      const client = await connect('kind=Secret');
      const response = await apiRequest(gw, 'POST', '/api/v1/namespaces/default/secrets', {
        token: tokens.admin,
        body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-password', namespace: 'default' }, data: { password: b64(secretValue) }, stringData: { token: secretValue } },
      });
      expect(response.status, response.text).to.equal(201);
      await waitFor('the Secret event', () => client.events.length > 0);
      expect(client.events[0]!.entry).to.deep.include({ kind: 'Secret', name: 'db-password', user: 'admin', requestId: response.headers['audit-id'] });
      const fields = ['resourceVersion', 'time', 'user', 'requestId', 'eventId', 'verb', 'group', 'version', 'resource', 'kind', 'namespace', 'name', 'uid'];
      expect(Object.keys(client.events[0]!.entry).sort()).to.deep.equal([...fields].sort());
      const listed = await waitFor('the Secret entry', async () => {
        const r = await audit('kind=Secret&name=db-password');
        return (r.json as AuditList).items.length === 1 && r;
      });
      const rows = JSON.stringify(await gw.running.app.get(ProjectionRunners).runner(gatewayDurables.audit).dataSource.query('SELECT * FROM audit_entries'));
      for (const text of [client.events[0]!.text, listed.text, rows]) {
        for (const secret of [secretValue, b64(secretValue)]) expect(text).to.not.contain(secret);
        expect(text).to.not.contain('hmac-sha256:');
      }
    });

    it('stops pulling from its stream consumer when the client goes', async () => {
      const jsm = await jetstreamManager(gw.nc);
      const consumers = async () => {
        const out: ConsumerInfo[] = [];
        for await (const info of jsm.consumers.list(gw.subjects.stream)) out.push(info);
        return out;
      };
      const before = new Set((await consumers()).map((c) => c.name));
      const client = await connect('');
      const mine = await waitFor('the stream consumer pulling', async () => (await consumers()).find((c) => !before.has(c.name) && c.num_waiting > 0));
      const now = async () => (await consumers()).find((c) => c.name === mine.name);
      client.close();
      // Gone, or left without a pull request: either way nothing reads from it any more.
      await waitFor('no pull request left', async () => {
        const info = await now();
        return info === undefined || info.num_waiting === 0;
      });
      await write('admin', 'after-disconnect');
      await waitFor('the change left unread', async () => {
        const info = await now();
        return info === undefined || (info.num_waiting === 0 && info.num_pending >= 1);
      });
    });
  });

  describe('heartbeat', () => {
    let server: Server | undefined;
    afterEach(() => server?.close());

    it('sends a comment while nothing changes, so idle connections stay open', async () => {
      const logger = gw.running.app.get<symbol, Logger>(SERVICE_LOGGER);
      const from = (await gw.events.lastSequence()) + 1;
      server = createServer((_req, res) => {
        void followStream(jetstream(gw.nc), { stream: gw.subjects.stream, filterSubject: gw.subjects.templateFilter(), fromSeq: from, registry: gatewayEvents, onUndecodable: () => undefined }).then(
          (follower) => streamAuditEntries(res, { follower, from, filter: {}, heartbeatMs: 50, logger }),
        );
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      let text = '';
      const req = httpRequest({ host: '127.0.0.1', port, path: '/' }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
      });
      req.end();
      try {
        await waitFor('two heartbeats', () => text.split(': heartbeat\n\n').length > 2);
        expect(text.startsWith(`: audit changes from resourceVersion ${from}\n\n`)).to.equal(true);
      } finally {
        req.destroy();
      }
    });
  });
});
