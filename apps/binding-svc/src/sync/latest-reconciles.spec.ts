import { expect } from 'chai';
import { LatestReconciles } from './latest-reconciles.js';

describe('LatestReconciles', () => {
  const cases: { name: string; run: (reconciles: LatestReconciles) => boolean; latest: boolean }[] = [
    { name: 'the only reconcile of a binding', run: (r) => r.isLatest('default/a', r.begin(['default/a'])), latest: true },
    {
      name: 'a reconcile of two bindings, for the one reconciled again since',
      run: (r) => {
        const first = r.begin(['default/a', 'default/b']);
        r.begin(['default/a']);
        return r.isLatest('default/a', first);
      },
      latest: false,
    },
    {
      name: 'a reconcile of two bindings, for the one not reconciled since',
      run: (r) => {
        const first = r.begin(['default/a', 'default/b']);
        r.begin(['default/a']);
        return r.isLatest('default/b', first);
      },
      latest: true,
    },
    { name: 'a reconcile of another binding', run: (r) => r.isLatest('default/b', r.begin(['default/a'])), latest: false },
    { name: 'no reconcile named', run: (r) => (r.begin(['default/a']), r.isLatest('default/a', undefined)), latest: false },
    { name: 'a binding never reconciled here', run: (r) => r.isLatest('default/a', 1), latest: false },
  ];
  for (const { name, run, latest } of cases) {
    it(`${latest ? 'is' : 'is not'} the latest: ${name}`, () => {
      expect(run(new LatestReconciles())).to.equal(latest);
    });
  }

  it('forgets the oldest bindings beyond its bound, and then counts none of their reconciles as the latest', () => {
    const reconciles = new LatestReconciles();
    const first = reconciles.begin(['default/first']);
    for (let i = 0; i < 100_000; i++) reconciles.begin([`default/b-${i}`]);
    expect(reconciles.isLatest('default/first', first)).to.equal(false);
    expect(reconciles.isLatest('default/b-99999', first + 100_000)).to.equal(true);
  });
});
