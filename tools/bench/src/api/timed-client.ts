import { Agent, request, type RequestOptions } from 'node:https';
import { readKubeconfigAccess } from '../stack/kubeconfig-access.js';

/**
 * How long a kept-alive connection may stay idle: less than the gateway's keep-alive timeout (Node's default 5 s), so
 * this side closes it first instead of racing the server's close with a new request.
 */
const idleSocketMs = 4_000;

/** One answer of the Kubernetes API and how long it took, from sending the request to the last byte of the body. */
export interface TimedResponse {
  readonly status: number;
  readonly text: string;
  readonly ms: number;
  /** performance.now() when the last byte arrived. */
  readonly endedAt: number;
}

/** One line of a watch stream and when it arrived. */
export interface ArrivedWatchEvent {
  readonly type: string;
  readonly object: { metadata?: { name?: string; resourceVersion?: string } };
  readonly arrivedAt: number;
}

/**
 * The gateway's Kubernetes API over HTTPS with the admin kubeconfig (server, CA, token) on a keep-alive agent, timing
 * every request. Watches get connections of their own, outside the agent's pool.
 */
export class TimedClient {
  private readonly server: URL;
  private readonly ca: string;
  private readonly token: string;
  private readonly agent: Agent;

  constructor(kubeconfigPath: string, maxSockets: number) {
    ({ server: this.server, ca: this.ca, token: this.token } = readKubeconfigAccess(kubeconfigPath));
    this.agent = new Agent({ keepAlive: true, maxSockets, timeout: idleSocketMs });
  }

  /**
   * One request. A GET that finds its kept-alive connection closed by the server just as it reused it (ECONNRESET on a
   * reused socket: the server's keep-alive timeout raced it) is sent once more, as Node's documentation advises; its
   * time counts from the first attempt.
   */
  send(method: string, path: string, options: { body?: unknown; contentType?: string; accept?: string } = {}): Promise<TimedResponse> {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string | number> = { Authorization: `Bearer ${this.token}`, Accept: options.accept ?? 'application/json' };
    if (body !== undefined) Object.assign(headers, { 'Content-Type': options.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(body) });
    return this.attempt(method, path, headers, body, performance.now(), method === 'GET');
  }

  private attempt(method: string, path: string, headers: Record<string, string | number>, body: string | undefined, started: number, mayRetry: boolean): Promise<TimedResponse> {
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, this.server), this.options(method, headers, this.agent), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const endedAt = performance.now();
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: endedAt - started, endedAt });
        });
        res.on('error', reject);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (mayRetry && req.reusedSocket && error.code === 'ECONNRESET') resolve(this.attempt(method, path, headers, body, started, false));
        else reject(error);
      });
      req.end(body);
    });
  }

  /** Opens a watch (`path` with `watch=1`) and hands every event to `onEvent` as it arrives; resolves once it streams. */
  watch(path: string, onEvent: (event: ArrivedWatchEvent) => void): Promise<{ close(): void }> {
    return new Promise((resolve, reject) => {
      const headers = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
      const req = request(new URL(path, this.server), this.options('GET', headers, false), (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`watch ${path} answered ${res.statusCode}`));
          res.resume();
          return;
        }
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const arrivedAt = performance.now();
          const lines = (pending + chunk).split('\n');
          pending = lines.pop()!;
          for (const line of lines) if (line.trim()) onEvent({ ...(JSON.parse(line) as Omit<ArrivedWatchEvent, 'arrivedAt'>), arrivedAt });
        });
        resolve({ close: () => req.destroy() });
      });
      req.on('error', (error) => {
        if (!req.destroyed) reject(error);
      });
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private options(method: string, headers: Record<string, string | number>, agent: Agent | false): RequestOptions {
    return { method, headers, ca: this.ca, agent };
  }
}
