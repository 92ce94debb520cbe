/**
 * The audit trail endpoints: who changed what, read from the event log. Both take the same filters; `/audit` pages
 * through the recorded entries, `/audit/stream` follows new ones as server-sent events.
 */
import { componentRef, type OpenApiObject } from './openapi-types.js';

const filter = (name: string, description: string, extra: OpenApiObject = {}): OpenApiObject => ({ name, in: 'query', required: false, description, schema: { type: 'string', ...extra } });

const filters: readonly OpenApiObject[] = [
  filter('user', 'Only changes by this user (`alice`, or a system identity such as `system:policy-svc`).'),
  filter('kind', 'Only changes of objects of this kind (`Deployment`).'),
  filter('resource', 'Only changes of this resource: plural (`deployments`) or group-qualified (`deployments.apps`).'),
  filter('namespace', 'Only changes in this namespace.'),
  filter('name', 'Only changes of objects with this name.'),
  filter('since', 'Only changes at or after this time (RFC 3339).', { format: 'date-time' }),
  filter('until', 'Only changes before this time (RFC 3339).', { format: 'date-time' }),
];

export const auditSchemas: Readonly<Record<string, OpenApiObject>> = {
  AuditEntry: {
    type: 'object',
    description: "One accepted change of an API object: who changed which object, when, in which request. Never the object's content.",
    properties: {
      resourceVersion: { type: 'string', description: 'The stream sequence of the change (the SSE event id).' },
      time: { type: 'string', format: 'date-time' },
      user: { type: 'string', description: 'The authenticated user, or the system identity that wrote on its own.' },
      requestId: { type: 'string', description: 'The Audit-Id of the API request that started the change.' },
      eventId: { type: 'string', description: 'The id of the event on the log.' },
      verb: { type: 'string', enum: ['create', 'update', 'delete'] },
      subresource: { type: 'string', description: 'Set when the write came through a subresource (status, scale).' },
      group: { type: 'string' },
      version: { type: 'string' },
      resource: { type: 'string', description: 'Plural resource name.' },
      kind: { type: 'string' },
      namespace: { type: 'string', description: 'Absent for cluster-scoped objects.' },
      name: { type: 'string' },
      uid: { type: 'string' },
    },
    required: ['resourceVersion', 'time', 'user', 'requestId', 'eventId', 'verb', 'group', 'version', 'resource', 'kind', 'name'],
  },
  AuditEntryList: {
    type: 'object',
    properties: {
      kind: { type: 'string', enum: ['AuditEntryList'] },
      items: { type: 'array', items: componentRef('schemas', 'AuditEntry') },
      metadata: {
        type: 'object',
        properties: {
          resourceVersion: { type: 'string', description: 'Every change up to this version is in the list: follow /audit/stream from here (Last-Event-ID).' },
          continue: { type: 'string', description: 'Pass as `continue` to read the next (older) page; absent on the last page.' },
        },
      },
    },
    required: ['kind', 'items', 'metadata'],
  },
};

export const auditPaths: Readonly<Record<string, OpenApiObject>> = {
  '/audit': {
    get: {
      tags: ['audit'],
      operationId: 'listAuditEntries',
      summary: 'Who changed what: the recorded changes that match the filters, newest first, a page at a time',
      parameters: [
        ...filters,
        { name: 'limit', in: 'query', required: false, description: 'At most this many entries per page (default 100).', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        { name: 'continue', in: 'query', required: false, description: 'The `metadata.continue` of the previous page.', schema: { type: 'string' } },
      ],
      responses: {
        '200': { description: 'A page of entries.', content: { 'application/json': { schema: componentRef('schemas', 'AuditEntryList') } } },
        '400': componentRef('responses', '400'),
        '401': componentRef('responses', '401'),
        '403': componentRef('responses', '403'),
        default: componentRef('responses', 'Error'),
      },
    },
  },
  '/audit/stream': {
    get: {
      tags: ['audit'],
      operationId: 'streamAuditEntries',
      summary: 'Follow the recorded changes that match the filters as they happen',
      description:
        'Server-sent events (text/event-stream) from the head of the log: one event per change, its id the resourceVersion and its data the JSON of an AuditEntry; a comment now and then keeps the connection open. A reconnecting client sends `Last-Event-ID` to resume after that version.',
      parameters: [...filters, { name: 'Last-Event-ID', in: 'header', required: false, description: 'Resume after this resourceVersion.', schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The stream of entries.', content: { 'text/event-stream': { schema: { type: 'string', description: 'Lines `data: <AuditEntry JSON>` separated by blank lines.' } } } },
        '400': componentRef('responses', '400'),
        '401': componentRef('responses', '401'),
        '403': componentRef('responses', '403'),
        default: componentRef('responses', 'Error'),
      },
    },
  },
};
