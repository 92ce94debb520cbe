import type { ServerResponse } from 'node:http';
import { drainedOrClosed } from '@karmada-ts/kube';
import type { Logger } from '@karmada-ts/operability';
import type { StreamFollower } from '../store/stream-follower.js';
import { auditEntryOf } from './audit-entry.js';
import { matchesAuditFilter, type AuditFilter } from './audit-filter.js';
import { sseComment, sseEvent } from './server-sent-events.js';

/** How often an idle audit stream sends a comment, so that clients and proxies keep it open. */
export const auditHeartbeatMs = 15_000;

export interface AuditStreamOptions {
  /** The template events from the first resourceVersion to serve on. */
  readonly follower: StreamFollower;
  readonly from: number;
  readonly filter: AuditFilter;
  readonly heartbeatMs: number;
  readonly logger: Logger;
}

/**
 * Serves a follower's changes as Server-Sent Events until the client goes: each entry the filter passes is one event
 * whose id is its resourceVersion (a reconnecting EventSource sends it back as `Last-Event-ID`), and a comment goes
 * out every `heartbeatMs`. A slow client is waited for (the follower then stops being read) rather than buffered.
 * The follower is closed when the response closes.
 */
export async function streamAuditEntries(res: ServerResponse, options: AuditStreamOptions): Promise<void> {
  const { follower, filter, logger } = options;
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, private', 'X-Accel-Buffering': 'no' });
  res.write(sseComment(`audit changes from resourceVersion ${options.from}`));
  let closed = false;
  const heartbeat = setInterval(() => res.write(sseComment('heartbeat')), options.heartbeatMs);
  const stop = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    follower.close().catch((err: unknown) => logger.warn({ err }, 'closing an audit stream consumer failed'));
  };
  res.on('close', stop);
  try {
    for await (const event of follower) {
      if (closed) break;
      const entry = auditEntryOf(event);
      if (!entry || !matchesAuditFilter(filter, entry)) continue;
      if (!res.write(sseEvent(entry.resourceVersion, entry))) await drainedOrClosed(res);
    }
  } catch (err) {
    if (!closed) logger.warn({ err }, 'an audit stream stopped following the stream');
  } finally {
    stop();
    res.off('close', stop);
    res.end();
  }
}
