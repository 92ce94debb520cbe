import { expect } from 'chai';
import { ColdObjectPacker, CachedObject } from './cached-object.js';

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop', labels: { 'karmada.io/managed': 'true' } },
  spec: { replicas },
  status: { readyReplicas: replicas },
});

describe('CachedObject', () => {
  it('gives a fresh copy of the object, before and after it is packed', () => {
    const cached = new CachedObject(JSON.stringify(deployment('web', 2)), 0);
    const first = cached.object();
    first.metadata.name = 'changed by a reader';
    expect(cached.object()).to.deep.equal(deployment('web', 2));
    cached.pack();
    expect(cached.isPacked).to.equal(true);
    expect(cached.object()).to.deep.equal(deployment('web', 2));
  });
});

describe('ColdObjectPacker', () => {
  let clock = 0;
  let packer: ColdObjectPacker;
  beforeEach(() => {
    clock = 1_000;
    packer = new ColdObjectPacker(5_000, () => clock);
  });
  afterEach(() => packer.stop());

  const cases: { name: string; writtenAt: number[]; sweepAt: number; packed: boolean[] }[] = [
    { name: 'nothing before packAfterMs has passed', writtenAt: [1_000, 2_000], sweepAt: 5_999, packed: [false, false] },
    { name: 'what was written packAfterMs ago or earlier', writtenAt: [1_000, 2_000, 3_000], sweepAt: 7_000, packed: [true, true, false] },
    { name: 'everything, when all of it is old', writtenAt: [1_000, 1_500], sweepAt: 60_000, packed: [true, true] },
  ];
  for (const c of cases) {
    it(`packs ${c.name}`, async () => {
      const objects = c.writtenAt.map((at, i) => {
        clock = at;
        return packer.cache(JSON.stringify(deployment(`web-${i}`, 1)));
      });
      clock = c.sweepAt;
      await packer.sweep();
      expect(objects.map((o) => o.isPacked)).to.deep.equal(c.packed);
      expect(packer.size).to.equal(c.packed.filter((p) => !p).length);
      objects.forEach((o, i) => expect(o.object()).to.deep.equal(deployment(`web-${i}`, 1)));
    });
  }

  it('forgets replaced versions at once (never packs them), and packs each version once over several sweeps', async () => {
    const replaced = packer.cache(JSON.stringify(deployment('web', 1)));
    const current = packer.cache(JSON.stringify(deployment('web', 2)));
    packer.forget(replaced);
    expect(packer.size).to.equal(1);
    clock = 6_000;
    await packer.sweep();
    expect([replaced.isPacked, current.isPacked]).to.deep.equal([false, true]);
    expect(packer.size).to.equal(0);
    expect(replaced.object()).to.deep.equal(deployment('web', 1));
    const later = packer.cache(JSON.stringify(deployment('web', 3)));
    clock = 20_000;
    await packer.sweep();
    expect(later.isPacked).to.equal(true);
    expect(current.object()).to.deep.equal(deployment('web', 2));
  });

  it('packs thousands in one sweep, yielding to the event loop between a few hundred', async () => {
    const objects = Array.from({ length: 1_000 }, (_, i) => packer.cache(JSON.stringify(deployment(`web-${i}`, 1))));
    clock = 10_000;
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    await packer.sweep();
    clearInterval(counting);
    expect(objects.every((o) => o.isPacked)).to.equal(true);
    expect(turns).to.be.greaterThan(0);
  });
});
