import { expect } from 'chai';
import { jsonPointerSyntaxError } from './json-pointer-syntax.js';

const invalid = 'JSON pointer must be empty or start with a "/"\nJSON pointer error';

const cases: { pointer: string; want: string | undefined }[] = [
  { pointer: '', want: undefined },
  { pointer: '/', want: undefined },
  { pointer: '/spec/template/spec/containers/0/image', want: undefined },
  { pointer: '/metadata/annotations/a~1b', want: undefined },
  { pointer: 'spec/replicas', want: invalid },
  { pointer: ' /spec', want: invalid },
  { pointer: '#/spec', want: invalid },
];

describe('jsonPointerSyntaxError', () => {
  for (const c of cases) it(JSON.stringify(c.pointer), () => expect(jsonPointerSyntaxError(c.pointer)).to.equal(c.want));
});
