import type { LatestStateReader, StateKey, StateRow } from '@karmada-ts/projections';
import { BatchLoader } from './batch-loader.js';

/**
 * Point reads of a latest-state table asked for at the same moment (a batch's reconciles running side by side, the
 * Works of one batch on many members), answered with one query per (kind, namespace) instead of one query each. Each
 * read is as fresh as a `get` made when the event loop next runs its immediates.
 */
export class BatchedStateReads<T> {
  private readonly loader = new BatchLoader((key: StateKey) => stateKeyId(key), (keys) => this.getAll(keys));

  constructor(private readonly reader: Pick<LatestStateReader<T>, 'getMany'>) {}

  get(key: StateKey): Promise<StateRow<T> | undefined> {
    return this.loader.load(key);
  }

  private async getAll(keys: readonly StateKey[]): Promise<Map<string, StateRow<T>>> {
    const scopes = new Map<string, { kind: string; namespace: string; names: string[] }>();
    for (const { kind, namespace, name } of keys) {
      const id = `${kind}\u0000${namespace}`;
      const scope = scopes.get(id) ?? { kind, namespace, names: [] };
      scope.names.push(name);
      scopes.set(id, scope);
    }
    const found = new Map<string, StateRow<T>>();
    for (const { kind, namespace, names } of scopes.values()) {
      for (const row of await this.reader.getMany(kind, namespace, names)) found.set(stateKeyId(row), row);
    }
    return found;
  }
}

function stateKeyId(key: StateKey): string {
  return `${key.kind}\u0000${key.namespace}\u0000${key.name}`;
}
