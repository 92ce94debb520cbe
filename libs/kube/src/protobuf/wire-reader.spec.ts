import { expect } from 'chai';
import { readVarint, readWireFields, type WireField } from './wire-reader.js';

const hex = (text: string): Uint8Array => Buffer.from(text.replace(/\s/g, ''), 'hex');
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('protobuf wire reader', () => {
  const varints: { name: string; bytes: string; value: bigint }[] = [
    { name: 'one byte', bytes: '01', value: 1n },
    { name: '150, the encoding guide example', bytes: '9601', value: 150n },
    { name: '300 over two bytes', bytes: 'ac02', value: 300n },
    { name: 'the largest uint64', bytes: 'ffffffffffffffffff01', value: 2n ** 64n - 1n },
    { name: 'a redundant continuation still ends', bytes: '8000', value: 0n },
  ];
  for (const c of varints) it(`reads a varint: ${c.name}`, () => expect(readVarint(hex(c.bytes), 0)).to.deep.equal({ value: c.value, next: hex(c.bytes).length }));

  const messages: { name: string; bytes: string; fields: WireField[] }[] = [
    { name: 'an empty message', bytes: '', fields: [] },
    { name: 'a varint field (1: 150)', bytes: '08 9601', fields: [{ number: 1, wire: 'varint', value: 150n }] },
    { name: 'a length-delimited field (2: "testing")', bytes: '12 07 74657374696e67', fields: [{ number: 2, wire: 'bytes', value: text('testing') }] },
    { name: 'an empty length-delimited field', bytes: '1a 00', fields: [{ number: 3, wire: 'bytes', value: new Uint8Array(0) }] },
    { name: 'a fixed32 field, little-endian', bytes: '25 01020304', fields: [{ number: 4, wire: 'fixed32', value: 0x04030201 }] },
    { name: 'a fixed64 field, little-endian', bytes: '29 0102030405060708', fields: [{ number: 5, wire: 'fixed64', value: 0x0807060504030201n }] },
    { name: 'a field number over one key byte (16)', bytes: '8001 01', fields: [{ number: 16, wire: 'varint', value: 1n }] },
    {
      name: 'repeated fields in wire order',
      bytes: '0a 0161 08 02 0a 0162',
      fields: [
        { number: 1, wire: 'bytes', value: text('a') },
        { number: 1, wire: 'varint', value: 2n },
        { number: 1, wire: 'bytes', value: text('b') },
      ],
    },
  ];
  for (const c of messages) it(`reads ${c.name}`, () => expect(readWireFields(hex(c.bytes))).to.deep.equal(c.fields));

  const malformed: { name: string; bytes: string; error: RegExp }[] = [
    { name: 'a truncated varint', bytes: '08 96', error: /^truncated varint at byte 1$/ },
    { name: 'a varint over ten bytes', bytes: '08 ffffffffffffffffffff01', error: /^varint longer than 10 bytes at byte 1$/ },
    { name: 'a length past the end', bytes: '12 05 6869', error: /^length 5 of field 2 runs past the end at byte 2$/ },
    { name: 'a truncated fixed32', bytes: '25 0102', error: /^truncated 32-bit value at byte 1$/ },
    { name: 'a truncated fixed64', bytes: '29 01020304', error: /^truncated 64-bit value at byte 1$/ },
    { name: 'field number 0', bytes: '00 01', error: /^invalid field number 0 at byte 0$/ },
    { name: 'a proto2 group', bytes: '0b 0c', error: /^unsupported wire type 3 of field 1 at byte 0$/ },
    { name: 'wire type 7', bytes: '0f', error: /^unsupported wire type 7 of field 1 at byte 0$/ },
  ];
  for (const c of malformed) it(`refuses ${c.name}`, () => expect(() => readWireFields(hex(c.bytes))).to.throw(c.error));

  it('reads a message that is a view into a larger buffer', () => {
    const whole = hex('ffff 08 2a ffff');
    expect(readWireFields(whole.subarray(2, 4))).to.deep.equal([{ number: 1, wire: 'varint', value: 42n }]);
    const fixed = hex('ff 25 2a000000');
    expect(readWireFields(fixed.subarray(1))).to.deep.equal([{ number: 4, wire: 'fixed32', value: 42 }]);
  });
});
