import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeObject } from '@karmada-ts/domain';
import { ListWatch, MemberClient, memberKubeConfig, type CacheEvent } from '../src/index.js';
import { eventually } from './support.js';

const thing = (name: string, resourceVersion: string): KubeObject => ({ apiVersion: 'v1', kind: 'Thing', metadata: { name, namespace: 'ns', resourceVersion } });

/**
 * A scripted API server for the protocol corners a simulator does not reach on demand: paged lists, a watch that
 * answers 410 Expired, bookmarks. Each request is logged and answered by the next matching step.
 */
describe('ListWatch protocol', () => {
  let server: Server;
  let client: MemberClient;
  const log: string[] = [];
  let openWatches = 0;
  let lists: ((query: URLSearchParams) => object)[] = [];
  let watches: ((res: ServerResponse) => void)[] = [];

  before(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const query = url.searchParams;
      if (query.get('watch') === 'true') {
        log.push(`watch rv=${query.get('resourceVersion')} bookmarks=${query.get('allowWatchBookmarks')}`);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const step = watches.shift();
        if (step) step(res);
        else {
          // Nothing scripted: keep the watch open until the client leaves.
          openWatches += 1;
          res.on('close', () => (openWatches -= 1));
        }
        return;
      }
      log.push(`list limit=${query.get('limit')} continue=${query.get('continue') ?? ''} labelSelector=${query.get('labelSelector')}`);
      const step = lists.shift();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(step ? step(query) : { items: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new MemberClient(
      memberKubeConfig({ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'fake' }, spec: { syncMode: 'Push', apiEndpoint: endpoint, insecureSkipTLSVerification: true } }, { token: 't' }),
    );
  });
  after(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('pages the list, relists on 410 Expired with a diff, follows bookmarks, and stops cleanly', async () => {
    lists = [
      () => ({ kind: 'ThingList', apiVersion: 'v1', metadata: { continue: 'page-2' }, items: [{ metadata: { name: 'a', namespace: 'ns', resourceVersion: '1' } }] }),
      () => ({ kind: 'ThingList', apiVersion: 'v1', metadata: { resourceVersion: '10' }, items: [{ metadata: { name: 'old', namespace: 'ns', resourceVersion: '2' } }] }),
      () => ({ kind: 'ThingList', apiVersion: 'v1', metadata: { resourceVersion: '20' }, items: [thing('a', '5'), thing('b', '6')] }),
    ];
    watches = [
      (res) => res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 10 (15)' } })}\n`),
      (res) => {
        res.write(`${JSON.stringify({ type: 'ADDED', object: thing('c', '21') })}\n`);
        // One event split across two writes, then a bookmark.
        const modified = JSON.stringify({ type: 'MODIFIED', object: { ...thing('c', '22'), data: 'x' } });
        res.write(modified.slice(0, 10));
        setTimeout(() => res.end(`${modified.slice(10)}\n${JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Thing', apiVersion: 'v1', metadata: { resourceVersion: '25' } } })}\n`), 20);
      },
    ];
    const events: string[] = [];
    const lw = new ListWatch<KubeObject>(client, {
      collectionPath: () => '/api/v1/things',
      labelSelector: 'karmada.io/managed=true',
      pageSize: 1,
      transform: (o) => o,
      onEvent: (e: CacheEvent<KubeObject>) => {
        events.push(`${e.type} ${e.key}`);
        if (e.key === 'ns/b') throw new Error('a handler bug'); // must not break the loop
      },
      backoff: { initialMs: 10, maxMs: 20 },
    });
    lw.start();
    expect(await lw.waitForSync(2_000)).to.equal(true);
    await eventually(() => log.includes('watch rv=25 bookmarks=true'), 3_000, 'a watch from the bookmark');
    expect(log).to.deep.equal([
      'list limit=1 continue= labelSelector=karmada.io/managed=true',
      'list limit=1 continue=page-2 labelSelector=karmada.io/managed=true',
      'watch rv=10 bookmarks=true',
      'list limit=1 continue= labelSelector=karmada.io/managed=true',
      'watch rv=20 bookmarks=true',
      'watch rv=25 bookmarks=true',
    ]);
    expect(events).to.deep.equal(['added ns/a', 'added ns/old', 'updated ns/a', 'added ns/b', 'deleted ns/old', 'added ns/c', 'updated ns/c']);
    expect(lw.get('ns/c')?.['data']).to.equal('x');
    expect(lw.get('ns/a')).to.include({ kind: 'Thing', apiVersion: 'v1' });
    expect(lw.size).to.equal(3);
    expect(openWatches).to.equal(1);
    await lw.stop();
    await eventually(() => openWatches === 0, 2_000, 'the open watch to be dropped');
  });
});
