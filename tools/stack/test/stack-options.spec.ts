import { expect } from 'chai';
import { defaultMembersFile, parseStackOptions, UsageError } from '../src/stack-options.js';

describe('parseStackOptions', () => {
  const cases = [
    { argv: [], want: { replicas: 1, build: true, help: false, members: defaultMembersFile } },
    { argv: ['--replicas', '2', '--no-build', '--members', '0'], want: { replicas: 2, build: false, help: false, members: '0' } },
    { argv: ['-h'], want: { replicas: 1, build: true, help: true, members: defaultMembersFile } },
  ];
  for (const c of cases) it(`parses ${c.argv.join(' ') || 'nothing'}`, () => expect(parseStackOptions(c.argv)).to.deep.equal(c.want));

  const bad = [
    { argv: ['--replicas', '0'], error: /--replicas 0 is not valid/ },
    { argv: ['--replicas', 'x'], error: /--replicas x is not valid/ },
    { argv: ['--bogus'], error: /bogus/ },
    { argv: ['extra'], error: /positional/i },
  ];
  for (const c of bad) it(`rejects ${c.argv.join(' ')}`, () => expect(() => parseStackOptions(c.argv)).to.throw(UsageError, c.error));
});
