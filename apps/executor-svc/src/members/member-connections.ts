import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Cluster } from '@karmada-ts/domain';
import {
  ClusterLimiter,
  ManagedObjectInformers,
  MemberClient,
  memberKubeConfig,
  MemberObjects,
  ResourceResolver,
  type MemberCredentials,
  type MemberObjectEvent,
} from '@karmada-ts/member-access';
import type { Logger } from '@karmada-ts/operability';
import { SERVICE_LOGGER } from '@karmada-ts/service-runtime';
import { MemberCredentialsSource } from './member-credentials.js';
import { MemberConnection } from './member-connection.js';

/**
 * Requests in flight per member (client-go's default burst is 10; a member answers SSA in about a millisecond):
 * enough to keep a busy member's pipe full, while a slow member still holds at most 16 of the 64 global slots.
 */
const requestsPerMember = 16;

interface Entry {
  /** What the connection was built from: a change of endpoint, TLS, proxy or credentials needs a new one. */
  readonly fingerprint: string;
  readonly connection: Promise<MemberConnection>;
}

/**
 * The executor's connections to member clusters, one per cluster, built from the Cluster's spec and the credentials
 * its secretRef names, and rebuilt when either changes (the informers move to the new connection). Every call to any
 * member shares one ClusterLimiter, so a slow member queues behind its own limit and never stalls the others.
 */
@Injectable()
export class MemberConnections implements OnModuleDestroy {
  private readonly limiter = new ClusterLimiter({ perCluster: requestsPerMember, global: 64 });
  private readonly entries = new Map<string, Entry>();
  private readonly listeners: ((event: MemberObjectEvent) => void)[] = [];

  constructor(
    private readonly credentials: MemberCredentialsSource,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Hears every change of a managed object in any member (the informers' events). */
  onObjectEvent(listener: (event: MemberObjectEvent) => void): void {
    this.listeners.push(listener);
  }

  /**
   * The connection to a Cluster.
   * @throws CredentialsUnavailableError (retry later) or MemberConfigError (the Cluster or its Secret cannot make a client)
   */
  async connect(cluster: Cluster): Promise<MemberConnection> {
    const name = cluster.metadata.name ?? '';
    const { credentials, version } = await this.credentials.lookup(cluster);
    const { apiEndpoint, insecureSkipTLSVerification, proxyURL, secretRef } = cluster.spec;
    const fingerprint = JSON.stringify([apiEndpoint, insecureSkipTLSVerification, proxyURL, secretRef, version]);
    const entry = this.entries.get(name);
    if (entry?.fingerprint === fingerprint) return entry.connection;
    // Nothing is awaited between the look-up and the update: concurrent callers share one new connection.
    const connection = Promise.resolve().then(() => this.open(cluster, credentials));
    this.entries.set(name, { fingerprint, connection });
    if (entry) void this.replace(entry.connection, connection);
    return connection;
  }

  /** The connection to a cluster if one is open. */
  async existing(cluster: string): Promise<MemberConnection | undefined> {
    return this.entries.get(cluster)?.connection.catch(() => undefined);
  }

  /** Stops the connection to a cluster that is gone (unjoined). */
  async close(cluster: string): Promise<void> {
    const entry = this.entries.get(cluster);
    this.entries.delete(cluster);
    await (await entry?.connection.catch(() => undefined))?.stop();
  }

  async onModuleDestroy(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map(async (entry) => (await entry.connection.catch(() => undefined))?.stop()));
  }

  private open(cluster: Cluster, credentials: MemberCredentials): MemberConnection {
    const name = cluster.metadata.name ?? '';
    // As many idle connections kept as requests go in flight: otherwise every burst opens (and TLS-handshakes) anew
    // the connections the last one closed.
    const client = new MemberClient(memberKubeConfig(cluster, credentials), { maxFreeSockets: requestsPerMember });
    const resolver = new ResourceResolver(client);
    const objects = new MemberObjects(name, client, { limiter: this.limiter, resolver });
    const informers = new ManagedObjectInformers(name, client, {
      resolver,
      onEvent: (event) => {
        for (const listener of this.listeners) listener(event);
      },
      onError: (kind, error) => this.logger.warn({ err: error, cluster: name, kind: kind.kind }, 'watching member objects failed; retrying'),
    });
    return new MemberConnection(name, client, objects, informers);
  }

  /** Moves the watched kinds to the new connection, then stops the old one. */
  private async replace(previous: Promise<MemberConnection>, next: Promise<MemberConnection>): Promise<void> {
    const old = await previous.catch(() => undefined);
    if (!old) return;
    const replacement = await next.catch(() => undefined);
    for (const kind of old.informers.kinds()) replacement?.informers.watch(kind);
    await old.stop();
    this.logger.info({ cluster: old.cluster }, 'member connection replaced: its endpoint or credentials changed');
  }
}
