import type { Cluster } from '@karmada-ts/domain';
import type { MemberCredentials } from '@karmada-ts/member-access';

/** A member's credentials and a version that changes whenever they do (a client built from older ones is stale). */
export interface MemberCredentialsLookup {
  readonly credentials: MemberCredentials;
  readonly version: string;
}

/**
 * Where the credentials of a Cluster's spec.secretRef come from. An abstract class so that it is its own injection
 * token; the service reads the gateway's encrypted Secret values (SealedSecretCredentials).
 */
export abstract class MemberCredentialsSource {
  /** @throws CredentialsUnavailableError when they cannot be read yet (retry later). */
  abstract lookup(cluster: Cluster): Promise<MemberCredentialsLookup>;
}

/** The Secret is not there (yet), or its values cannot be read now: a later attempt may succeed. */
export class CredentialsUnavailableError extends Error {
  override readonly name = 'CredentialsUnavailableError';
}
