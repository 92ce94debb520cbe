import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { KubeConfig } from '#client-node-config';
import { LineSplitter } from './line-splitter.js';
import { apiError, MemberError } from './member-error.js';
import { MemberConfigError } from './member-kubeconfig.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface MemberRequest {
  method?: HttpMethod;
  /** The API path, e.g. /apis/apps/v1/namespaces/default/deployments/web (the server's own path prefix is added). */
  path: string;
  query?: Readonly<Record<string, string | undefined>>;
  body?: string;
  contentType?: string;
  /** The Accept header (default application/json). */
  accept?: string;
  /** Deadline of the whole exchange, from connecting to the last byte (default: the client's). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface MemberResponse {
  status: number;
  /** The body of a buffered answer; empty for a stream that was answered with 200. */
  body: string;
  /** The answer's Content-Type, when it named one. */
  contentType?: string;
}

export interface MemberClientOptions {
  /** Default request deadline (default 10 s). */
  timeoutMs?: number;
  /** Idle keep-alive connections kept to the member (default 4). */
  maxFreeSockets?: number;
}

const defaultTimeoutMs = 10_000;
const userAgent = 'karmada-ts/member-access';

/**
 * HTTP(S) to one member's API server with the credentials, TLS settings and proxy of a client-node KubeConfig, and
 * plain JSON in and out. client-node's KubernetesObjectApi is not used for objects because it reshapes every body
 * through the typed model of `<version><Kind>`: fields unknown to its models are dropped, and a custom kind that shares
 * a built-in's version and kind name (Knative's serving.knative.dev/v1 Service) loses its whole spec.
 *
 * Every request has a deadline, so a member that hangs costs its caller a bounded time. Connections are kept alive
 * (one TLS handshake per connection, not per request); a request that meets a kept-alive connection the server had
 * just closed is retried once on a fresh one, unless it is a POST.
 */
export class MemberClient {
  readonly server: string;
  private readonly secure: boolean;
  private readonly proxied: boolean;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  /** Whether the KubeConfig's TLS and auth options stay the same from request to request (see requestOptions). */
  private readonly fixedOptions: boolean;
  private builtOptions: Promise<https.RequestOptions> | undefined;
  private closed = false;

  constructor(
    private readonly kubeConfig: KubeConfig,
    options: MemberClientOptions = {},
  ) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new MemberConfigError('the kubeconfig has no current cluster');
    this.server = cluster.server.replace(/\/+$/, '');
    this.secure = this.server.startsWith('https:');
    this.proxied = Boolean(cluster.proxyUrl);
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const agentOptions = { keepAlive: true, maxFreeSockets: options.maxFreeSockets ?? 4 };
    this.agent = this.secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    const user = kubeConfig.getCurrentUser();
    this.fixedOptions = !this.proxied && !user?.exec && !user?.authProvider;
  }

  /** One request with its whole answer; a non-2xx answer is returned, not thrown. */
  send(request: MemberRequest): Promise<MemberResponse> {
    return this.perform(request, undefined, false);
  }

  /** One request whose 2xx answer is JSON; anything else throws a MemberError. */
  async json<T>(request: MemberRequest): Promise<T> {
    const response = await this.send(request);
    if (response.status < 200 || response.status > 299) throw apiError(response.status, response.body, `${request.method ?? 'GET'} ${request.path}`);
    return JSON.parse(response.body) as T;
  }

  /**
   * A streaming request (a watch): each line of a 200 answer goes to `onLine` as it arrives; resolves when the server
   * ends the stream. Any other status resolves at once with its body. An exception from onLine ends the stream with it.
   */
  stream(request: MemberRequest, onLine: (line: string) => void): Promise<MemberResponse> {
    return this.perform(request, onLine, false);
  }

  /** Drops the kept-alive connections; requests after this fail. */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  /**
   * The TLS and auth options of a request. A static token or certificate gives the same options every time, so they
   * are built once, with one TLS context for every connection to the member (building them, a throwaway agent and
   * the parsed CA bundle included, is a good part of a small request's cost); tokens from an exec plugin or auth
   * provider expire and a proxy gets a fresh agent per request, so those are built for every request.
   */
  private requestOptions(): Promise<https.RequestOptions> {
    const build = async (): Promise<https.RequestOptions> => {
      const options: https.RequestOptions = {};
      await this.kubeConfig.applyToHTTPSOptions(options);
      return options;
    };
    if (!this.fixedOptions) return build();
    this.builtOptions ??= build().then(({ agent: _unused, ca, cert, key, pfx, passphrase, ...rest }) =>
      this.secure ? { ...rest, secureContext: tls.createSecureContext({ ca, cert, key, pfx, passphrase }) } : rest,
    );
    return this.builtOptions;
  }

  private async perform(request: MemberRequest, onLine: ((line: string) => void) | undefined, isRetry: boolean): Promise<MemberResponse> {
    const method = request.method ?? 'GET';
    const what = `${method} ${request.path}`;
    if (this.closed) throw new MemberError('aborted', `${what}: the member client is closed`, { retryable: false });
    if (request.signal?.aborted) throw aborted(what);
    let options: https.RequestOptions;
    try {
      options = await this.requestOptions();
    } catch (error) {
      throw new MemberConfigError(`${what}: ${(error as Error).message}`);
    }
    const url = new URL(this.server + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: http.OutgoingHttpHeaders = {
      ...(options.headers as http.OutgoingHttpHeaders | undefined),
      Accept: request.accept ?? 'application/json',
      'User-Agent': userAgent,
      ...(request.body !== undefined ? { 'Content-Type': request.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(request.body) } : {}),
    };
    const agent = (this.proxied ? options.agent : this.agent) as http.Agent | undefined;
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;

    return new Promise<MemberResponse>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, response?: MemberResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        if (error) req.destroy();
        // client-node makes a proxy agent per request: nothing of it may outlive the exchange.
        if (this.proxied) agent?.destroy();
        if (error) reject(error);
        else resolve(response!);
      };
      const onAbort = (): void => finish(aborted(what));
      const req = (this.secure ? https : http).request(url, { ...options, method, headers, agent }, (res) => {
        const status = res.statusCode ?? 0;
        const streaming = onLine !== undefined && status === 200;
        if (streaming) res.socket.setKeepAlive(true, 30_000);
        const chunks: Buffer[] = [];
        const lines = streaming ? new LineSplitter(onLine) : undefined;
        res.on('data', (chunk: Buffer) => {
          if (!lines) return void chunks.push(chunk);
          try {
            lines.push(chunk);
          } catch (error) {
            finish(error as Error);
          }
        });
        res.on('end', () => {
          try {
            lines?.end();
          } catch (error) {
            return finish(error as Error);
          }
          const contentType = res.headers['content-type'];
          finish(undefined, { status, body: streaming ? '' : Buffer.concat(chunks).toString('utf8'), ...(contentType ? { contentType } : {}) });
        });
        res.on('error', (error) => finish(network(what, error)));
        // 'close' follows every 'end': only an answer cut short is an error (and only then is one built).
        res.on('close', () => settled || finish(network(what, new Error('the connection closed before the answer was complete'))));
      });
      const timer = setTimeout(() => finish(new MemberError('timeout', `${what}: no answer within ${timeoutMs} ms`, { retryable: true })), timeoutMs);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (settled) return;
        if (!isRetry && req.reusedSocket && error.code === 'ECONNRESET' && method !== 'POST') {
          settled = true;
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          this.perform(request, onLine, true).then(resolve, reject);
          return;
        }
        finish(network(what, error));
      });
      req.end(request.body);
    });
  }
}

function aborted(what: string): MemberError {
  return new MemberError('aborted', `${what}: cancelled`, { retryable: false });
}

function network(what: string, error: Error): MemberError {
  return new MemberError('network', `${what}: ${error.message}`, { retryable: true, cause: error });
}
