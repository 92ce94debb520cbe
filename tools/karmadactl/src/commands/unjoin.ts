import { ReservedNamespace } from '@karmada-ts/domain';
import { apiStatusCode, CliError, describeApiError, usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { controlPlaneApi, controlPlaneKubeconfigPath } from '../control-plane.js';
import { parseCommandArgs } from '../command-args.js';

const usage = `Usage: karmadactl unjoin <name> [--wait DURATION_SECONDS] [--kubeconfig CONTROL_PLANE_KUBECONFIG]

Removes a member cluster: deletes the Cluster (its deletion completes after its Works and the objects applied in the
member are gone) and then its stored credentials. --wait (default 60) is how long to wait for that.`;

export const unjoinCommand: Command = {
  name: 'unjoin',
  summary: 'Remove a member cluster from the control plane',
  usage,
  async run(argv, out) {
    const parsed = parseCommandArgs(argv, { kubeconfig: { type: 'string' }, wait: { type: 'string', default: '60' } }, usage);
    const [name, ...extra] = parsed.positionals;
    if (!name || extra.length > 0) throw usageError('unjoin takes exactly one cluster name', usage);
    const waitSeconds = Number(parsed.values.wait);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw usageError(`--wait ${parsed.values.wait} is not a number of seconds`, usage);
    const api = controlPlaneApi(controlPlaneKubeconfigPath(parsed.values.kubeconfig));
    const ref = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name } };
    try {
      await api.delete(ref);
    } catch (error) {
      if (apiStatusCode(error) === 404) throw new CliError(`cluster "${name}" not found; nothing to unjoin`);
      throw new CliError(`cannot delete cluster "${name}": ${describeApiError(error)}`);
    }
    const deadline = Date.now() + waitSeconds * 1000;
    for (;;) {
      try {
        await api.read(ref);
      } catch (error) {
        if (apiStatusCode(error) === 404) break;
        throw new CliError(`cannot read cluster "${name}": ${describeApiError(error)}`);
      }
      if (Date.now() >= deadline) {
        throw new CliError(`cluster "${name}" is still being removed after ${waitSeconds}s (its Works are being cleaned up); run unjoin again to keep waiting`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await api
      .delete({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ReservedNamespace.KarmadaCluster } })
      .catch((error: unknown) => {
        if (apiStatusCode(error) !== 404) throw new CliError(`cluster removed, but its credentials Secret was not: ${describeApiError(error)}`);
      });
    out(`cluster(${name}) is unjoined successfully`);
  },
};
