import { CliError } from './cli-error.js';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Karmada's rule for cluster names: a DNS-1123 label of at most 48 characters (it prefixes karmada-es-). */
export function validateClusterName(name: string): void {
  if (name.length > 48 || !dnsLabel.test(name)) {
    throw new CliError(
      `invalid cluster name "${name}": use at most 48 lower-case letters, digits or '-', starting and ending with a letter or digit`,
      2,
    );
  }
}
