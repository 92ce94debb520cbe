import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../api/object.js';
import type { ApiWatchEvent } from '../api/resource-service.js';
import type { Status } from '../api/status.js';
import type { TablePrinter } from '../discovery/resource-definition.js';
import type { WatchSubscription } from '../storage/resource-store.js';
import { buildTable } from '../printers/table.js';
import { CoalescedWriter } from './coalesced-writer.js';

/** Streams watch events as newline-delimited JSON (kube-api-notes §3.2): headers flushed at once, one event a line. */
export interface WatchStreamOptions {
  /** Table events: one-row Tables, column definitions only on the first. */
  table?: { printer: TablePrinter; apiVersion: string };
  /** Metadata-only events (PartialObjectMetadata). */
  metadataApiVersion?: string;
  timeoutMs: number;
  /** When set, a BOOKMARK with the last delivered resourceVersion is sent this often. */
  bookmark?: { intervalMs: number; apiVersion: string; kind: string; initialResourceVersion: string };
  now: () => Date;
}

function startStream(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
}

/** A watch that failed before it started (410 Expired): an ERROR event, then the end of the stream. */
export function writeWatchError(res: ServerResponse, status: Status): void {
  startStream(res);
  res.end(JSON.stringify({ type: 'ERROR', object: status }) + '\n');
}

export async function streamWatch(req: IncomingMessage, res: ServerResponse, events: WatchSubscription & AsyncIterable<ApiWatchEvent>, options: WatchStreamOptions): Promise<void> {
  startStream(res);
  const stop = (): void => events.close();
  const timer = setTimeout(stop, options.timeoutMs);
  timer.unref?.();
  req.on('close', stop);
  res.on('close', stop);
  const out = new CoalescedWriter(res);
  let lastResourceVersion = options.bookmark?.initialResourceVersion ?? '';
  const bookmarkTimer = options.bookmark
    ? setInterval(() => {
        const b = options.bookmark!;
        out.write(JSON.stringify({ type: 'BOOKMARK', object: { kind: b.kind, apiVersion: b.apiVersion, metadata: { resourceVersion: lastResourceVersion } } }) + '\n');
      }, options.bookmark.intervalMs)
    : undefined;
  bookmarkTimer?.unref?.();
  let first = true;
  try {
    for await (const event of events) {
      lastResourceVersion = event.object.metadata.resourceVersion ?? lastResourceVersion;
      out.write(JSON.stringify({ type: event.type, object: render(event.object, options, first) }) + '\n');
      first = false;
    }
  } finally {
    clearTimeout(timer);
    if (bookmarkTimer) clearInterval(bookmarkTimer);
    req.off('close', stop);
    out.flush();
    res.end();
  }
}

function render(object: KubeObject, options: WatchStreamOptions, first: boolean): unknown {
  if (options.table) {
    return buildTable(options.table.printer, [object], {
      apiVersion: options.table.apiVersion,
      includeObject: 'Metadata',
      noHeaders: !first,
      resourceVersion: object.metadata.resourceVersion,
      now: options.now(),
    });
  }
  if (options.metadataApiVersion) return { kind: 'PartialObjectMetadata', apiVersion: options.metadataApiVersion, metadata: object.metadata };
  return object;
}
