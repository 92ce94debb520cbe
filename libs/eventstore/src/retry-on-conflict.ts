import { ConcurrencyConflictError } from './concurrency-conflict-error.js';

/**
 * Runs a read → decide → append step again while its append loses to another writer (a replica of the same service),
 * at most `maxAttempts` times in all; the step must re-read the heads it decides from. Any other error, or the last
 * conflict, is thrown, so the causing batch comes back with backoff.
 */
export async function retryOnConflict<T>(maxAttempts: number, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt >= maxAttempts) throw error;
    }
  }
}
