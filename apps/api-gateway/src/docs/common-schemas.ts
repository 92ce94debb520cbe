/**
 * The schemas every resource shares (object metadata, lists, Status errors, watch events, patches, discovery
 * documents), in the document's `components.schemas`.
 */
import { componentRef, type OpenApiObject } from './openapi-types.js';

const text = (description: string, extra: OpenApiObject = {}): OpenApiObject => ({ type: 'string', description, ...extra });
const freeObject = (description: string): OpenApiObject => ({ type: 'object', additionalProperties: true, description });
const stringMap: OpenApiObject = { type: 'object', additionalProperties: { type: 'string' } };

export const commonSchemas: Readonly<Record<string, OpenApiObject>> = {
  ObjectMeta: {
    type: 'object',
    description: 'Standard object metadata. The server sets uid, resourceVersion (the stream sequence of the newest event of the object), generation and creationTimestamp.',
    properties: {
      name: text('Unique within the namespace (or the cluster, for cluster-scoped kinds).'),
      generateName: text('A prefix the server completes with a random suffix when name is empty.'),
      namespace: text('Namespaced kinds only; the path decides it.'),
      uid: text('Set by the server.', { readOnly: true }),
      resourceVersion: text('Set by the server; send it back on a replace to fail with 409 Conflict when the object changed meanwhile.'),
      generation: { type: 'integer', readOnly: true },
      creationTimestamp: text('Set by the server.', { format: 'date-time', readOnly: true }),
      deletionTimestamp: text('Set while the object waits for its finalizers.', { format: 'date-time', readOnly: true }),
      labels: stringMap,
      annotations: stringMap,
      finalizers: { type: 'array', items: { type: 'string' } },
      ownerReferences: { type: 'array', items: freeObject('An owner of the object.') },
      managedFields: { type: 'array', items: freeObject('Which field manager owns which fields (server-side apply).') },
    },
  },
  ListMeta: {
    type: 'object',
    properties: { resourceVersion: text('The stream sequence the list was read at: watch from here to see every later change.'), continue: { type: 'string' } },
  },
  KubernetesObject: {
    type: 'object',
    description: 'Any Kubernetes object.',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: componentRef('schemas', 'ObjectMeta'),
      spec: freeObject('The desired state.'),
      status: freeObject('The observed state.'),
    },
  },
  Status: {
    type: 'object',
    description: 'The body of every error (and of some successful deletions).',
    properties: {
      kind: { type: 'string', enum: ['Status'] },
      apiVersion: { type: 'string', enum: ['v1'] },
      metadata: componentRef('schemas', 'ListMeta'),
      status: { type: 'string', enum: ['Success', 'Failure'] },
      message: text('What went wrong and what to fix.'),
      reason: text('NotFound, AlreadyExists, Conflict, Invalid, BadRequest, Unauthorized, Forbidden, MethodNotAllowed, UnsupportedMediaType, Expired …'),
      code: { type: 'integer' },
      details: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          group: { type: 'string' },
          kind: { type: 'string' },
          causes: { type: 'array', items: { type: 'object', properties: { reason: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } } } },
        },
      },
    },
    required: ['kind', 'apiVersion', 'status', 'code'],
  },
  WatchEvent: {
    type: 'object',
    description: 'One line of a watch stream (newline-delimited JSON).',
    properties: {
      type: { type: 'string', enum: ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'] },
      object: { ...freeObject('The object after the change (before it, for DELETED); a Status for ERROR (410 Expired: list again).') },
    },
    required: ['type', 'object'],
  },
  DeleteOptions: {
    type: 'object',
    properties: {
      propagationPolicy: { type: 'string', enum: ['Background', 'Foreground', 'Orphan'] },
      orphanDependents: { type: 'boolean' },
      gracePeriodSeconds: { type: 'integer' },
      preconditions: { type: 'object', properties: { uid: { type: 'string' }, resourceVersion: { type: 'string' } } },
      dryRun: { type: 'array', items: { type: 'string', enum: ['All'] } },
    },
  },
  JsonPatch: {
    type: 'array',
    description: 'An RFC 6902 JSON patch.',
    items: {
      type: 'object',
      properties: {
        op: { type: 'string', enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
        path: text('A JSON pointer (RFC 6901).'),
        from: { type: 'string' },
        value: {},
      },
      required: ['op', 'path'],
    },
  },
  MergePatch: freeObject('An RFC 7386 JSON merge patch (or, where accepted, a strategic merge patch): the fields to change, null to remove.'),
  Scale: {
    type: 'object',
    description: 'autoscaling/v1 Scale: the replicas of a scalable object.',
    properties: {
      apiVersion: { type: 'string', enum: ['autoscaling/v1'] },
      kind: { type: 'string', enum: ['Scale'] },
      metadata: componentRef('schemas', 'ObjectMeta'),
      spec: { type: 'object', properties: { replicas: { type: 'integer' } } },
      status: { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' } } },
    },
  },
  VersionInfo: {
    type: 'object',
    properties: Object.fromEntries(['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform'].map((f) => [f, { type: 'string' }])),
  },
  APIVersions: freeObject('The core group versions (legacy discovery), or aggregated discovery v2 when asked for with its Accept header.'),
  APIGroupList: freeObject('Every API group and its versions (legacy discovery), or aggregated discovery v2 when asked for with its Accept header.'),
  APIGroup: freeObject('One API group: its versions and the preferred one.'),
  APIResourceList: freeObject('The resources of one group version: names, kinds, verbs, short names, categories, subresources.'),
  Table: freeObject('meta.k8s.io Table: the columns of `kubectl get`, one row per object.'),
};
