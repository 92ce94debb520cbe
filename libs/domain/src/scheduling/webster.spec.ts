import { expect } from 'chai';
import { fnv32a } from './fnv.js';
import { allocateByWeight, allocateWebsterSeats, namesDescendingFor } from './webster.js';

const seats = (parties: { name: string; seats: number }[]) => Object.fromEntries(parties.map((p) => [p.name, p.seats]));

describe('allocateWebsterSeats', () => {
  // Wikipedia's Sainte-Laguë example: 230,000 votes, 8 seats, seat by seat.
  const classic = new Map([
    ['PartyA', 100_000],
    ['PartyB', 80_000],
    ['PartyC', 30_000],
    ['PartyD', 20_000],
  ]);
  const rounds = [
    [1, 0, 0, 0],
    [1, 1, 0, 0],
    [2, 1, 0, 0],
    [2, 1, 1, 0],
    [2, 2, 1, 0],
    [2, 2, 1, 1],
    [3, 2, 1, 1],
    [3, 3, 1, 1],
  ];
  rounds.forEach(([a, b, c, d], index) => {
    it(`classic example, round ${index + 1}`, () => {
      expect(seats(allocateWebsterSeats(index + 1, classic))).to.deep.equal({ PartyA: a, PartyB: b, PartyC: c, PartyD: d });
    });
  });

  const cases: {
    name: string;
    newSeats: number;
    votes: [string, number][];
    initial?: [string, number][];
    descending?: boolean;
    want: Record<string, number>;
  }[] = [
    { name: 'three parties, four seats', newSeats: 4, votes: [['Alpha', 1200], ['Beta', 900], ['Gamma', 400]], want: { Alpha: 2, Beta: 1, Gamma: 1 } },
    { name: 'no parties: nothing', newSeats: 1, votes: [], want: {} },
    { name: 'no seats: every party with 0', newSeats: 0, votes: [['PartyA', 100], ['PartyB', 200]], want: { PartyA: 0, PartyB: 0 } },
    {
      name: 'equal priority: fewer seats first',
      newSeats: 1,
      votes: [['PartyA', 3], ['PartyB', 1]],
      initial: [['PartyA', 1], ['PartyB', 0]],
      want: { PartyA: 1, PartyB: 1 },
    },
    { name: 'equal priority and seats: name ascending', newSeats: 1, votes: [['PartyA', 1], ['PartyB', 1]], want: { PartyA: 1, PartyB: 0 } },
    { name: 'equal priority and seats: name descending', newSeats: 1, votes: [['PartyA', 1], ['PartyB', 1]], descending: true, want: { PartyA: 0, PartyB: 1 } },
    {
      name: 'new parties take the new seats from an old party without votes',
      newSeats: 2,
      votes: [['NewParty1', 1], ['NewParty2', 1]],
      initial: [['OldParty', 0]],
      want: { NewParty1: 1, NewParty2: 1, OldParty: 0 },
    },
    {
      name: 'old and new parties compete for new seats',
      newSeats: 2,
      votes: [['OldParty', 1], ['NewParty', 1]],
      initial: [['OldParty', 1]],
      want: { NewParty: 2, OldParty: 1 },
    },
    { name: 'a party with seats but no votes gets nothing more', newSeats: 2, votes: [['PartyA', 100]], initial: [['PartyB', 3]], want: { PartyA: 2, PartyB: 3 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = allocateWebsterSeats(c.newSeats, new Map(c.votes), new Map(c.initial ?? []), c.descending ?? false);
      expect(seats(result)).to.deep.equal(c.want);
      expect(result.map((p) => p.name)).to.deep.equal([...result.map((p) => p.name)].sort());
    });
  }
});

describe('allocateByWeight', () => {
  const cases: { name: string; replicas: number; weights: [string, number][]; initial?: [string, number][]; uid?: string; want: Record<string, number> }[] = [
    { name: '9 replicas at 1:2 → 3:6', replicas: 9, weights: [['A', 1], ['B', 2]], want: { A: 3, B: 6 } },
    { name: '9 replicas at 1:3 → 2:7', replicas: 9, weights: [['A', 1], ['B', 3]], want: { A: 2, B: 7 } },
    { name: '12 replicas at 3:2:1', replicas: 12, weights: [['m1', 3], ['m2', 2], ['m3', 1]], want: { m1: 6, m2: 4, m3: 2 } },
    { name: '13 replicas at 3:2:1: the remainder goes to the largest', replicas: 13, weights: [['m1', 3], ['m2', 2], ['m3', 1]], want: { m1: 7, m2: 4, m3: 2 } },
    { name: '14 replicas at 3:2:1', replicas: 14, weights: [['m1', 3], ['m2', 2], ['m3', 1]], want: { m1: 7, m2: 5, m3: 2 } },
    { name: '12 replicas at 1:1:1', replicas: 12, weights: [['m1', 1], ['m2', 1], ['m3', 1]], want: { m1: 4, m2: 4, m3: 4 } },
    { name: 'dynamic 12 over free 6/12/18 → 2/4/6', replicas: 12, weights: [['A', 6], ['B', 12], ['C', 18]], want: { A: 2, B: 4, C: 6 } },
    { name: 'weight 0 gets 0 but is listed', replicas: 3, weights: [['A', 1], ['B', 0]], want: { A: 3, B: 0 } },
    { name: 'all weights 0: the initial result unchanged', replicas: 3, weights: [['A', 0]], initial: [['B', 2]], want: { B: 2 } },
    { name: 'nothing to add on top of an initial result: unchanged', replicas: 0, weights: [['A', 1]], initial: [['B', 2]], want: { B: 2 } },
    { name: 'added on top of initial seats', replicas: 2, weights: [['A', 1], ['B', 1]], initial: [['A', 2]], want: { A: 2, B: 2 } },
    { name: 'tie, no uid: ascending names win', replicas: 1, weights: [['A', 1], ['B', 1]], want: { A: 1, B: 0 } },
    { name: 'tie, uid with even FNV-32a: ascending names win', replicas: 1, weights: [['A', 1], ['B', 1]], uid: 'uid-2', want: { A: 1, B: 0 } },
    { name: 'tie, uid with odd FNV-32a: descending names win', replicas: 1, weights: [['A', 1], ['B', 1]], uid: 'uid-1', want: { A: 0, B: 1 } },
    { name: 'remainder tie over three clusters, odd uid', replicas: 4, weights: [['A', 1], ['B', 1], ['C', 1]], uid: 'uid-3', want: { A: 1, B: 1, C: 2 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = allocateByWeight(c.replicas, new Map(c.weights), new Map(c.initial ?? []), c.uid);
      expect(Object.fromEntries(result.map((t) => [t.name, t.replicas]))).to.deep.equal(c.want);
    });
  }

  const monotonic: { name: string; weights: [string, number][] }[] = [
    { name: 'uneven weights', weights: [['A', 5], ['B', 3], ['C', 1]] },
    { name: 'equal weights', weights: [['A', 2], ['B', 2], ['C', 2], ['D', 2]] },
    { name: 'one dominant weight', weights: [['A', 100], ['B', 1]] },
  ];
  for (const c of monotonic) {
    it(`never takes a replica away when the total grows (${c.name})`, () => {
      let previous = new Map<string, number>();
      for (let replicas = 0; replicas <= 40; replicas++) {
        const current = new Map(allocateByWeight(replicas, new Map(c.weights), undefined, 'uid-1').map((t) => [t.name, t.replicas ?? 0]));
        for (const [name, count] of previous) expect(current.get(name)).to.be.at.least(count);
        expect([...current.values()].reduce((a, b) => a + b, 0)).to.equal(replicas);
        previous = current;
      }
    });
  }
});

describe('fnv32a and the tie-break direction', () => {
  const cases = [
    { text: '', hash: 0x811c9dc5 },
    { text: 'a', hash: 0xe40c292c },
    { text: 'foobar', hash: 0xbf9cf968 },
  ];
  for (const c of cases) {
    it(`hashes ${JSON.stringify(c.text)}`, () => expect(fnv32a(c.text)).to.equal(c.hash));
  }
  const directions = [
    { uid: undefined, descending: false },
    { uid: '', descending: false },
    { uid: 'uid-1', descending: true },
    { uid: 'uid-2', descending: false },
  ];
  for (const c of directions) {
    it(`uid ${JSON.stringify(c.uid)} breaks ties ${c.descending ? 'descending' : 'ascending'}`, () => expect(namesDescendingFor(c.uid)).to.equal(c.descending));
  }
});
