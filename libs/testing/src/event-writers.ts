import { randomUUID } from 'node:crypto';
import {
  newEnvelope,
  ResourceCreated,
  ResourceDeleted,
  ResourceUpdated,
  type EventType,
  type GroupVersionResource,
  type KubeObjectJson,
  type Subjects,
} from '@karmada-ts/contracts';
import type { EventStore } from '@karmada-ts/eventstore';

/**
 * Appends an event the way its writer does: on the subject's head, with a fresh id and the current time. Tests of one
 * service use it to play the services upstream of it.
 */
export async function appendAs<Data>(store: EventStore, subject: string, type: EventType<string, Data>, data: Data, actor: string): Promise<number> {
  const head = await store.readLast(subject);
  const id = randomUUID();
  const envelope = newEnvelope(type, { id, correlationId: id, causationId: id, subject, time: new Date().toISOString(), actor, data });
  return (await store.append(subject, envelope, { expectedSeq: head?.seq ?? 0 })).seq;
}

/** Plays the api-gateway: every object as a whole on its `template` subject, created, updated or deleted. */
export class TemplateWriter {
  constructor(
    private readonly store: EventStore,
    private readonly subjects: Subjects,
  ) {}

  async write(resource: GroupVersionResource, object: KubeObjectJson): Promise<number> {
    const subject = this.subjects.template(resource, object.metadata.namespace, object.metadata.name ?? '');
    const last = await this.store.readLast(subject);
    const exists = last !== undefined && last.type !== ResourceDeleted.type;
    return appendAs(this.store, subject, exists ? ResourceUpdated : ResourceCreated, { resource, object }, 'user:admin');
  }

  async delete(resource: GroupVersionResource, object: KubeObjectJson): Promise<number> {
    const subject = this.subjects.template(resource, object.metadata.namespace, object.metadata.name ?? '');
    return appendAs(this.store, subject, ResourceDeleted, { resource, object }, 'user:admin');
  }
}
