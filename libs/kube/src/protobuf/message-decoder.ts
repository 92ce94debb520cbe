import type { JsonObject } from '../util/json.js';
import { assertNever } from '../util/assert-never.js';
import { formatTimestamp } from '../util/time.js';
import type { FieldSchema, MessageSchema, ScalarType } from './message-schema.js';
import { MalformedProtobufError, readWireFields, type WireField, type WireType } from './wire-reader.js';

/** Well-formed protobuf that this server does not turn into JSON: a field or a type it does not decode. */
export class UndecodableProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndecodableProtobufError';
  }
}

const zeroValues: Record<ScalarType, string | boolean | number> = { string: '', bool: false, int32: 0, int64: 0 };

/** Go's zero time.Time (0001-01-01T00:00:00Z) in Unix seconds: metav1.Time writes it as null. */
const zeroTimeSeconds = -62135596800n;
/** 9999-12-31T23:59:59Z, the last second RFC 3339 can write. */
const lastTimeSeconds = 253402300799n;

const utf8 = new TextDecoder();

/**
 * The JSON object Go's encoding/json would write for this message decoded into its Kubernetes type. A field number
 * the schema lacks is refused (UndecodableProtobufError) rather than dropped. `path` is the JSON path of the message
 * within the object, for error messages.
 */
export function decodeMessage(schema: MessageSchema, bytes: Uint8Array, path = ''): JsonObject {
  const occurrences = new Map<number, WireField[]>();
  for (const wire of readWireFields(bytes)) {
    if (schema.fields[wire.number] === undefined) {
      throw new UndecodableProtobufError(`field ${wire.number} of ${schema.name}${path ? ` (at ${path})` : ''} is not decoded by this server`);
    }
    const seen = occurrences.get(wire.number);
    if (seen) seen.push(wire);
    else occurrences.set(wire.number, [wire]);
  }
  const out: JsonObject = {};
  for (const [number, field] of Object.entries(schema.fields)) {
    const where = { message: schema.name, number: Number(number), path: path ? `${path}.${field.json}` : field.json };
    const value = decodeField(field, occurrences.get(where.number) ?? [], where);
    if (value !== undefined) out[field.json] = value;
  }
  return out;
}

interface FieldLocation {
  message: string;
  number: number;
  path: string;
}

function decodeField(field: FieldSchema, wires: WireField[], where: FieldLocation): unknown {
  switch (field.kind) {
    case 'scalar': {
      // A repeated singular field: the last occurrence wins, as the protobuf spec says.
      const last = wires.at(-1);
      if (!last) return field.presence === 'always' ? zeroValues[field.type] : undefined;
      const value = decodeScalar(field.type, last, where);
      return field.presence === 'omitempty' && value === zeroValues[field.type] ? undefined : value;
    }
    case 'repeated-string':
      return wires.length === 0 ? undefined : wires.map((w) => utf8.decode(lengthDelimited(w, where)));
    case 'message':
      if (wires.length === 0 && field.presence === 'pointer') return undefined;
      // Occurrences of one message field merge, which is what decoding their concatenation does.
      return decodeMessage(field.message, concat(wires.map((w) => lengthDelimited(w, where))), where.path);
    case 'repeated-message':
      return wires.length === 0 ? undefined : wires.map((w, i) => decodeMessage(field.message, lengthDelimited(w, where), `${where.path}[${i}]`));
    case 'map':
      return wires.length === 0 ? undefined : Object.fromEntries(wires.map((w) => mapEntry(lengthDelimited(w, where), field.value, where)));
    case 'time':
      if (wires.length === 0) return field.presence === 'always' ? null : undefined;
      return decodeTime(concat(wires.map((w) => lengthDelimited(w, where))), where);
    default:
      return assertNever(field, 'protobuf field kind');
  }
}

function decodeScalar(type: ScalarType, wire: WireField, where: FieldLocation): string | boolean | number {
  switch (type) {
    case 'string':
      return utf8.decode(lengthDelimited(wire, where));
    case 'bool':
      return varint(wire, where) !== 0n;
    case 'int32':
      // Negative int32 values travel sign-extended to 64 bits; Go keeps the low 32.
      return Number(BigInt.asIntN(32, varint(wire, where)));
    case 'int64': {
      const value = BigInt.asIntN(64, varint(wire, where));
      if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new UndecodableProtobufError(`${where.path} (field ${where.number} of ${where.message}) is ${value}, beyond what this server stores exactly`);
      }
      return Number(value);
    }
    default:
      return assertNever(type, 'protobuf scalar type');
  }
}

/** A map<string, V> entry: a message with the key as field 1 and the value as field 2. */
function mapEntry(bytes: Uint8Array, value: 'string' | 'bytes', where: FieldLocation): [string, string] {
  let key = '';
  let data: Uint8Array = new Uint8Array(0);
  for (const wire of readWireFields(bytes)) {
    if (wire.number === 1) key = utf8.decode(lengthDelimited(wire, where));
    else if (wire.number === 2) data = lengthDelimited(wire, where);
    else throw new MalformedProtobufError(`map entry of ${where.path} (field ${where.number} of ${where.message}) has field ${wire.number}`);
  }
  return [key, value === 'bytes' ? Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') : utf8.decode(data)];
}

/** metav1.Time as its Unmarshal reads it: empty is the zero time (null in JSON), nanos are dropped. */
function decodeTime(bytes: Uint8Array, where: FieldLocation): string | null {
  if (bytes.length === 0) return null;
  let seconds = 0n;
  for (const wire of readWireFields(bytes)) {
    if (wire.number === 1) seconds = BigInt.asIntN(64, varint(wire, where));
    else if (wire.number === 2) varint(wire, where);
    else throw new UndecodableProtobufError(`field ${wire.number} of Time (at ${where.path}) is not decoded by this server`);
  }
  if (seconds === zeroTimeSeconds) return null;
  if (seconds < zeroTimeSeconds || seconds > lastTimeSeconds) throw new UndecodableProtobufError(`${where.path} is ${seconds} seconds from the epoch, outside years 1 to 9999`);
  return formatTimestamp(new Date(Number(seconds) * 1000));
}

function varint(wire: WireField, where: FieldLocation): bigint {
  if (wire.wire !== 'varint') throw wrongWireType(wire, 'varint', where);
  return wire.value;
}

function lengthDelimited(wire: WireField, where: FieldLocation): Uint8Array {
  if (wire.wire !== 'bytes') throw wrongWireType(wire, 'bytes', where);
  return wire.value;
}

function wrongWireType(wire: WireField, expected: WireType, where: FieldLocation): MalformedProtobufError {
  return new MalformedProtobufError(`${where.path} (field ${where.number} of ${where.message}) has wire type ${wire.wire}, expected ${expected}`);
}

function concat(parts: Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}
