import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createBuiltinRegistry,
  createKubeApiHandler,
  forbidden,
  installBuiltinHooks,
  MemoryResourceStore,
  ResourceRegistry,
  ResourceService,
  unauthorized,
  versionInfo,
  type KubeObject,
  type ObjectKey,
  type RequestContext,
  type ResourceAttributes,
  type StoreWriteOptions,
} from '../src/index.js';

/** A memory store that remembers who wrote. */
class AuditingStore extends MemoryResourceStore {
  readonly writers: string[] = [];
  override async create(key: ObjectKey, object: KubeObject, options: Pick<StoreWriteOptions, 'context'> = {}): Promise<KubeObject> {
    this.writers.push(`create ${key.name} by ${options.context?.user} (${options.context?.requestId})`);
    return super.create(key, object);
  }
  override async update(key: ObjectKey, object: KubeObject, options: StoreWriteOptions = {}): Promise<KubeObject> {
    this.writers.push(`update ${key.name} by ${options.context?.user}`);
    return super.update(key, object, options);
  }
  override async delete(key: ObjectKey, options: StoreWriteOptions = {}): Promise<KubeObject> {
    this.writers.push(`delete ${key.name} by ${options.context?.user}`);
    return super.delete(key, options);
  }
}

/** The handler's authenticate and authorize options, and the request context reaching the store. */
describe('Kubernetes API handler with authentication', function () {
  this.timeout(10_000);
  let server: Server;
  let base: string;
  const store = new AuditingStore();
  const asked: ResourceAttributes[] = [];

  before(async () => {
    const service = new ResourceService({ registry: new ResourceRegistry(createBuiltinRegistry()), store });
    installBuiltinHooks(service);
    await service.create(service.resolve('', 'v1', 'namespaces')!, '', { metadata: { name: 'default' } });
    let requests = 0;
    const handler = createKubeApiHandler({
      service,
      version: versionInfo('v1.32.4'),
      authenticate: (req): RequestContext => {
        const user = req.headers.authorization?.replace(/^Bearer /, '');
        if (!user) throw unauthorized();
        return { user, groups: [user === 'reader' ? 'readers' : 'writers'], requestId: `r${++requests}` };
      },
      authorize: (context, attributes) => {
        asked.push(attributes);
        if (context.groups?.includes('readers') && !['get', 'list', 'watch'].includes(attributes.verb))
          throw forbidden({ group: attributes.group, resource: attributes.resource }, attributes.name ?? '', `User "${context.user}" cannot ${attributes.verb}`);
      },
    });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = async (method: string, path: string, user?: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(user ? { authorization: `Bearer ${user}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { code: res.status, body: (await res.json().catch(() => undefined)) as { reason?: string } | undefined };
  };

  const cases: { name: string; method: string; path: string; user?: string; body?: unknown; code: number; verb?: string }[] = [
    { name: 'version needs no identity', method: 'GET', path: '/version', code: 200 },
    { name: 'health needs no identity', method: 'GET', path: '/healthz', code: 200 },
    { name: 'discovery needs one', method: 'GET', path: '/apis', code: 401 },
    { name: 'a list needs one', method: 'GET', path: '/api/v1/namespaces/default/configmaps', code: 401 },
    { name: 'a reader lists', method: 'GET', path: '/api/v1/namespaces/default/configmaps', user: 'reader', code: 200, verb: 'list' },
    { name: 'a reader watches', method: 'GET', path: '/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1', user: 'reader', code: 200, verb: 'watch' },
    { name: 'a reader may not create', method: 'POST', path: '/api/v1/namespaces/default/configmaps', user: 'reader', body: { metadata: { name: 'r' } }, code: 403, verb: 'create' },
    { name: 'a writer creates', method: 'POST', path: '/api/v1/namespaces/default/configmaps', user: 'alice', body: { metadata: { name: 'a' } }, code: 201, verb: 'create' },
    { name: 'a writer patches', method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/a', user: 'alice', body: { data: { k: 'v' } }, code: 415, verb: 'patch' },
    { name: 'a writer deletes', method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/a', user: 'alice', code: 200, verb: 'delete' },
    { name: 'a writer deletes a collection', method: 'DELETE', path: '/api/v1/namespaces/default/configmaps', user: 'alice', code: 200, verb: 'deletecollection' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code}`, async () => {
      asked.length = 0;
      expect((await call(c.method, c.path, c.user, c.body)).code).to.equal(c.code);
      if (c.verb) expect(asked.map((a) => a.verb)).to.deep.equal([c.verb]);
      else expect(asked).to.deep.equal([]);
    });
  }

  it('hands the request context to every store write', () => {
    expect(store.writers).to.deep.equal(['create default by undefined (undefined)', 'create a by alice (r4)', 'delete a by alice']);
  });

  it('tells the authorizer what is asked for', async () => {
    asked.length = 0;
    await call('GET', '/apis/apps/v1/namespaces/default/deployments/web/scale', 'reader');
    await call('GET', '/api/v1/namespaces', 'reader');
    expect(asked).to.deep.equal([
      { verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'default', name: 'web' },
      { verb: 'list', group: '', resource: 'namespaces', subresource: undefined, namespace: undefined, name: undefined },
    ]);
  });
});
