import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createKubeApiHandler, isKubeStatusError, sendStatus, toStatusError, versionInfo } from '@karmada-ts/kube';
import type { Logger } from '@karmada-ts/operability';
import { SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { AuditApi } from '../audit/audit-api.js';
import { authorize, TokenAuthenticator } from '../auth/authorization.js';
import { loadTokens } from '../auth/token-store.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { ApiDocs } from '../docs/api-docs.js';
import { ExplainApi } from '../explain/explain-api.js';
import { GATEWAY_CONFIG } from '../gateway-config.provider.js';
import { KubeApi } from '../kube-api.js';
import { PreviewApi } from '../preview/preview-api.js';
import { loadGatewayTls } from '../tls/gateway-tls.js';
import { kubeconfigYaml } from './admin-kubeconfig.js';
import type { Authenticate, GatewayRoute } from './gateway-route.js';
import { replaceFile } from './state-files.js';

/** What /version reports: kubectl's dispatcher runs the kubectl of this minor (kube-api-notes §0.1). */
export const servedKubernetesVersion = 'v1.32.5';

/**
 * Serves the Kubernetes API over HTTPS on GATEWAY_PORT (health, readiness and metrics stay on HTTP_PORT): bearer
 * tokens from the token file, `admin` and `view` roles, an `Audit-Id` per request that becomes the correlation id
 * of the events it appends. Writes the admin kubeconfig into the state directory once it listens.
 */
@Injectable()
export class KubeApiServer implements OnApplicationBootstrap, OnModuleDestroy {
  private server: Server | undefined;
  private boundPort = 0;

  constructor(
    @Inject(KubeApi) private readonly api: KubeApi,
    @Inject(AuditApi) private readonly audit: AuditApi,
    @Inject(ExplainApi) private readonly explain: ExplainApi,
    @Inject(PreviewApi) private readonly preview: PreviewApi,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** The port the API listens on (the configured one, or the free one picked for 0). */
  get port(): number {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const tls = loadGatewayTls({ stateDir: this.config.stateDir, certFile: this.config.tlsCertFile, keyFile: this.config.tlsKeyFile });
    const tokens = loadTokens(this.config.tokenFile);
    const authenticator = new TokenAuthenticator(tokens);
    const requestIds = new WeakMap<IncomingMessage, string>();
    const authenticate: Authenticate = (req) => authenticator.authenticate(req.headers.authorization, requestIds.get(req) ?? randomUUID());
    const handler = createKubeApiHandler({ service: this.api.service, version: versionInfo(servedKubernetesVersion), authenticate, authorize });
    const docs = new ApiDocs({ registry: this.api.service.registry, kubernetesVersion: servedKubernetesVersion });
    const routes: readonly GatewayRoute[] = [docs, this.audit, this.explain, this.preview];
    const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
      const requestId = randomUUID();
      const started = performance.now();
      requestIds.set(req, requestId);
      res.setHeader('Audit-Id', requestId);
      res.on('finish', () => {
        this.logger.debug({ requestId, method: req.method, path: req.url?.split('?')[0], code: res.statusCode, ms: Math.round(performance.now() - started) }, 'api request');
      });
      const route = routes.find((r) => r.serves(req.url ?? '/'));
      if (!route) return void handler(req, res);
      Promise.resolve(route.serve(req, res, authenticate)).catch((err: unknown) => {
        if (!isKubeStatusError(err)) this.logger.error({ err, requestId, path: req.url?.split('?')[0] }, 'gateway route failed');
        if (!res.headersSent) sendStatus(res, toStatusError(err));
        else res.destroy();
      });
    });
    // Longer than clients keep idle connections (Go's 90 s), so the server never closes one a client is reusing.
    server.keepAliveTimeout = 95_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.port, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    const admin = tokens.find((t) => t.role === 'admin');
    if (admin) {
      const server = `https://127.0.0.1:${this.boundPort}`;
      replaceFile(this.config.kubeconfigFile, kubeconfigYaml({ server, caPem: tls.caPem, user: admin.user, token: admin.token }));
    } else this.logger.warn({ tokenFile: this.config.tokenFile }, 'no admin token: the admin kubeconfig is not written');
    this.logger.info({ gatewayPort: this.boundPort, kubeconfigPath: admin ? this.config.kubeconfigFile : undefined }, 'Kubernetes API serving');
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Watches never end on their own: cut every connection, which closes their stream consumers.
    server.closeAllConnections();
    await closed;
  }
}
