import { expect } from 'chai';
import { decodeContinue, encodeContinue, parseLimit } from './list-pages.js';
import { isKubeStatusError } from './status.js';

function statusOf(run: () => unknown): { code: number; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!isKubeStatusError(error)) throw error;
    return { code: error.status.code, message: error.status.message ?? '' };
  }
}

describe('list pages', () => {
  it('reads back the continuation it wrote', () => {
    const cases = [
      { resourceVersion: '42', after: { namespace: 'default', name: 'nginx' } },
      { resourceVersion: '7', after: { namespace: '', name: 'cluster-wide' } },
      { resourceVersion: '1', after: { namespace: 'ns', name: 'a/b?c=d' } },
    ];
    for (const continuation of cases) expect(decodeContinue(encodeContinue(continuation))).to.deep.equal(continuation);
  });

  it('refuses a continue token it did not write, with 400 and what to do', () => {
    const written = encodeContinue({ resourceVersion: '3', after: { namespace: 'a', name: 'b' } });
    const bad = ['not base64 json', Buffer.from('{"rv":3,"ns":"a","name":"b"}').toString('base64url'), Buffer.from('[]').toString('base64url'), written.slice(0, -4)];
    for (const token of bad) {
      expect(statusOf(() => decodeContinue(token)), token).to.deep.equal({ code: 400, message: 'the continue token is not valid: list again without it' });
    }
  });

  it('takes a non-negative integer limit, 0 and absent meaning all', () => {
    const cases: [string | null, number | undefined][] = [
      [null, undefined],
      ['', undefined],
      ['0', 0],
      ['500', 500],
    ];
    for (const [value, limit] of cases) expect(parseLimit(value), String(value)).to.equal(limit);
    for (const value of ['-1', '1.5', 'ten', '5e2']) {
      expect(statusOf(() => parseLimit(value)), value).to.deep.equal({ code: 400, message: `limit must be a non-negative integer, not "${value}"` });
    }
  });
});
