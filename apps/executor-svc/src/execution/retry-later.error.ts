/** A Work cannot be reconciled now (its cluster is not ready, a member call failed for a while): try again later. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}
