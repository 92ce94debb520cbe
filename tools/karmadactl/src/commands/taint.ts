import { CliError, usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { updateClusterTaints } from '../cluster-taints.js';
import { controlPlaneApi, controlPlaneKubeconfigPath } from '../control-plane.js';
import { applyTaintChange, parseTaintChange, type TaintChange } from '../taint-spec.js';
import { parseCommandArgs } from '../command-args.js';

const usage = `Usage: karmadactl taint cluster <name> KEY[=VALUE]:EFFECT [KEY[:EFFECT]- …] [--overwrite] [--kubeconfig FILE]

Adds or removes taints on a cluster, like kubectl taint does on nodes. EFFECT is NoSchedule, PreferNoSchedule or
NoExecute; a trailing '-' removes. Changing the value of an existing taint needs --overwrite.`;

export const taintCommand: Command = {
  name: 'taint',
  summary: 'Update the taints on a cluster',
  usage,
  async run(argv, out) {
    const parsed = parseCommandArgs(argv, { kubeconfig: { type: 'string' }, overwrite: { type: 'boolean', default: false } }, usage);
    const [resource, name, ...specs] = parsed.positionals;
    if (resource !== 'cluster' && resource !== 'clusters') throw usageError('the only taintable resource is "cluster"', usage);
    if (!name || specs.length === 0) throw usageError('name a cluster and at least one taint', usage);
    let changes: TaintChange[];
    try {
      changes = specs.map(parseTaintChange);
    } catch (error) {
      throw usageError((error as Error).message, usage);
    }
    const api = controlPlaneApi(controlPlaneKubeconfigPath(parsed.values.kubeconfig));
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const changed = await updateClusterTaints(api, name, (taints) => {
      let result = [...taints];
      for (const change of changes) {
        if (change.action === 'add' && !parsed.values.overwrite) {
          const existing = result.find((t) => t.key === change.taint.key && t.effect === change.taint.effect);
          if (existing && existing.value !== change.taint.value) {
            throw new CliError(`cluster ${name} already has taint ${existing.key}:${existing.effect} with a different value; use --overwrite`);
          }
          if (existing) continue;
        }
        if (change.action === 'remove' && !result.some((t) => t.key === change.key && (!change.effect || t.effect === change.effect))) {
          throw new CliError(`taint "${change.key}${change.effect ? `:${change.effect}` : ''}" not found on cluster ${name}`);
        }
        result = applyTaintChange(result, change, now);
      }
      return result;
    });
    out(changed ? `cluster/${name} tainted` : `cluster/${name} unchanged`);
  },
};
