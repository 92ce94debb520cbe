import { ResourceCreated, ResourceDeleted, ResourceUpdated } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { Projection, ProjectionContext } from '@karmada-ts/projections';
import { auditEntryOf } from './audit-entry.js';
import { auditRowOf } from './audit-entry-row.js';

export const auditEntriesTable = 'audit_entries';

/**
 * The audit read model: one insert-only row per template event (every change accepted through the API), keyed by
 * its stream sequence, so redeliveries and rebuilds give the same rows. Fed by a consumer of the template subjects
 * alone: the controllers' own events are not user changes, and would outnumber them.
 */
export class AuditEntriesProjection implements Projection {
  readonly name = 'audit-entries';
  readonly tables = [auditEntriesTable];
  readonly eventTypes = [ResourceCreated.type, ResourceUpdated.type, ResourceDeleted.type];

  apply(events: readonly StoredEvent[], { writer }: ProjectionContext): void {
    for (const event of events) {
      const entry = auditEntryOf(event);
      if (entry) writer.append(auditEntriesTable, auditRowOf(entry), event.seq);
    }
  }
}
