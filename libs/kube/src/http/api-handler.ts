import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../api/object.js';
import type { DeleteOptions, FieldValidation, PropagationPolicy, RequestContext, RequestOptions, Subresource } from '../api/request-options.js';
import type { KubeList, ResourceService } from '../api/resource-service.js';
import { parseLimit } from '../api/list-pages.js';
import { badRequest, isKubeStatusError, methodNotSupported, notAcceptable, toStatusError, unknownPath, unsupportedMediaType } from '../api/status.js';
import {
  aggregatedDiscovery,
  aggregatedDiscoveryContentType,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from '../discovery/discovery-documents.js';
import { apiVersionOf, groupResourceOf, type ResourceDefinition } from '../discovery/resource-definition.js';
import { buildTable } from '../printers/table.js';
import { assertNever } from '../util/assert-never.js';
import { isJsonObject } from '../util/json.js';
import { protobufContentType } from '../protobuf/kube-protobuf.js';
import { decodeBody, decodeProtobufBody, readBody } from './body.js';
import { acceptsJson, bodyContentTypes, parseAccept, parseMediaType, patchContentTypes, responseShape, wantsAggregatedDiscovery, type ResponseShape } from './negotiation.js';
import { parseApiPath, type ApiRoute } from './request-path.js';
import { sendJsonList } from './json-list-response.js';
import { sendJson, sendStatus, sendText } from './respond.js';
import { streamWatch, writeWatchError } from './watch-stream.js';

/** What /version answers (kube-api-notes §1.2: the minor decides which kubectl the dispatcher runs). */
export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export function versionInfo(gitVersion: string): VersionInfo {
  const match = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: match?.[1] ?? '1',
    minor: match?.[2] ?? '32',
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export interface KubeApiHandlerOptions {
  service: ResourceService;
  version: VersionInfo;
  /** /healthz, /readyz, /livez answer `ok` when this says so, 500 otherwise (default: always healthy). */
  health?: (check: 'healthz' | 'readyz' | 'livez') => boolean;
  /** Request bodies above this are 413 (default 3 MiB, the apiserver's limit). */
  maxBodyBytes?: number;
  watch?: {
    /** Upper bound of a watch's life; clients then re-watch from their last version (default 1800 s). */
    maxTimeoutSeconds?: number;
    bookmarkIntervalMs?: number;
  };
  /** Serve aggregated discovery v2 to clients that ask for it (default true). */
  aggregatedDiscovery?: boolean;
  /**
   * Identifies the caller of every request except /version and the health checks; throw a KubeStatusError
   * (`unauthorized()`) to refuse. The context reaches the store with every write. Without it nobody is asked.
   */
  authenticate?: (req: IncomingMessage) => RequestContext | Promise<RequestContext>;
  /** Decides whether the authenticated caller may do this; throw a KubeStatusError (`forbidden(…)`) to refuse. */
  authorize?: (context: RequestContext, attributes: ResourceAttributes) => void | Promise<void>;
}

/** What a resource request does, as Kubernetes authorizers see it. */
export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource: string | undefined;
  /** Undefined for cluster-scoped resources and requests across all namespaces. */
  namespace: string | undefined;
  name: string | undefined;
}

/**
 * A plain node:http request handler serving the Kubernetes API of one ResourceService. `path` (path and query,
 * relative to where the handler is mounted) defaults to req.url, so the handler can live under a prefix or inside
 * Express/NestJS: `app.use('/k8s', (req, res) => handler(req, res))`.
 */
export type KubeApiHandler = (req: IncomingMessage, res: ServerResponse, path?: string) => Promise<void>;

const defaultMaxBody = 3 * 1024 * 1024;
const watchParam = new Set(['1', 'true']);

export function createKubeApiHandler(options: KubeApiHandlerOptions): KubeApiHandler {
  const { service } = options;
  const maxBody = options.maxBodyBytes ?? defaultMaxBody;
  const maxWatchSeconds = options.watch?.maxTimeoutSeconds ?? 1800;
  const aggregated = options.aggregatedDiscovery ?? true;
  const versionJson = JSON.stringify(options.version);

  return async (req, res, path = req.url ?? '/') => {
    try {
      const q = path.indexOf('?');
      const route = parseApiPath(q < 0 ? path : path.slice(0, q));
      const query = new URLSearchParams(q < 0 ? '' : path.slice(q + 1));
      const context = options.authenticate && !isPublic(route) ? await options.authenticate(req) : undefined;
      await serve(req, res, route, query, context);
    } catch (error) {
      if (!isKubeStatusError(error)) console.error('kube api handler:', error);
      sendStatus(res, toStatusError(error));
    }
  };

  async function serve(req: IncomingMessage, res: ServerResponse, route: ApiRoute, query: URLSearchParams, context: RequestContext | undefined): Promise<void> {
    const accept = parseAccept(req.headers.accept);
    switch (route.kind) {
      case 'version':
        return sendJson(res, 200, versionJson);
      case 'health': {
        const ok = options.health ? options.health(route.check) : true;
        return sendText(res, ok ? 200 : 500, ok ? 'ok' : `[-]${route.check === 'livez' ? 'ping' : 'etcd'} failed: reason withheld\n${route.check} check failed`);
      }
      case 'openapi':
        if (route.version === 'v3') throw unknownPath();
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '0' });
        res.end();
        return;
      case 'core-versions':
        if (aggregated && wantsAggregatedDiscovery(accept)) return sendJson(res, 200, cachedJson('aggregated:core', () => aggregatedDiscovery(service.registry, 'core')), aggregatedDiscoveryContentType);
        return sendJson(res, 200, apiVersions(req.headers.host ?? '127.0.0.1'));
      case 'groups':
        if (aggregated && wantsAggregatedDiscovery(accept)) return sendJson(res, 200, cachedJson('aggregated:apis', () => aggregatedDiscovery(service.registry, 'apis')), aggregatedDiscoveryContentType);
        return sendJson(res, 200, cachedJson('groups', () => apiGroupList(service.registry)));
      case 'group': {
        const group = apiGroup(service.registry, route.group);
        if (!group) throw unknownPath();
        return sendJson(res, 200, group);
      }
      case 'resource-list': {
        const list = cachedJson(`resources:${route.group}/${route.version}`, () => apiResourceList(service.registry, route.group, route.version));
        if (list === undefined) throw unknownPath();
        return sendJson(res, 200, list);
      }
      case 'resource':
        return serveResource(req, res, route, query, accept, context);
      case 'unknown':
        throw unknownPath();
      default:
        return assertNever(route, 'route');
    }
  }

  /** Serialised discovery documents, cached with the registry's revision. */
  function cachedJson(key: string, compute: () => object | undefined): string | undefined {
    return service.registry.cached(`json:${key}`, () => {
      const doc = compute();
      return doc === undefined ? undefined : JSON.stringify(doc);
    });
  }

  async function serveResource(
    req: IncomingMessage,
    res: ServerResponse,
    route: Extract<ApiRoute, { kind: 'resource' }>,
    query: URLSearchParams,
    accept: ReturnType<typeof parseAccept>,
    context: RequestContext | undefined,
  ): Promise<void> {
    const def = service.resolve(route.group, route.version, route.plural);
    if (!def) throw unknownPath();
    if (context && options.authorize) {
      await options.authorize(context, {
        verb: verbOf(req.method ?? 'GET', route.name !== undefined, watchParam.has(query.get('watch') ?? '')),
        group: def.group,
        resource: def.plural,
        subresource: route.subresource,
        namespace: def.namespaced ? route.namespace : undefined,
        name: route.name,
      });
    }
    if (!acceptsJson(accept)) throw notAcceptable(['application/json', 'application/yaml']);
    if (def.namespaced && route.name === undefined && route.namespace === undefined && req.method !== 'GET') throw unknownPath();
    if (!def.namespaced && route.namespace !== undefined) throw unknownPath();
    const subresource = subresourceOf(def, route.subresource);
    const namespace = route.namespace ?? '';
    const shape = responseShape(accept);
    const requestOptions = readRequestOptions(query);
    if (context) requestOptions.context = context;
    const selectors = { labelSelector: query.get('labelSelector') ?? undefined, fieldSelector: query.get('fieldSelector') ?? undefined };
    const method = req.method ?? 'GET';

    if (route.name === undefined) {
      switch (method) {
        case 'GET':
          if (watchParam.has(query.get('watch') ?? '')) return watch(req, res, def, route.namespace, query, shape);
          return sendShaped(
            res,
            200,
            def,
            await service.list(def, route.namespace, selectors, { limit: parseLimit(query.get('limit')), continue: query.get('continue') ?? undefined }),
            shape,
          );
        case 'POST': {
          const body = await readObjectBody(req, false);
          return sendJson(res, 201, await service.create(def, namespace, body, requestOptions), undefined, requestOptions.warnings);
        }
        case 'DELETE': {
          const deleteOptions = await readDeleteOptions(req, query);
          return sendJson(res, 200, await service.deleteCollection(def, route.namespace, selectors, deleteOptions, requestOptions));
        }
        default:
          throw methodNotSupported(groupResourceOf(def), method.toLowerCase());
      }
    }

    const name = route.name;
    switch (method) {
      case 'GET':
        return sendShaped(res, 200, def, await service.get(def, namespace, name, subresource), subresource === 'scale' ? { kind: 'object' } : shape);
      case 'PUT': {
        const body = await readObjectBody(req, false);
        return sendJson(res, 200, await service.update(def, namespace, name, body, { ...requestOptions, ...(subresource ? { subresource } : {}) }), undefined, requestOptions.warnings);
      }
      case 'PATCH': {
        const contentType = parseMediaType(req.headers['content-type'] ?? '').type;
        const type = patchContentTypes[contentType];
        if (!type) throw unsupportedMediaType(def.strategicMerge ? Object.keys(patchContentTypes) : Object.keys(patchContentTypes).filter((t) => !t.includes('strategic')));
        const body = decodeBody(await readBody(req, maxBody), type === 'apply');
        const force = query.get('force') === 'true';
        const result = await service.patch(def, namespace, name, type, body, { ...requestOptions, force, ...(subresource ? { subresource } : {}) });
        return sendJson(res, result.created ? 201 : 200, result.object, undefined, requestOptions.warnings);
      }
      case 'DELETE': {
        if (subresource) throw methodNotSupported(groupResourceOf(def), 'delete');
        const deleteOptions = await readDeleteOptions(req, query);
        const result = await service.delete(def, namespace, name, deleteOptions, requestOptions);
        return sendJson(res, 200, result.kind === 'deleted' ? result.status : result.object);
      }
      default:
        throw methodNotSupported(groupResourceOf(def), method.toLowerCase());
    }
  }

  async function watch(req: IncomingMessage, res: ServerResponse, def: ResourceDefinition, namespace: string | undefined, query: URLSearchParams, shape: ResponseShape): Promise<void> {
    const resourceVersion = query.get('resourceVersion') ?? undefined;
    const selectors = { labelSelector: query.get('labelSelector') ?? undefined, fieldSelector: query.get('fieldSelector') ?? undefined };
    let events;
    try {
      events = await service.watch(def, namespace, { ...selectors, ...(resourceVersion !== undefined ? { resourceVersion } : {}) });
    } catch (error) {
      if (isKubeStatusError(error) && error.code === 410) return writeWatchError(res, error.status);
      throw error;
    }
    const requested = Number(query.get('timeoutSeconds') ?? NaN);
    const seconds = Number.isFinite(requested) && requested > 0 ? Math.min(requested, maxWatchSeconds) : maxWatchSeconds;
    const bookmarks = query.get('allowWatchBookmarks') === 'true';
    await streamWatch(req, res, events, {
      timeoutMs: seconds * 1000,
      now: () => service.now(),
      ...(shape.kind === 'table' ? { table: { printer: def.table, apiVersion: shape.apiVersion } } : {}),
      ...(shape.kind === 'metadata' ? { metadataApiVersion: shape.apiVersion } : {}),
      ...(bookmarks
        ? {
            bookmark: {
              intervalMs: options.watch?.bookmarkIntervalMs ?? 60_000,
              apiVersion: apiVersionOf(def),
              kind: def.kind,
              initialResourceVersion: resourceVersion && resourceVersion !== '0' ? resourceVersion : await service.store.currentResourceVersion(),
            },
          }
        : {}),
    });
  }

  async function sendShaped(
    res: ServerResponse,
    code: number,
    def: ResourceDefinition,
    body: KubeObject | KubeList,
    shape: ResponseShape,
  ): Promise<void> {
    const isList = Array.isArray(body.items);
    const items: KubeObject[] = isList ? (body.items as KubeObject[]) : [body as KubeObject];
    const { resourceVersion } = body.metadata;
    const next = isList ? (body as KubeList).metadata.continue : undefined;
    if (shape.kind === 'table') {
      const table = buildTable(def.table, items, {
        apiVersion: shape.apiVersion,
        includeObject: 'Metadata',
        now: service.now(),
        ...(resourceVersion !== undefined ? { resourceVersion } : {}),
        ...(next !== undefined ? { continue: next } : {}),
      });
      return sendJsonList(res, code, table, 'rows');
    }
    if (shape.kind === 'metadata') {
      const partial = (o: KubeObject): object => ({ kind: 'PartialObjectMetadata', apiVersion: shape.apiVersion, metadata: o.metadata });
      if (isList) return sendJsonList(res, code, { kind: 'PartialObjectMetadataList', apiVersion: shape.apiVersion, metadata: body.metadata, items: items.map(partial) }, 'items');
      return sendJson(res, code, partial(body as KubeObject));
    }
    return isList ? sendJsonList(res, code, body, 'items') : sendJson(res, code, body);
  }

  async function readObjectBody(req: IncomingMessage, allowEmpty: boolean): Promise<unknown> {
    const contentType = parseMediaType(req.headers['content-type'] ?? 'application/json').type;
    if (contentType && !bodyContentTypes.includes(contentType) && contentType !== '*/*') throw unsupportedMediaType(bodyContentTypes);
    const raw = await readBody(req, maxBody);
    const body = contentType === protobufContentType ? decodeProtobufBody(raw) : decodeBody(raw, contentType === 'application/yaml');
    if (body === undefined && !allowEmpty) throw badRequest('the request body is empty');
    return body;
  }

  async function readDeleteOptions(req: IncomingMessage, query: URLSearchParams): Promise<DeleteOptions> {
    const body = decodeBody(await readBody(req, maxBody), false);
    const fromBody: DeleteOptions = isJsonObject(body) ? (body as DeleteOptions) : {};
    const propagation = query.get('propagationPolicy');
    const out: DeleteOptions = { ...fromBody };
    if (propagation) {
      if (!['Background', 'Foreground', 'Orphan'].includes(propagation)) throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(propagation)}`);
      out.propagationPolicy = propagation as PropagationPolicy;
    }
    if (query.get('orphanDependents') !== null) out.orphanDependents = query.get('orphanDependents') === 'true';
    return out;
  }
}

/** /version and the health checks answer anyone, as the apiserver's public-info-viewer role allows. */
function isPublic(route: ApiRoute): boolean {
  return route.kind === 'version' || route.kind === 'health';
}

/** The Kubernetes verb of a request: the HTTP method, refined by whether it names an object or watches. */
function verbOf(method: string, named: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return named ? 'get' : watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

function subresourceOf(def: ResourceDefinition, name: string | undefined): Subresource | undefined {
  if (name === undefined) return undefined;
  if (name === 'status' && def.subresources.status) return 'status';
  if (name === 'scale' && def.subresources.scale) return 'scale';
  throw unknownPath();
}

function readRequestOptions(query: URLSearchParams): RequestOptions & { warnings: string[] } {
  const dryRun = query.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(dryRun.find((d) => d !== 'All'))}: supported values: "All"`);
  const fieldValidation = query.get('fieldValidation');
  if (fieldValidation !== null && !['Strict', 'Warn', 'Ignore'].includes(fieldValidation))
    throw badRequest(`fieldValidation: Unsupported value: ${JSON.stringify(fieldValidation)}: supported values: "Ignore", "Strict", "Warn"`);
  const options: RequestOptions & { warnings: string[] } = { warnings: [] };
  if (dryRun.length > 0) options.dryRun = true;
  const fieldManager = query.get('fieldManager');
  if (fieldManager) options.fieldManager = fieldManager;
  if (fieldValidation) options.fieldValidation = fieldValidation as FieldValidation;
  return options;
}
