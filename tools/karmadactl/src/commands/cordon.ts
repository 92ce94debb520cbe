import { ClusterTaintKey } from '@karmada-ts/domain';
import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { updateClusterTaints } from '../cluster-taints.js';
import { controlPlaneApi, controlPlaneKubeconfigPath } from '../control-plane.js';
import { applyTaintChange } from '../taint-spec.js';
import { parseCommandArgs } from '../command-args.js';

function cordonCommand(name: 'cordon' | 'uncordon'): Command {
  const usage = `Usage: karmadactl ${name} <cluster> [--kubeconfig CONTROL_PLANE_KUBECONFIG]\n\n${
    name === 'cordon'
      ? 'Marks the cluster unschedulable: adds the cluster.karmada.io/unschedulable:NoSchedule taint.'
      : 'Marks the cluster schedulable again: removes the cluster.karmada.io/unschedulable:NoSchedule taint.'
  }`;
  return {
    name,
    summary: name === 'cordon' ? 'Mark a cluster as unschedulable' : 'Mark a cluster as schedulable',
    usage,
    async run(argv, out) {
      const parsed = parseCommandArgs(argv, { kubeconfig: { type: 'string' } }, usage);
      const [cluster, ...extra] = parsed.positionals;
      if (!cluster || extra.length > 0) throw usageError(`${name} takes exactly one cluster name`, usage);
      const api = controlPlaneApi(controlPlaneKubeconfigPath(parsed.values.kubeconfig));
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const changed = await updateClusterTaints(api, cluster, (taints) =>
        name === 'cordon'
          ? taints.some((t) => t.key === ClusterTaintKey.Unschedulable && t.effect === 'NoSchedule')
            ? [...taints]
            : applyTaintChange(taints, { action: 'add', taint: { key: ClusterTaintKey.Unschedulable, effect: 'NoSchedule' } }, now)
          : applyTaintChange(taints, { action: 'remove', key: ClusterTaintKey.Unschedulable, effect: 'NoSchedule' }, now),
      );
      const verb = name === 'cordon' ? 'cordoned' : 'uncordoned';
      out(changed ? `cluster/${cluster} ${verb}` : `cluster/${cluster} already ${verb}`);
    },
  };
}

export const cordon = cordonCommand('cordon');
export const uncordon = cordonCommand('uncordon');
