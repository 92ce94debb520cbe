import { expect } from 'chai';
import { uniqueName } from '@karmada-ts/testing';

describe('uniqueName', () => {
  it('prefixes and never repeats', () => {
    const a = uniqueName('Stream');
    const b = uniqueName('Stream');
    expect(a).to.match(/^stream_/);
    expect(a).to.not.equal(b);
  });
});
