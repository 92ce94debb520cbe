import { durableName } from '@karmada-ts/contracts';
import type { ServiceName } from '@karmada-ts/service-runtime';

/** The service's name: the actor of its events and its key in finalizer subjects. */
export const policySvcName = 'policy-svc' as const satisfies ServiceName;

/** policy-svc's durable consumers, one per input aggregate (NATS 2.9: one subject filter each). */
export const policyDurables = {
  /** Everything the gateway writes: templates, (Cluster)PropagationPolicies, (Cluster)OverridePolicies. */
  templates: durableName(policySvcName, 'templates'),
  /** Its own claims: which templates a policy holds. */
  claims: durableName(policySvcName, 'claims'),
  /** Its own bindings: the dependencies distributor's view of a namespace. */
  bindings: durableName(policySvcName, 'bindings'),
  /** scheduler-svc's placements: the clusters a dependency follows its workload to. */
  placements: durableName(policySvcName, 'placements'),
  /** binding-svc's binding statuses: the end of a deleting binding's cleanup. */
  bindingStatuses: durableName(policySvcName, 'binding-statuses'),
} as const;
