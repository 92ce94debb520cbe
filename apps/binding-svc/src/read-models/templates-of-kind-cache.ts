import type { TemplateState } from './read-model-tables.js';

/**
 * The templates of a kind as last read, with the kind's version at that read: the count of its rows and the sum of
 * their sequences. Every write gives a row a sequence above all before it, so any set of inserts, updates and deletes
 * changes the count or raises the sum: an unchanged version means unchanged rows, in whatever snapshot it was read.
 */
export class TemplatesOfKindCache {
  private readonly byKind = new Map<string, { readonly version: string; readonly states: readonly TemplateState[] }>();

  /** The states read at `version`: from the cache when it holds that version, otherwise `read()` (then kept). */
  async get(kind: string, version: string, read: () => Promise<readonly TemplateState[]>): Promise<readonly TemplateState[]> {
    const cached = this.byKind.get(kind);
    if (cached?.version === version) return cached.states;
    const states = await read();
    this.byKind.set(kind, { version, states });
    return states;
  }
}
