import type { Envelope } from './envelope.js';

/**
 * Turns the `data` of schema version n into version n + 1. It gets the whole envelope as well, for upcasts that need
 * the subject or the time. Declare it with the old data type as parameter: `(v1: ThingV1) => ThingV2`.
 */
export type Upcaster = (data: never, envelope: Envelope) => unknown;

/**
 * The definition of one event type: its name, its current schema version and how to bring older versions up to it.
 * `Data` is the shape of the current version; the definition carries it at the type level only.
 */
export interface EventType<Type extends string = string, Data = unknown> {
  readonly type: Type;
  /** The current schema version (an integer ≥ 1). New events are written with it. */
  readonly version: number;
  /** `upcasters[n]` turns version n into n + 1; every version from the oldest still in the stream needs one. */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
  /** Narrows a decoded envelope to this event type. */
  is(envelope: Envelope): envelope is Envelope<Data, Type>;
}

/** The envelope type of an event type definition: `EnvelopeOf<typeof ResourceUpserted>`. */
export type EnvelopeOf<T> = T extends EventType<infer Type, infer Data> ? Envelope<Data, Type> : never;

/**
 * Declares an event type:
 * ```ts
 * export const ClusterJoined = defineEventType<'ClusterJoined', ClusterJoinedData>('ClusterJoined', { version: 1 });
 * ```
 * When a schema changes, raise `version` and add the upcaster from the previous version.
 */
export function defineEventType<Type extends string, Data>(
  type: Type,
  options: { readonly version: number; readonly upcasters?: Readonly<Record<number, Upcaster>> },
): EventType<Type, Data> {
  const { version, upcasters = {} } = options;
  if (!Number.isInteger(version) || version < 1) throw new Error(`${type}: version must be an integer ≥ 1`);
  for (const from of Object.keys(upcasters).map(Number)) {
    if (!Number.isInteger(from) || from < 1 || from >= version) {
      throw new Error(`${type}: an upcaster from version ${from} makes no sense when the current version is ${version}`);
    }
  }
  return {
    type,
    version,
    upcasters,
    is: (envelope: Envelope): envelope is Envelope<Data, Type> => envelope.type === type,
  };
}
