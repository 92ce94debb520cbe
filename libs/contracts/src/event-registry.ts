import type { Envelope } from './envelope.js';
import type { EventType } from './event-type.js';

/**
 * Why a message could not be decoded. `retryable` is true only when a later attempt can succeed: an event written
 * with a schema version newer than this process knows (another replica runs a newer build during a rolling
 * upgrade). A malformed message never becomes valid, so it goes straight to the dead letters.
 */
export class EnvelopeDecodeError extends Error {
  override readonly name = 'EnvelopeDecodeError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const stringFields = ['id', 'type', 'subject', 'time', 'actor', 'correlationId', 'causationId'] as const;

/**
 * The event types a process knows. {@link EventRegistry.decode} validates an envelope and upcasts old schema versions
 * of known types to the current one; envelopes of unknown types come back as they are (generic envelopes), so a
 * consumer can skip events it does not care about instead of crashing on them.
 */
export class EventRegistry {
  private readonly types: ReadonlyMap<string, EventType>;

  constructor(types: readonly EventType<string, unknown>[]) {
    const map = new Map<string, EventType>();
    for (const type of types) {
      if (map.has(type.type) && map.get(type.type) !== type) throw new Error(`event type ${type.type} registered twice`);
      map.set(type.type, type as EventType);
    }
    this.types = map;
  }

  /** A registry with these types added (later issues extend the core registry this way). */
  with(types: readonly EventType<string, unknown>[]): EventRegistry {
    return new EventRegistry([...this.types.values(), ...types]);
  }

  get(type: string): EventType | undefined {
    return this.types.get(type);
  }

  /** Names of the registered types. */
  typeNames(): string[] {
    return [...this.types.keys()];
  }

  /**
   * Parses (when given text or bytes), validates and upcasts an envelope. Throws {@link EnvelopeDecodeError}.
   */
  decode(raw: string | Uint8Array | unknown): Envelope {
    const value = typeof raw === 'string' || raw instanceof Uint8Array ? parseJson(raw) : raw;
    const envelope = validateEnvelope(value);
    const type = this.types.get(envelope.type);
    if (!type || envelope.version === type.version) return envelope;
    if (envelope.version > type.version) {
      throw new EnvelopeDecodeError(
        `${envelope.type} ${envelope.id} has schema version ${envelope.version}, newer than the known ${type.version}`,
        true,
      );
    }
    let data: unknown = envelope.data;
    for (let version = envelope.version; version < type.version; version++) {
      const upcast = type.upcasters[version];
      if (!upcast) {
        throw new EnvelopeDecodeError(`${envelope.type} has no upcaster from schema version ${version}`, false);
      }
      data = upcast(data as never, { ...envelope, version, data });
    }
    return { ...envelope, version: type.version, data };
  }
}

/** Decodes one envelope with the given registry (see {@link EventRegistry.decode}). */
export function decodeEnvelope(raw: string | Uint8Array | unknown, registry: EventRegistry): Envelope {
  return registry.decode(raw);
}

const utf8 = new TextDecoder();

function parseJson(raw: string | Uint8Array): unknown {
  try {
    return JSON.parse(typeof raw === 'string' ? raw : utf8.decode(raw));
  } catch (err) {
    throw new EnvelopeDecodeError(`not JSON: ${(err as Error).message}`, false);
  }
}

function validateEnvelope(value: unknown): Envelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EnvelopeDecodeError('an envelope must be a JSON object', false);
  }
  const record = value as Record<string, unknown>;
  for (const field of stringFields) {
    if (typeof record[field] !== 'string' || record[field] === '') {
      throw new EnvelopeDecodeError(`envelope field "${field}" must be a non-empty string`, false);
    }
  }
  if (!Number.isInteger(record.version) || (record.version as number) < 1) {
    throw new EnvelopeDecodeError('envelope field "version" must be an integer ≥ 1', false);
  }
  if (!('data' in record)) throw new EnvelopeDecodeError('envelope field "data" is missing', false);
  return record as unknown as Envelope;
}
