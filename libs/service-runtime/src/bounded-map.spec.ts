import { expect } from 'chai';
import { BoundedMap } from './bounded-map.js';

describe('BoundedMap', () => {
  it('forgets the least recently written entry beyond its size', () => {
    const map = new BoundedMap<number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).to.deep.equal([undefined, 2, 3]);
  });

  it('counts a rewrite as the newest write', () => {
    const map = new BoundedMap<number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).to.deep.equal([10, undefined, 3]);
  });

  it('deletes an entry', () => {
    const map = new BoundedMap<number>(2);
    map.set('a', 1);
    map.delete('a');
    expect(map.get('a')).to.equal(undefined);
  });
});
