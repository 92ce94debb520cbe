import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { controlPlaneKubeconfigPath } from '../control-plane.js';
import { controlPlaneRequest } from '../control-plane-request.js';
import { explainLines, type PlacementExplanationView } from '../explain-view.js';
import { outputFormat, printedDocument } from '../output-format.js';
import { parseCommandArgs } from '../command-args.js';

const usage = `Usage: karmadactl explain <binding> [-n NAMESPACE] [--cluster-scoped | --kind ClusterResourceBinding]
                         [-o table|json|yaml] [--kubeconfig FILE]

Explains the scheduler's last decision for a ResourceBinding (in NAMESPACE, default "default") or, with
--cluster-scoped, a ClusterResourceBinding: for every cluster, whether it was selected, feasible or rejected, the
filter plugin that rejected it and why, its score, available and assigned replicas, and the Scheduled condition's
summary. Bindings are named <template>-<kind>, e.g. nginx-deployment (kubectl get rb -A lists them).`;

const kinds = ['ResourceBinding', 'ClusterResourceBinding'];

export const explainCommand: Command = {
  name: 'explain',
  summary: "Explain a binding's placement, cluster by cluster",
  usage,
  async run(argv, out) {
    const parsed = parseCommandArgs(argv, {
          namespace: { type: 'string', short: 'n' },
          'cluster-scoped': { type: 'boolean', default: false },
          kind: { type: 'string' },
          output: { type: 'string', short: 'o' },
          kubeconfig: { type: 'string' },
        }, usage);
    const [name, ...extra] = parsed.positionals;
    if (!name || extra.length > 0) throw usageError('name exactly one binding', usage);
    const { values } = parsed;
    if (values.kind !== undefined && !kinds.includes(values.kind)) throw usageError(`--kind must be one of ${kinds.join(', ')}`, usage);
    const clusterScoped = values['cluster-scoped'] || values.kind === 'ClusterResourceBinding';
    if (clusterScoped && values.kind === 'ResourceBinding') throw usageError('--cluster-scoped contradicts --kind ResourceBinding', usage);
    if (clusterScoped && values.namespace !== undefined) throw usageError('a ClusterResourceBinding has no namespace: drop -n', usage);
    const format = outputFormat(values.output);
    const path = clusterScoped
      ? `/explain/clusterresourcebindings/${encodeURIComponent(name)}`
      : `/explain/namespaces/${encodeURIComponent(values.namespace ?? 'default')}/resourcebindings/${encodeURIComponent(name)}`;
    const explanation = (await controlPlaneRequest(controlPlaneKubeconfigPath(values.kubeconfig), 'GET', path)) as PlacementExplanationView;
    for (const line of format === 'table' ? explainLines(explanation) : printedDocument(explanation, format)) out(line);
  },
};
