/**
 * The OpenAPI 3.0 document of the gateway's REST surface, generated from the resources it serves at the moment it
 * is asked (a CRD's kind appears as soon as the CRD is served): discovery, every resource's operations, the audit
 * trail and these documents. `/openapi/v2` and `/openapi/v3` stay the minimal ones kubectl relies on
 * (kube-api-notes §1.4); this document is at `/docs/openapi.json`.
 */
import type { ResourceDefinition } from '@karmada-ts/kube';
import { auditPaths, auditSchemas } from './audit-paths.js';
import { commonSchemas } from './common-schemas.js';
import { componentRef, operationWord, type OpenApiObject } from './openapi-types.js';
import { groupVersionPath, groupVersionTag, resourcePaths, resourceSchemas } from './resource-paths.js';

export interface OpenApiInput {
  /** The served resource versions (ResourceRegistry.all()). */
  readonly definitions: readonly ResourceDefinition[];
  /** What /version reports. */
  readonly kubernetesVersion: string;
  /** Whether users may write a kind's status subresource. */
  readonly statusWritable: (def: ResourceDefinition) => boolean;
}

const description = `The Kubernetes-style API of karmada-ts: Karmada's API groups (cluster.karmada.io, policy.karmada.io, work.karmada.io), the built-in kinds users submit as resource templates, and the kinds of the CustomResourceDefinitions created through it. \`kubectl\` works against it with the admin kubeconfig of the state directory.

**Authentication**: every call except /version, the health checks and /docs needs a bearer token (GATEWAY_TOKEN_FILE, lines \`token,user,role\`; the admin kubeconfig carries the admin token). Use *Authorize* to set it. Role \`view\` may read, \`admin\` may also write.

**Errors** are Kubernetes Status objects with the reason and what to fix. Writes become events on the NATS JetStream event log, described by the AsyncAPI document at [/docs/asyncapi.yaml](/docs/asyncapi.yaml).`;

const parameter = (name: string, location: 'path' | 'query', text: string, schema: OpenApiObject = { type: 'string' }): OpenApiObject => ({
  name,
  in: location,
  required: location === 'path',
  description: text,
  schema,
});

const parameters: Readonly<Record<string, OpenApiObject>> = {
  namespace: parameter('namespace', 'path', 'The namespace.'),
  name: parameter('name', 'path', 'The object name.'),
  labelSelector: parameter('labelSelector', 'query', 'Only objects whose labels match (`app=web,tier!=db`, `env in (a,b)`, `!legacy`).'),
  fieldSelector: parameter('fieldSelector', 'query', 'Only objects whose fields match (`metadata.name=web`, `metadata.namespace!=default`).'),
  watch: parameter('watch', 'query', 'Stream changes instead of listing (`1` or `true`).', { type: 'string', enum: ['1', 'true'] }),
  resourceVersion: parameter('resourceVersion', 'query', 'Watch: stream the changes after this version (a list’s metadata.resourceVersion). Too old a version is 410 Expired.'),
  timeoutSeconds: parameter('timeoutSeconds', 'query', 'Watch: end the stream after this many seconds.', { type: 'integer', minimum: 1 }),
  allowWatchBookmarks: parameter('allowWatchBookmarks', 'query', 'Watch: send BOOKMARK events with the current resourceVersion now and then.', { type: 'boolean' }),
  dryRun: parameter('dryRun', 'query', 'Validate and answer as if written, without writing anything.', { type: 'string', enum: ['All'] }),
  fieldManager: parameter('fieldManager', 'query', 'The writer’s name in managedFields (required for server-side apply).'),
  fieldValidation: parameter('fieldValidation', 'query', 'What to do with unknown fields of kinds with a schema.', { type: 'string', enum: ['Strict', 'Warn', 'Ignore'] }),
  force: parameter('force', 'query', 'Server-side apply: take over fields other managers own instead of answering 409.', { type: 'boolean' }),
  propagationPolicy: parameter('propagationPolicy', 'query', 'How dependents are deleted.', { type: 'string', enum: ['Background', 'Foreground', 'Orphan'] }),
  orphanDependents: parameter('orphanDependents', 'query', 'Deprecated form of propagationPolicy=Orphan.', { type: 'boolean' }),
};

const status = (text: string): OpenApiObject => ({ description: text, content: { 'application/json': { schema: componentRef('schemas', 'Status') } } });
const responses: Readonly<Record<string, OpenApiObject>> = {
  '400': status('BadRequest: the request is malformed.'),
  '401': status('Unauthorized: no valid bearer token.'),
  '403': status('Forbidden: the token’s role may not do this.'),
  '404': status('NotFound: no such object (or namespace, or resource).'),
  '409': status('AlreadyExists, or Conflict: the object changed since the given resourceVersion (read it again and retry), or server-side apply conflicts.'),
  '415': status('UnsupportedMediaType: this patch type is not accepted for the kind.'),
  '422': status('Invalid: the object breaks the kind’s rules; details.causes name the fields.'),
  Error: status('Any other Status error.'),
};

const json = (schema: OpenApiObject): OpenApiObject => ({ 'application/json': { schema } });
const publicRead = (tag: string, operationId: string, summary: string, content: OpenApiObject): OpenApiObject => ({
  get: { tags: [tag], operationId, summary, security: [], responses: { '200': { description: 'OK', content } } },
});
const discoveryRead = (operationId: string, summary: string, schema: string, extra: OpenApiObject = {}): OpenApiObject => ({
  get: { tags: ['discovery'], operationId, summary, ...extra, responses: { '200': { description: 'OK', content: json(componentRef('schemas', schema)) }, '401': componentRef('responses', '401'), default: componentRef('responses', 'Error') } },
});

function discoveryPaths(definitions: readonly ResourceDefinition[]): Record<string, OpenApiObject> {
  const paths: Record<string, OpenApiObject> = {
    '/version': publicRead('discovery', 'getVersion', 'The Kubernetes version the API reports (kubectl picks its client version from it)', json(componentRef('schemas', 'VersionInfo'))),
    '/healthz': publicRead('discovery', 'getHealth', 'Health check', { 'text/plain': { schema: { type: 'string', enum: ['ok'] } } }),
    '/readyz': publicRead('discovery', 'getReadiness', 'Readiness check', { 'text/plain': { schema: { type: 'string', enum: ['ok'] } } }),
    '/livez': publicRead('discovery', 'getLiveness', 'Liveness check', { 'text/plain': { schema: { type: 'string', enum: ['ok'] } } }),
    '/api': discoveryRead('getCoreAPIVersions', 'The core API versions', 'APIVersions', {
      description: 'Accept `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList` gives aggregated discovery of every core resource.',
    }),
    '/apis': discoveryRead('getAPIGroups', 'The API groups and their versions', 'APIGroupList', {
      description: 'Accept `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList` gives aggregated discovery of every resource.',
    }),
  };
  for (const def of definitions) {
    if (def.group) paths[`/apis/${def.group}`] ??= discoveryRead(`getAPIGroup${operationWord(def.group)}`, `The versions of ${def.group}`, 'APIGroup');
    const path = groupVersionPath(def);
    paths[path] ??= discoveryRead(`getAPIResources${operationWord(def.group || 'core')}${operationWord(def.version)}`, `The resources of ${groupVersionTag(def)}`, 'APIResourceList');
  }
  return paths;
}

const docsPaths: Readonly<Record<string, OpenApiObject>> = {
  '/docs/openapi.json': publicRead('docs', 'getOpenApiDocument', 'This document', json({ type: 'object' })),
  '/docs/asyncapi.yaml': publicRead('docs', 'getAsyncApiDocument', 'The AsyncAPI document of the NATS subjects and event payloads', { 'application/yaml': { schema: { type: 'string' } } }),
};

export function openApiDocument(input: OpenApiInput): OpenApiObject {
  const definitions = [...input.definitions];
  const resourceTags = [...new Set(definitions.map(groupVersionTag))];
  const paths: Record<string, OpenApiObject> = { ...discoveryPaths(definitions) };
  const schemas: Record<string, OpenApiObject> = { ...commonSchemas, ...auditSchemas };
  for (const def of definitions) {
    Object.assign(paths, resourcePaths(def, { statusWritable: input.statusWritable(def) }));
    Object.assign(schemas, resourceSchemas(def));
  }
  Object.assign(paths, auditPaths, docsPaths);
  return {
    openapi: '3.0.3',
    info: { title: 'karmada-ts API gateway', version: input.kubernetesVersion, description },
    servers: [{ url: '/' }],
    security: [{ bearerToken: [] }],
    tags: [
      { name: 'discovery', description: 'Version, health and API discovery.' },
      ...resourceTags.map((name) => ({
        name,
        description: definitions
          .filter((d) => groupVersionTag(d) === name)
          .map((d) => d.kind)
          .join(', '),
      })),
      { name: 'audit', description: 'Who changed what, from the event log.' },
      { name: 'docs', description: 'These documents (no token needed).' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A token of GATEWAY_TOKEN_FILE (the admin kubeconfig in the state directory carries one).' },
      },
      parameters,
      responses,
      schemas,
    },
  };
}
