import { durableName } from '@karmada-ts/contracts';

/** The gateway's durable consumers. */
export const gatewayDurables = {
  /** Feeds the api_objects projection from everything in the stream: its checkpoint is the lists' resourceVersion. */
  objects: durableName('api-gateway', 'objects'),
  /** Finalizer releases of the controllers. */
  finalizers: durableName('api-gateway', 'finalizers'),
} as const;
