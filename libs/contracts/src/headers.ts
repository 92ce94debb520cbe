/** Message header naming the event type, so consumers route (and skip) messages without parsing them. */
export const eventTypeHeader = 'Event-Type';
