import { anyObject, integer, object, string } from './json-schema.js';

/** The schema of {@link Envelope} (envelope.ts): what every message body on the event log is. */
export const envelopeSchema = object(
  {
    id: string('Unique; deterministic when derived from a command or a causing event. Doubles as the JetStream message id (`Nats-Msg-Id`).'),
    type: string("The event type's name, e.g. `ResourceCreated`."),
    subject: string('The aggregate subject the event is appended to.'),
    time: string('When it happened (ISO 8601), taken from the cause.', { format: 'date-time' }),
    actor: string('Who: a user (`user:alice`) or a service (`system:scheduler-svc`).'),
    correlationId: string('The user request that started the chain of events (the `Audit-Id` of the API request).'),
    causationId: string('The command or event that directly caused this one.'),
    version: integer('Schema version of `data`.'),
    data: anyObject('The event data: its schema depends on `type` and `version`.'),
  },
  ['id', 'type', 'subject', 'time', 'actor', 'correlationId', 'causationId', 'version', 'data'],
  'The envelope of every event: the JSON of this object is the message body. The stream sequence is not part of it; it is the resourceVersion of what the event wrote.',
);
