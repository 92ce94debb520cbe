import { durableName } from '@karmada-ts/contracts';
import type { ServiceName } from '@karmada-ts/service-runtime';

/** cluster-svc's durable consumers, one per input aggregate (NATS 2.9: one subject filter each). */
export const clusterDurables = {
  /** Cluster specs from the gateway (`template` subjects of clusters.cluster.karmada.io). */
  clusters: durableName('cluster-svc', 'clusters'),
  /** Secrets from the gateway: which sealed version of a cluster's credentials is current. */
  secrets: durableName('cluster-svc', 'secrets'),
  /** binding-svc's Works: which Works an execution namespace holds. */
  works: durableName('cluster-svc', 'works'),
  /** executor-svc's Work statuses: which Works have been cleaned up in their member. */
  workCleanups: durableName('cluster-svc', 'work-cleanups'),
} as const;

/** The service's name: the actor of its events and its key in finalizer subjects. */
export const clusterSvcName = 'cluster-svc' as const satisfies ServiceName;
