import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { asyncApiYaml } from '@karmada-ts/contracts';
import { KubeStatusError, sendStatus, unknownPath, type ResourceDefinition, type ResourceRegistry } from '@karmada-ts/kube';
import { shapeOf } from '../store/object-shape.js';
import { isUnder, type GatewayRoute } from '../server/gateway-route.js';
import { openApiDocument } from './openapi-document.js';
import { swaggerUiAssets, swaggerUiDirectory, swaggerUiInitializer, swaggerUiPage } from './swagger-ui.js';

const prefix = '/docs';
const openApiPath = `${prefix}/openapi.json`;

/** Users may write the status of a kind unless a controller reports it on an aggregate of its own. */
function statusWritable(def: ResourceDefinition): boolean {
  return !shapeOf(def).parts.some((part) => part.ownsStatus);
}

const readOnly = new KubeStatusError({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  reason: 'MethodNotAllowed',
  message: 'the API documentation can only be read: use GET',
  code: 405,
});

/**
 * The API documentation under `/docs`: Swagger UI, the OpenAPI document of the REST surface (generated from the
 * served kinds, recomputed when they change) and the AsyncAPI document of the event log. All of it is public, like
 * /version: the documents describe the API, they hold no data; the calls Swagger UI makes need a token (Authorize).
 */
export class ApiDocs implements GatewayRoute {
  private readonly uiDirectory = swaggerUiDirectory();
  private readonly assets = swaggerUiAssets(this.uiDirectory);
  private readonly page = swaggerUiPage(prefix);
  private readonly initializer = swaggerUiInitializer(openApiPath);
  private asyncApi: string | undefined;

  constructor(private readonly options: { readonly registry: ResourceRegistry; readonly kubernetesVersion: string }) {}

  serves(url: string): boolean {
    return isUnder(url, prefix);
  }

  /** Public: no authentication. */
  serve(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, readOnly);
    const send = (type: string, body: string) => this.send(req, res, type, body);
    switch (path) {
      case prefix:
      case `${prefix}/`:
      case `${prefix}/index.html`:
        return send('text/html; charset=utf-8', this.page);
      case `${prefix}/swagger-initializer.js`:
        return send('text/javascript; charset=utf-8', this.initializer);
      case openApiPath:
        return send('application/json', this.openApiJson());
      case `${prefix}/asyncapi.yaml`:
        this.asyncApi ??= asyncApiYaml();
        return send('application/yaml; charset=utf-8', this.asyncApi);
    }
    const file = path.slice(prefix.length + 1);
    const type = this.assets.get(file);
    if (!type) return sendStatus(res, unknownPath());
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(join(this.uiDirectory, file))
      .on('error', (error) => res.destroy(error))
      .pipe(res);
  }

  /** The OpenAPI document of what is served now, rebuilt only after the served kinds change. */
  private openApiJson(): string {
    const { registry, kubernetesVersion } = this.options;
    return registry.cached('docs:openapi.json', () => JSON.stringify(openApiDocument({ definitions: registry.all(), kubernetesVersion, statusWritable })));
  }

  private send(req: IncomingMessage, res: ServerResponse, type: string, body: string): void {
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
