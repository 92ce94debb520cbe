import { expect } from 'chai';
import { LineSplitter } from './line-splitter.js';

function linesOf(chunks: readonly (string | Buffer)[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  const euro = Buffer.from('{"a":"€"}\n'); // € is three bytes: e2 82 ac
  const cases: { name: string; chunks: readonly (string | Buffer)[]; expected: string[] }[] = [
    { name: 'nothing', chunks: [], expected: [] },
    { name: 'one line per chunk', chunks: ['{"a":1}\n', '{"b":2}\n'], expected: ['{"a":1}', '{"b":2}'] },
    { name: 'several lines in one chunk', chunks: ['{"a":1}\n{"b":2}\n{"c":3}\n'], expected: ['{"a":1}', '{"b":2}', '{"c":3}'] },
    { name: 'a line across three chunks', chunks: ['{"a"', ':12', '3}\n{"b":2}\n'], expected: ['{"a":123}', '{"b":2}'] },
    { name: 'a last line without a line feed', chunks: ['{"a":1}\n{"b"', ':2}'], expected: ['{"a":1}', '{"b":2}'] },
    { name: 'blank lines skipped', chunks: ['\n{"a":1}\n\n  \n', '\n'], expected: ['{"a":1}'] },
    { name: 'a chunk that is only the line feed', chunks: ['{"a":1}', '\n', '{"b":2}'], expected: ['{"a":1}', '{"b":2}'] },
    {
      name: 'a character whose bytes fall into two chunks',
      chunks: [euro.subarray(0, 7), euro.subarray(7)],
      expected: ['{"a":"€"}'],
    },
  ];
  for (const c of cases) it(c.name, () => expect(linesOf(c.chunks)).to.deep.equal(c.expected));

  it('stops at the line whose consumer throws (the watch then ends)', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => {
      if (line === 'bad') throw new Error('not JSON');
      lines.push(line);
    });
    expect(() => splitter.push(Buffer.from('one\nbad\nthree\n'))).to.throw('not JSON');
    expect(lines).to.deep.equal(['one']);
  });
});
