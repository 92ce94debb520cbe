import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBuiltinRegistry, createKubeApiHandler, installBuiltinHooks, MemoryResourceStore, ResourceRegistry, ResourceService, versionInfo } from '../src/index.js';

/** What kubectl 1.32 sends for `kubectl create secret generic s1 --from-literal=password=p@ss`. */
const createSecretBody = Buffer.from(
  '6b3873000a0c0a027631120653656372657412280a120a02733112001a0022002a0032003800420012100a0870617373776f72641204704073731a001a002200',
  'hex',
);

/** What kubectl 1.32 sends for `kubectl create job j1 --image=busybox`, a kind whose protobuf is not decoded. */
const createJobBody = Buffer.from(
  '6b3873000a0f0a0862617463682f763112034a6f62127a0a120a026a3112001a0022002a00320038004200125a32580a100a' +
    '0012001a0022002a00320038004200124412210a026a31120762757379626f782a0042006a007200800100880100900100a2' +
    '01001a054e65766572320042004a0052005800600068008201008a01009a0100c201001a082000280030003a001a002200',
  'hex',
);

/** kubectl's request headers for built-in kinds since 1.32. */
const kubectlHeaders = { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/vnd.kubernetes.protobuf,application/json' };

/** Protobuf request bodies through the node:http handler: decoded for create and update, answered in JSON. */
describe('Kubernetes API handler with protobuf bodies', function () {
  this.timeout(10_000);
  let server: Server;
  let base: string;

  before(async () => {
    const service = new ResourceService({ registry: new ResourceRegistry(createBuiltinRegistry()), store: new MemoryResourceStore() });
    installBuiltinHooks(service);
    const handler = createKubeApiHandler({ service, version: versionInfo('v1.32.4') });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(`${base}/api/v1/namespaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'default' } }) });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function send(method: string, path: string, body: Uint8Array, headers: Record<string, string> = kubectlHeaders): Promise<{ code: number; type: string | null; body: any }> {
    const res = await fetch(`${base}${path}`, { method, headers, body });
    return { code: res.status, type: res.headers.get('content-type'), body: await res.json() };
  }

  it('creates from kubectl create secret and answers in JSON', async () => {
    const created = await send('POST', '/api/v1/namespaces/default/secrets?fieldManager=kubectl-create&fieldValidation=Strict', createSecretBody);
    expect([created.code, created.type]).to.deep.equal([201, 'application/json']);
    expect(created.body).to.deep.include({ kind: 'Secret', apiVersion: 'v1', data: { password: Buffer.from('p@ss').toString('base64') } });
    expect(created.body.metadata).to.include({ name: 's1', namespace: 'default' });
    const read = (await fetch(`${base}/api/v1/namespaces/default/secrets/s1`).then((r) => r.json())) as { data: unknown };
    expect(read.data).to.deep.equal({ password: 'cEBzcw==' });
  });

  it('updates from a protobuf PUT', async () => {
    const replaced = await send('PUT', '/api/v1/namespaces/default/secrets/s1', createSecretBody);
    expect(replaced.code).to.equal(200);
    expect(replaced.body.metadata.name).to.equal('s1');
  });

  it('answers a kind it does not decode with 415 saying what to do instead', async () => {
    const refused = await send('POST', '/apis/batch/v1/namespaces/default/jobs', createJobBody);
    expect(refused.code).to.equal(415);
    expect(refused.body).to.include({ kind: 'Status', status: 'Failure', reason: 'UnsupportedMediaType', code: 415 });
    expect(refused.body.message).to.equal(
      'protobuf bodies of batch/v1 Job are not decoded by this server, only of v1 Secret, v1 ConfigMap, v1 Namespace, v1 ServiceAccount, apps/v1 Deployment; ' +
        'send the object as JSON instead, e.g. kubectl create … --dry-run=client -o yaml | kubectl apply -f -',
    );
  });

  it('answers bytes that are not Kubernetes protobuf, or none, with 400', async () => {
    const notProtobuf = await send('POST', '/api/v1/namespaces/default/configmaps', Buffer.from('{}'));
    expect([notProtobuf.code, notProtobuf.body.message]).to.deep.equal([400, 'the body of the request could not be decoded as protobuf: the body does not start with the Kubernetes protobuf prefix "k8s\\0"']);
    const empty = await send('POST', '/api/v1/namespaces/default/configmaps', new Uint8Array(0));
    expect([empty.code, empty.body.message]).to.deep.equal([400, 'the request body is empty']);
  });

  it('still refuses patches in protobuf and lists protobuf among body types', async () => {
    const patch = await send('PATCH', '/api/v1/namespaces/default/secrets/s1', createSecretBody);
    expect(patch.code).to.equal(415);
    const cbor = await send('POST', '/api/v1/namespaces/default/configmaps', Buffer.from('a0', 'hex'), { 'content-type': 'application/cbor' });
    expect([cbor.code, cbor.body.message]).to.deep.equal([
      415,
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    ]);
  });
});
