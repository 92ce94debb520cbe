/**
 * An append stated the sequence it expected the subject to be at, and the subject had moved on: another writer
 * appended first. Re-read the aggregate, decide again and retry, or report a conflict (HTTP 409) to the user.
 */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';

  constructor(
    readonly subject: string,
    readonly expectedSeq: number,
    /** The subject's last sequence according to the server, when its error message said so. */
    readonly actualSeq: number | undefined,
    options?: ErrorOptions,
  ) {
    super(
      `concurrent append to ${subject}: expected last sequence ${expectedSeq}, ` +
        `but it is ${actualSeq === undefined ? 'different' : actualSeq}`,
      options,
    );
  }
}

/** Reads the actual sequence out of the server's `wrong last sequence: 3` message. */
export function parseActualSequence(message: string): number | undefined {
  const match = /wrong last sequence: (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
