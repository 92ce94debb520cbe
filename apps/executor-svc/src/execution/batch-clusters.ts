import type { Cluster } from '@karmada-ts/domain';
import type { ClusterViews, ClusterView } from '../members/cluster-views.js';
import type { MemberConnection } from '../members/member-connection.js';
import type { MemberConnections } from '../members/member-connections.js';

/**
 * What the Works of one batch need of their clusters, read once per cluster and batch: the Cluster view and the
 * connection (whose credentials look-up is a read of the Secrets read model). A batch of Works on ten members then
 * costs ten look-ups, not one per Work.
 */
export class BatchClusters {
  private readonly views = new Map<string, Promise<ClusterView>>();
  private readonly connections = new Map<string, Promise<MemberConnection>>();

  constructor(
    private readonly clusters: ClusterViews,
    private readonly members: MemberConnections,
  ) {}

  view(name: string): Promise<ClusterView> {
    let view = this.views.get(name);
    if (!view) this.views.set(name, (view = this.clusters.load(name)));
    return view;
  }

  /** @throws what MemberConnections.connect throws, to every Work of the batch on that cluster */
  connect(cluster: Cluster): Promise<MemberConnection> {
    const name = cluster.metadata.name ?? '';
    let connection = this.connections.get(name);
    if (!connection) this.connections.set(name, (connection = this.members.connect(cluster)));
    return connection;
  }
}
