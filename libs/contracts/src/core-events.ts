import { EventRegistry } from './event-registry.js';
import { DeadLettered } from './events/dead-lettered.js';
import { ResourceDeleted, ResourceUpserted } from './events/resource-events.js';

/** The event types the infrastructure itself uses; services extend it with `coreEvents.with([...])`. */
export const coreEvents = new EventRegistry([ResourceUpserted, ResourceDeleted, DeadLettered]);
