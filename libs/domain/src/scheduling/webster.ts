import type { TargetCluster } from '../api/work.js';
import { compareNames } from './compare-names.js';
import { fnv32a } from './fnv.js';

/** A cluster in the Webster apportionment: votes are its weight, seats its replicas. */
export interface Party {
  readonly name: string;
  readonly votes: number;
  seats: number;
}

/**
 * The Webster (Sainte-Laguë) method, Karmada's replica divider since v1.16: each of `newSeats` seats goes to the party
 * with the largest votes/(2·seats+1). Ties go to the party with fewer seats, then by name — ascending, or descending
 * when `namesDescending` (see namesDescendingFor). A party only in `initialSeats` competes with 0 votes.
 * Priorities are compared as float64 quotients, as Karmada does, so equal ratios tie exactly as they do there.
 * Returns every party, sorted by name.
 */
export function allocateWebsterSeats(
  newSeats: number,
  votes: ReadonlyMap<string, number>,
  initialSeats: ReadonlyMap<string, number> = new Map(),
  namesDescending = false,
): Party[] {
  const parties = new Map<string, Party>();
  for (const [name, seats] of initialSeats) parties.set(name, { name, votes: 0, seats });
  for (const [name, count] of votes) parties.set(name, { name, votes: count, seats: parties.get(name)?.seats ?? 0 });
  if (parties.size === 0) return [];

  const first = (a: Party, b: Party): boolean => {
    const priorityA = a.votes / (2 * a.seats + 1);
    const priorityB = b.votes / (2 * b.seats + 1);
    if (priorityA !== priorityB) return priorityA > priorityB;
    if (a.seats !== b.seats) return a.seats < b.seats;
    return namesDescending ? a.name > b.name : a.name < b.name;
  };
  const queue = new PriorityQueue([...parties.values()], first);
  for (let seat = 0; seat < newSeats; seat++) {
    queue.top().seats++;
    queue.topChanged();
  }
  return [...parties.values()].sort((a, b) => compareNames(a.name, b.name));
}

/**
 * Karmada's tie-break direction for a workload: the parity of FNV-32a over the binding's resource uid (odd →
 * descending names). Stable for one workload, but different workloads break ties towards different clusters.
 * No uid → ascending.
 */
export function namesDescendingFor(uid: string | undefined): boolean {
  return uid ? (fnv32a(uid) & 1) === 1 : false;
}

/**
 * Karmada's Dispenser.AllocateByWeight: share `replicas` by weight with the Webster method, on top of `initialSeats`.
 * Nothing to share out on top of an existing result, or all weights zero → the initial result unchanged.
 * Returns every cluster that took part, sorted by name (clusters given weight 0 included, with what they had).
 */
export function allocateByWeight(
  replicas: number,
  weights: ReadonlyMap<string, number>,
  initialSeats: ReadonlyMap<string, number> = new Map(),
  uid?: string,
): TargetCluster[] {
  const initial = (): TargetCluster[] => [...initialSeats].map(([name, seats]) => ({ name, replicas: seats }));
  if (replicas === 0 && initialSeats.size > 0) return initial();
  let weightSum = 0;
  for (const weight of weights.values()) weightSum += weight;
  if (weightSum === 0) return initial();
  return allocateWebsterSeats(replicas, weights, initialSeats, namesDescendingFor(uid)).map((party) => ({ name: party.name, replicas: party.seats }));
}

/** A binary heap whose top is the element `first` puts ahead of all others. */
class PriorityQueue<T> {
  constructor(
    private readonly items: T[],
    private readonly first: (a: T, b: T) => boolean,
  ) {
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  top(): T {
    return this.items[0]!;
  }

  /** Restores the heap after the top element's priority went down. */
  topChanged(): void {
    this.siftDown(0);
  }

  private siftDown(index: number): void {
    const { items, first } = this;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= items.length) return;
      const right = left + 1;
      const child = right < items.length && first(items[right]!, items[left]!) ? right : left;
      if (!first(items[child]!, items[index]!)) return;
      [items[index], items[child]] = [items[child]!, items[index]!];
      index = child;
    }
  }
}
