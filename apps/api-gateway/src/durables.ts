import { durableName } from '@karmada-ts/contracts';

/** The gateway's durable consumers. */
export const gatewayDurables = {
  /** Feeds the api_objects projection from everything in the stream: its checkpoint is the lists' resourceVersion. */
  objects: durableName('api-gateway', 'objects'),
  /** Feeds the audit_entries projection from the template subjects: the changes accepted through the API. */
  audit: durableName('api-gateway', 'audit'),
  /** Finalizer releases of the controllers. */
  finalizers: durableName('api-gateway', 'finalizers'),
} as const;
