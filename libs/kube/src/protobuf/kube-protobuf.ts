import type { JsonObject } from '../util/json.js';
import { deployment } from './apps-v1-messages.js';
import { configMap, namespace, secret, serviceAccount } from './core-v1-messages.js';
import { decodeMessage, UndecodableProtobufError } from './message-decoder.js';
import type { MessageSchema } from './message-schema.js';
import { MalformedProtobufError, readWireFields, type WireField } from './wire-reader.js';

/** The media type of Kubernetes' protobuf encoding, which kubectl 1.32+ sends for built-in kinds. */
export const protobufContentType = 'application/vnd.kubernetes.protobuf';

/** "k8s\0", before the runtime.Unknown envelope of every protobuf-encoded object. */
const magic = [0x6b, 0x38, 0x73, 0x00] as const;

/** The kinds whose protobuf bodies this server decodes: what `kubectl create <kind>` sends for the everyday kinds. */
const decodedKinds: ReadonlyArray<{ apiVersion: string; kind: string; schema: MessageSchema }> = [
  { apiVersion: 'v1', kind: 'Secret', schema: secret },
  { apiVersion: 'v1', kind: 'ConfigMap', schema: configMap },
  { apiVersion: 'v1', kind: 'Namespace', schema: namespace },
  { apiVersion: 'v1', kind: 'ServiceAccount', schema: serviceAccount },
  { apiVersion: 'apps/v1', kind: 'Deployment', schema: deployment },
];

/**
 * The JSON object a protobuf-encoded Kubernetes object stands for: the same object its JSON encoding would carry
 * (apiVersion and kind from the envelope). Throws MalformedProtobufError when the bytes are not protobuf, and
 * UndecodableProtobufError for kinds and fields this server does not decode, so nothing is dropped silently.
 */
export function decodeKubeProtobuf(body: Uint8Array): JsonObject {
  if (body.length < magic.length || magic.some((byte, i) => body[i] !== byte)) throw new MalformedProtobufError('the body does not start with the Kubernetes protobuf prefix "k8s\\0"');
  const envelope = readUnknown(body.subarray(magic.length));
  if (envelope.contentEncoding !== '') throw new UndecodableProtobufError(`content encoding ${JSON.stringify(envelope.contentEncoding)} is not decoded by this server`);
  if (envelope.contentType !== '' && envelope.contentType !== protobufContentType) throw new UndecodableProtobufError(`an envelope of ${JSON.stringify(envelope.contentType)} is not decoded by this server`);
  const { apiVersion, kind } = envelope;
  const decoded = decodedKinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  if (!decoded) {
    const known = decodedKinds.map((k) => `${k.apiVersion} ${k.kind}`).join(', ');
    throw new UndecodableProtobufError(`protobuf bodies of ${apiVersion || '(no apiVersion)'} ${kind || '(no kind)'} are not decoded by this server, only of ${known}`);
  }
  return { apiVersion, kind, ...decodeMessage(decoded.schema, envelope.raw) };
}

/** runtime.Unknown (k8s.io/apimachinery pkg/runtime/generated.proto): 1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType. */
interface UnknownEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

function readUnknown(bytes: Uint8Array): UnknownEnvelope {
  const envelope: UnknownEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  for (const wire of readWireFields(bytes)) {
    const value = lengthDelimited(wire, 'Unknown');
    switch (wire.number) {
      case 1:
        for (const meta of readWireFields(value)) {
          if (meta.number === 1) envelope.apiVersion = text(lengthDelimited(meta, 'TypeMeta'));
          else if (meta.number === 2) envelope.kind = text(lengthDelimited(meta, 'TypeMeta'));
          else throw new UndecodableProtobufError(`field ${meta.number} of TypeMeta is not decoded by this server`);
        }
        break;
      case 2:
        envelope.raw = value;
        break;
      case 3:
        envelope.contentEncoding = text(value);
        break;
      case 4:
        envelope.contentType = text(value);
        break;
      default:
        throw new UndecodableProtobufError(`field ${wire.number} of Unknown is not decoded by this server`);
    }
  }
  return envelope;
}

function lengthDelimited(wire: WireField, message: string): Uint8Array {
  if (wire.wire !== 'bytes') throw new MalformedProtobufError(`field ${wire.number} of ${message} has wire type ${wire.wire}, expected bytes`);
  return wire.value;
}

const utf8 = new TextDecoder();

function text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
