import { expect } from 'chai';
import { ConcurrencyConflictError } from './concurrency-conflict-error.js';
import { retryOnConflict } from './retry-on-conflict.js';

describe('retryOnConflict', () => {
  const conflict = () => new ConcurrencyConflictError('k.binding._.x', 3, 4);

  const cases = [
    { name: 'returns at once without a conflict', failures: 0, maxAttempts: 3, wantCalls: 1, wantError: false },
    { name: 'runs the step again after conflicts', failures: 2, maxAttempts: 3, wantCalls: 3, wantError: false },
    { name: 'throws the last conflict once the attempts are used up', failures: 5, maxAttempts: 3, wantCalls: 3, wantError: true },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      let calls = 0;
      const run = retryOnConflict(c.maxAttempts, async () => {
        calls++;
        if (calls <= c.failures) throw conflict();
        return 'done';
      });
      if (c.wantError) await run.then(() => expect.fail('expected a conflict'), (error) => expect(error).to.be.instanceOf(ConcurrencyConflictError));
      else expect(await run).to.equal('done');
      expect(calls).to.equal(c.wantCalls);
    });
  }

  it('does not retry other errors', async () => {
    let calls = 0;
    const failure = new Error('member unreachable');
    const run = retryOnConflict(5, async () => {
      calls++;
      throw failure;
    });
    await run.then(() => expect.fail('expected the error'), (error) => expect(error).to.equal(failure));
    expect(calls).to.equal(1);
  });
});
