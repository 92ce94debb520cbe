import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { parse } from 'yaml';

export interface GatewayResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

interface KubeconfigAccess {
  readonly server: string;
  readonly caPem: string;
  readonly token: string;
}

/**
 * HTTPS calls to the gateway as the admin user of `<stateDir>/kubeconfig`, at most `maxSockets` on the wire. After a
 * connection failure the kubeconfig is read again: a restarted gateway listens on a new port and rewrites it.
 */
export class GatewayClient {
  private access: KubeconfigAccess | undefined;
  private agent: Agent | undefined;

  constructor(
    private readonly kubeconfigPath: string,
    private readonly maxSockets = 16,
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<GatewayResponse> {
    const access = (this.access ??= readAccess(this.kubeconfigPath));
    const agent = (this.agent ??= new Agent({ keepAlive: true, maxSockets: this.maxSockets, ca: access.caPem }));
    const payload = body === undefined ? undefined : JSON.stringify(body);
    try {
      return await new Promise<GatewayResponse>((resolve, reject) => {
        const req = request(
          new URL(path, access.server),
          {
            method,
            agent,
            timeout: 30_000,
            headers: {
              authorization: `Bearer ${access.token}`,
              accept: 'application/json',
              ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              try {
                resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
              } catch (err) {
                reject(new Error(`${method} ${path} answered ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`, { cause: err }));
              }
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
        req.on('error', reject);
        req.end(payload);
      });
    } catch (err) {
      if (this.agent === agent) this.forgetConnection();
      throw err;
    }
  }

  /**
   * Creates an object as a client that must get it created does: a connection failure, a 5xx or a 429 is retried
   * (the gateway may be restarting), and AlreadyExists on a retry means an earlier attempt went through before its
   * answer was lost. Any other answer is an error.
   */
  async createIdempotently(collectionPath: string, object: Record<string, unknown>, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.request('POST', collectionPath, object).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
      if (!(outcome instanceof Error)) {
        const { status, body } = outcome;
        if (status === 200 || status === 201) return;
        if (status === 409 && body['reason'] === 'AlreadyExists' && attempt > 0) return;
        if (status < 500 && status !== 429) throw new Error(`POST ${collectionPath} answered ${status}: ${JSON.stringify(body)}`);
      }
      const failure = outcome instanceof Error ? outcome.message : `${outcome.status} ${String(outcome.body['message'])}`;
      if (Date.now() >= deadline) throw new Error(`POST ${collectionPath} kept failing: ${failure}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)));
    }
  }

  close(): void {
    this.forgetConnection();
  }

  private forgetConnection(): void {
    this.agent?.destroy();
    this.agent = undefined;
    this.access = undefined;
  }
}

function readAccess(path: string): KubeconfigAccess {
  const config = parse(readFileSync(path, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  const cluster = config.clusters[0]!.cluster;
  return {
    server: cluster.server,
    caPem: Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8'),
    token: config.users[0]!.user.token,
  };
}
