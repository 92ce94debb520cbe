import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { ApiGatewayModule } from './api-gateway.module.js';
import { AuditEntriesProjection } from './audit/audit-entries.projection.js';
import { gatewayDurables } from './durables.js';
import { gatewayEvents } from './events.js';
import { CreateApiObjects1764200000000 } from './migrations/1764200000000-create-api-objects.js';
import { CreateAuditEntries1764350000000 } from './migrations/1764350000000-create-audit-entries.js';
import { ApiObjectJsonColumns1767400000000 } from './migrations/1767400000000-api-object-json-columns.js';
import { ApiObjectsProjection } from './store/api-objects.projection.js';

/** api-gateway: the Kubernetes API for kubectl: writes become events, reads come from the stream and projections. */
export const apiGatewayService: ServiceDefinition = {
  name: 'api-gateway',
  module: ApiGatewayModule,
  events: gatewayEvents,
  consumers: (subjects) => [{ durable: gatewayDurables.finalizers, filterSubject: subjects.finalizerFilter(), maxDeliver: 10 }],
  projections: (subjects) => [
    { consumer: { durable: gatewayDurables.objects, filterSubject: subjects.all, batchSize: 500 }, projections: [new ApiObjectsProjection()] },
    { consumer: { durable: gatewayDurables.audit, filterSubject: subjects.templateFilter(), batchSize: 500 }, projections: [new AuditEntriesProjection()] },
  ],
  migrations: [CreateApiObjects1764200000000, CreateAuditEntries1764350000000, ApiObjectJsonColumns1767400000000],
};
