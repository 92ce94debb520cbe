/**
 * The protobuf wire format (https://protobuf.dev/programming-guides/encoding/): a message is a sequence of fields,
 * each a varint key (field number << 3 | wire type) followed by its value. This reads the fields of one message
 * level; what a field means is the schema's business (message-decoder.ts).
 */
export type WireField =
  | { number: number; wire: 'varint'; value: bigint }
  | { number: number; wire: 'fixed64'; value: bigint }
  | { number: number; wire: 'bytes'; value: Uint8Array }
  | { number: number; wire: 'fixed32'; value: number };

export type WireType = WireField['wire'];

/** The bytes are not a well-formed protobuf message (truncated, overlong varint, bad key). */
export class MalformedProtobufError extends Error {
  constructor(message: string, offset?: number) {
    super(offset === undefined ? message : `${message} at byte ${offset}`);
    this.name = 'MalformedProtobufError';
  }
}

const maxVarintBytes = 10;

/** The fields of one message, in wire order (repeated and split fields appear once per occurrence). */
export function readWireFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const keyOffset = offset;
    const key = readVarint(bytes, offset);
    offset = key.next;
    const number = Number(key.value >> 3n);
    if (number < 1 || number > 0x1fffffff) throw new MalformedProtobufError(`invalid field number ${number}`, keyOffset);
    const wireType = Number(key.value & 7n);
    switch (wireType) {
      case 0: {
        const value = readVarint(bytes, offset);
        fields.push({ number, wire: 'varint', value: value.value });
        offset = value.next;
        break;
      }
      case 1:
        need(bytes, offset, 8);
        fields.push({ number, wire: 'fixed64', value: new DataView(bytes.buffer, bytes.byteOffset + offset, 8).getBigUint64(0, true) });
        offset += 8;
        break;
      case 2: {
        const length = readVarint(bytes, offset);
        offset = length.next;
        if (length.value > BigInt(bytes.length - offset)) throw new MalformedProtobufError(`length ${length.value} of field ${number} runs past the end`, offset);
        const end = offset + Number(length.value);
        fields.push({ number, wire: 'bytes', value: bytes.subarray(offset, end) });
        offset = end;
        break;
      }
      case 5:
        need(bytes, offset, 4);
        fields.push({ number, wire: 'fixed32', value: new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0, true) });
        offset += 4;
        break;
      default:
        // 3 and 4 are proto2 groups, which no Kubernetes type uses; 6 and 7 do not exist.
        throw new MalformedProtobufError(`unsupported wire type ${wireType} of field ${number}`, keyOffset);
    }
  }
  return fields;
}

/** An unsigned varint (up to 64 bits) and the offset after it. */
export function readVarint(bytes: Uint8Array, offset: number): { value: bigint; next: number } {
  let value = 0n;
  for (let i = 0; i < maxVarintBytes; i++) {
    const at = offset + i;
    if (at >= bytes.length) throw new MalformedProtobufError('truncated varint', offset);
    const byte = bytes[at]!;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return { value: BigInt.asUintN(64, value), next: at + 1 };
  }
  throw new MalformedProtobufError('varint longer than 10 bytes', offset);
}

function need(bytes: Uint8Array, offset: number, size: number): void {
  if (offset + size > bytes.length) throw new MalformedProtobufError(`truncated ${size * 8}-bit value`, offset);
}
