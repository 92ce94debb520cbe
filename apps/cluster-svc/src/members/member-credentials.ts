import type { LocalSecretReference } from '@karmada-ts/domain';
import type { MemberCredentials } from '@karmada-ts/member-access';

/** The credentials a Cluster's Secret holds, or why it holds none. */
export type CredentialsLookup = { readonly credentials: MemberCredentials } | { readonly problem: string };

/**
 * Where member credentials come from. A `problem` is a fault of the cluster's configuration (no such Secret, no
 * values): it is reported in the cluster's Ready condition. A thrown error is a failure of the lookup itself
 * (database, secret key): the cluster is retried on the next resync and its published status stays as it is.
 */
export interface MemberCredentialsSource {
  credentialsFor(secretRef: LocalSecretReference): Promise<CredentialsLookup>;
}

/** Injection token of the MemberCredentialsSource. */
export const MEMBER_CREDENTIALS = Symbol('MEMBER_CREDENTIALS');

/** The join Secret's data as `karmadactl join` writes it (token, caBundle, clientCertificate, clientKey; base64). */
export function credentialsFromSecretData(data: Readonly<Record<string, string>>): MemberCredentials {
  const decoded = (key: string): string | undefined => {
    const value = data[key];
    return value ? Buffer.from(value, 'base64').toString('utf8') : undefined;
  };
  const credentials: { -readonly [K in keyof MemberCredentials]: MemberCredentials[K] } = {};
  for (const key of ['token', 'caBundle', 'clientCertificate', 'clientKey'] as const) {
    const value = decoded(key);
    if (value) credentials[key] = value;
  }
  return credentials;
}
