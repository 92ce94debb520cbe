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
 * HTTPS calls to the gateway as the admin user of `<stateDir>/kubeconfig`. The kubeconfig is read again after a
 * connection failure: a restarted gateway listens on a new port and rewrites it.
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
    this.agent ??= new Agent({ keepAlive: true, maxSockets: this.maxSockets, ca: access.caPem });
    const url = new URL(path, access.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    try {
      return await new Promise<GatewayResponse>((resolve, reject) => {
        const req = request(
          url,
          {
            method,
            agent: this.agent,
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
              resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
        req.on('error', reject);
        req.end(payload);
      });
    } catch (err) {
      this.forgetConnection();
      throw err;
    }
  }

  /**
   * Creates an object as a client that must get it created would: a connection failure or a 5xx is retried (the
   * gateway may be restarting), and AlreadyExists on a retry means an earlier attempt went through.
   */
  async createIdempotently(collectionPath: string, object: Record<string, unknown>, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      try {
        const response = await this.request('POST', collectionPath, object);
        if (response.status === 201 || response.status === 200) return;
        if (response.status === 409 && response.body['reason'] === 'AlreadyExists' && attempt > 0) return;
        if (response.status < 500 && response.status !== 429) {
          throw new Error(`POST ${collectionPath} answered ${response.status}: ${JSON.stringify(response.body)}`);
        }
        failure = `${response.status} ${String(response.body['message'])}`;
      } catch (err) {
        if (err instanceof Error && err.message.startsWith(`POST ${collectionPath} answered`)) throw err;
        failure = err instanceof Error ? err.message : String(err);
      }
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
