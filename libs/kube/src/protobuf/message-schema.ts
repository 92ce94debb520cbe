/**
 * What a protobuf message of a Kubernetes type means in JSON: field number → JSON name, value type and how Go's
 * encoding/json writes it. Kubernetes' generated.proto files declare every field `optional`, so whether a zero value
 * is written (or whether the field is a pointer) comes from the Go struct's type and json tag, recorded here as the
 * field's presence.
 */
export type Presence =
  /** A non-pointer field tagged `omitempty`: written only when it is not the zero value. */
  | 'omitempty'
  /** A non-pointer field without `omitempty`, or any non-pointer struct: written always, the zero value when absent. */
  | 'always'
  /** A pointer field (`*int32`, `*bool`, `*Struct`): written exactly when the wire carries it, zero included. */
  | 'pointer';

export type ScalarType = 'string' | 'bool' | 'int32' | 'int64';

export type FieldSchema =
  | { json: string; kind: 'scalar'; type: ScalarType; presence: Presence }
  | { json: string; kind: 'repeated-string' }
  | { json: string; kind: 'message'; message: MessageSchema; presence: Exclude<Presence, 'omitempty'> }
  | { json: string; kind: 'repeated-message'; message: MessageSchema }
  | { json: string; kind: 'map'; value: 'string' | 'bytes' }
  /** metav1.Time: {1 seconds, 2 nanos}, written as RFC 3339 seconds, or null when zero. */
  | { json: string; kind: 'time'; presence: Exclude<Presence, 'omitempty'> };

export interface MessageSchema {
  /** The proto message name, for error messages (`PodSpec`). */
  name: string;
  /** By field number. A number missing here is a field this server does not decode. */
  fields: Readonly<Record<number, FieldSchema>>;
}

export function messageSchema(name: string, fields: Record<number, FieldSchema>): MessageSchema {
  return { name, fields };
}

/** Field builders, named after the proto type (the default presence is Go's usual `omitempty`). */
export const field = {
  string: (json: string, presence: Presence = 'omitempty'): FieldSchema => ({ json, kind: 'scalar', type: 'string', presence }),
  bool: (json: string, presence: Presence = 'omitempty'): FieldSchema => ({ json, kind: 'scalar', type: 'bool', presence }),
  int32: (json: string, presence: Presence = 'omitempty'): FieldSchema => ({ json, kind: 'scalar', type: 'int32', presence }),
  int64: (json: string, presence: Presence = 'omitempty'): FieldSchema => ({ json, kind: 'scalar', type: 'int64', presence }),
  strings: (json: string): FieldSchema => ({ json, kind: 'repeated-string' }),
  message: (json: string, schema: MessageSchema, presence: Exclude<Presence, 'omitempty'>): FieldSchema => ({ json, kind: 'message', message: schema, presence }),
  messages: (json: string, schema: MessageSchema): FieldSchema => ({ json, kind: 'repeated-message', message: schema }),
  stringMap: (json: string): FieldSchema => ({ json, kind: 'map', value: 'string' }),
  /** map<string, bytes>: values written as base64, as Go writes []byte. */
  bytesMap: (json: string): FieldSchema => ({ json, kind: 'map', value: 'bytes' }),
  time: (json: string, presence: Exclude<Presence, 'omitempty'>): FieldSchema => ({ json, kind: 'time', presence }),
};
