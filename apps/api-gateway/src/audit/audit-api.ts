import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { EventRegistry, Subjects } from '@karmada-ts/contracts';
import type { EventStore } from '@karmada-ts/eventstore';
import { methodNotSupported, sendJson, unknownPath } from '@karmada-ts/kube';
import type { Logger } from '@karmada-ts/operability';
import { EVENT_REGISTRY, EVENT_STORE, PROJECTION_DATABASE, SERVICE_LOGGER, SUBJECTS } from '@karmada-ts/service-runtime';
import { jetstream } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { gatewayDurables } from '../durables.js';
import { followStream } from '../store/stream-follower.js';
import { isUnder, type Authenticate, type GatewayRoute } from '../server/gateway-route.js';
import { readAuditPage } from './audit-entries-reader.js';
import { parseAuditListQuery, parseAuditStreamQuery } from './audit-list-query.js';
import { auditHeartbeatMs, streamAuditEntries } from './audit-stream.js';

const auditPath = '/audit';
const auditStreamPath = '/audit/stream';


/**
 * The audit API beside the Kubernetes API, for every authenticated user whatever the role:
 * - `GET /audit`: a page of the audit_entries read model, newest first (`AuditEntryList`, `metadata.continue`);
 * - `GET /audit/stream`: the same entries live, as Server-Sent Events, from the stream head at connection (or after
 *   `Last-Event-ID`), followed by an ordered consumer of the template subjects.
 */
@Injectable()
export class AuditApi implements GatewayRoute {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(PROJECTION_DATABASE) private readonly database: DataSource,
    @Inject(EVENT_REGISTRY) private readonly registry: EventRegistry,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  serves(url: string): boolean {
    return isUnder(url, auditPath);
  }

  async serve(req: IncomingMessage, res: ServerResponse, authenticate: Authenticate): Promise<void> {
    authenticate(req);
    const url = req.url ?? auditPath;
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    if (path !== auditPath && path !== auditStreamPath) throw unknownPath();
    if (req.method !== 'GET') throw methodNotSupported({ group: '', resource: path.slice(1) }, req.method ?? '');
    if (path === auditPath) await this.list(res, params);
    else await this.stream(req, res, params);
  }

  private async list(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const page = await readAuditPage(this.database, gatewayDurables.audit, parseAuditListQuery(params));
    sendJson(res, 200, {
      kind: 'AuditEntryList',
      metadata: { resourceVersion: String(page.checkpoint), ...(page.continueToken ? { continue: page.continueToken } : {}) },
      items: page.entries,
    });
  }

  private async stream(req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> {
    const { filter, after } = parseAuditStreamQuery(params, req.headers['last-event-id']);
    const from = (after ?? (await this.events.lastSequence())) + 1;
    const follower = await followStream(jetstream(this.events.connection), {
      stream: this.events.stream,
      filterSubject: this.subjects.templateFilter(),
      fromSeq: from,
      registry: this.registry,
      onUndecodable: (seq, err) => this.logger.warn({ err, seq }, 'an audit stream skipped a message that is not an event'),
    });
    await streamAuditEntries(res, { follower, from, filter, heartbeatMs: auditHeartbeatMs, logger: this.logger });
  }
}
