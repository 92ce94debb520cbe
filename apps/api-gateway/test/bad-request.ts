import { expect } from 'chai';
import { isKubeStatusError } from '@karmada-ts/kube';

/** Runs `call`, expects it to throw a Kubernetes 400 BadRequest, and returns the Status message. */
export function badRequestOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (!isKubeStatusError(error)) throw error;
    expect(error.code).to.equal(400);
    expect(error.reason).to.equal('BadRequest');
    return error.message;
  }
  throw new Error('expected a 400 BadRequest');
}
