import { Agent, request } from 'node:https';
import { readKubeconfigAccess } from './kubeconfig-access.js';

/** An answer of the Kubernetes API: the status code and the parsed JSON body. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A client of the gateway's Kubernetes API over HTTPS with the admin kubeconfig's server, CA and token, on a keep-alive
 * agent: at most `maxSockets` requests are on the wire at once, each connection reused. It reads a simulated member
 * through the kubeconfig member-sim wrote for it just as well.
 */
export class GatewayClient {
  private readonly server: URL;
  private readonly ca: string;
  private readonly token: string;
  private readonly agent: Agent;

  constructor(kubeconfigPath: string, maxSockets: number) {
    ({ server: this.server, ca: this.ca, token: this.token } = readKubeconfigAccess(kubeconfigPath));
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  get(path: string): Promise<ApiResponse> {
    return this.send('GET', path);
  }

  post(path: string, object: unknown): Promise<ApiResponse> {
    return this.send('POST', path, JSON.stringify(object));
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, body?: string): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
      if (body !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      // Under the server's path: member-sim serves each member under /clusters/<name>.
      const url = new URL(`${this.server.pathname.replace(/\/$/, '')}${path}`, this.server);
      const req = request(url, { method, headers, ca: this.ca, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch {
            reject(new Error(`${method} ${path}: answer ${res.statusCode} is not JSON: ${text.slice(0, 200)}`));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
