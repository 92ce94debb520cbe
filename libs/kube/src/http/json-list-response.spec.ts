import { expect } from 'chai';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonChunks, sendJsonList } from './json-list-response.js';

/** An item of about 1 KB, like a small Deployment. */
const item = (i: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `web-${i}`, labels: { app: 'web', note: 'é→✓' } }, spec: { filler: 'x'.repeat(900) } });
const items = (count: number) => Array.from({ length: count }, (_, i) => item(i));

describe('jsonChunks', () => {
  const cases: { name: string; body: Record<string, unknown>; field: string }[] = [
    { name: 'an empty list', body: { kind: 'List', metadata: {}, items: [] }, field: 'items' },
    { name: 'one item', body: { kind: 'List', metadata: { resourceVersion: '7' }, items: [item(0)] }, field: 'items' },
    { name: 'the array before other keys', body: { items: [1, 2], kind: 'List', metadata: { continue: 'abc' } }, field: 'items' },
    { name: 'values JSON leaves out, and elements it turns into null', body: { kind: 'List', gone: undefined, f: () => 1, items: [undefined, 1, () => 2, null] }, field: 'items' },
    { name: 'a Table with rows', body: { kind: 'Table', columnDefinitions: [{ name: 'Name' }], rows: items(3).map((o) => ({ cells: [o.metadata.name], object: o })) }, field: 'rows' },
    { name: 'strings that need escaping', body: { kind: 'List', items: ['"quoted"\n', '\u2028', '✓'] }, field: 'items' },
    { name: 'a list of many chunks', body: { kind: 'List', metadata: { resourceVersion: '9' }, items: items(2_000) }, field: 'items' },
    { name: 'items larger than a chunk', body: { kind: 'List', items: [item(0), { big: '✓'.repeat(200_000) }, item(1), { big: 'y'.repeat(600_000) }] }, field: 'items' },
    { name: 'a key before the array larger than a chunk', body: { kind: 'List', metadata: { note: 'é'.repeat(300_000) }, items: items(3) }, field: 'items' },
  ];
  for (const { name, body, field } of cases) {
    it(`joins to JSON.stringify's output: ${name}`, () => {
      expect(Buffer.concat([...jsonChunks(body, field, body[field] as unknown[])]).toString()).to.equal(JSON.stringify(body));
    });
  }

  it('cuts a large list into chunks of at least 256 KiB, the last one aside', () => {
    const body = { kind: 'List', items: items(2_000) };
    const chunks = [...jsonChunks(body, 'items', body.items)];
    expect(chunks.length).to.be.within(7, 9);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).to.be.within(256 * 1024, 260 * 1024);
  });
});

describe('sendJsonList', function () {
  this.timeout(20_000);
  let server: Server;
  let port: number;
  let respond: (res: ServerResponse) => Promise<void>;
  let finished: Promise<void>;

  before(async () => {
    server = createServer((_req, res) => {
      finished = respond(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  it('sends a list that fits in one chunk with its Content-Length', async () => {
    const body = { kind: 'List', metadata: { resourceVersion: '3' }, items: items(5) };
    respond = (res) => sendJsonList(res, 200, body, 'items');
    const { status, headers, text } = await get();
    expect(status).to.equal(200);
    expect(headers.get('content-length')).to.equal(String(Buffer.byteLength(text)));
    expect(headers.get('transfer-encoding')).to.equal(null);
    expect(text).to.equal(JSON.stringify(body));
  });

  it('streams a larger list chunked, the bytes JSON.stringify would give', async () => {
    const body = { apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: { resourceVersion: '42' }, items: items(5_000) };
    respond = (res) => sendJsonList(res, 200, body, 'items', 'application/json');
    const { status, headers, text } = await get();
    await finished;
    expect([status, headers.get('content-type'), headers.get('content-length'), headers.get('transfer-encoding')]).to.deep.equal([
      200,
      'application/json',
      null,
      'chunked',
    ]);
    expect(text).to.equal(JSON.stringify(body));
  });

  it('stops writing when the client goes away', async () => {
    let calls = 0;
    const body = { kind: 'List', items: items(20_000).map((o) => ({ toJSON: () => (calls++, o) })) };
    respond = (res) => sendJsonList(res, 200, body, 'items');
    await new Promise<void>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
      req.end();
    });
    await finished;
    expect(calls).to.be.above(0).and.below(20_000);
  });

  it('breaks the connection when an element fails after the first chunk, so no truncated body looks whole', async () => {
    const body = { kind: 'List', items: [...items(1_000), { toJSON: () => { throw new Error('boom'); } }] };
    respond = (res) => sendJsonList(res, 200, body, 'items');
    const error = await get().then(
      () => undefined,
      (e: unknown) => e,
    );
    await finished;
    expect(error).to.be.instanceOf(Error);
  });
});
