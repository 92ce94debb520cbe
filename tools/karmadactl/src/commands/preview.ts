import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { controlPlaneKubeconfigPath } from '../control-plane.js';
import { controlPlaneRequest } from '../control-plane-request.js';
import { outputFormat, printedDocument } from '../output-format.js';
import { previewManifests, readManifests } from '../preview-manifests.js';
import { previewLines, type PropagationPreviewView } from '../preview-view.js';
import { parseCommandArgs } from '../command-args.js';

const usage = `Usage: karmadactl preview -f POLICY_FILE [-f TEMPLATE_FILE …] [-n NAMESPACE] [-o table|json|yaml]
                         [--kubeconfig FILE]

Shows, without changing anything, what applying a PropagationPolicy or ClusterPropagationPolicy would do: which
resource templates it would claim (Karmada's precedence against the existing policies included) and where the
scheduler would place each one, with how many replicas, over the clusters as they are now. The files (YAML or JSON,
"-" for stdin) hold exactly one policy; templates among them are previewed instead of the existing ones.
-n puts the policy and templates without a namespace into NAMESPACE.`;

export const previewCommand: Command = {
  name: 'preview',
  summary: 'Preview which templates a policy would claim and where they would go',
  usage,
  async run(argv, out) {
    const parsed = parseCommandArgs(argv, {
          filename: { type: 'string', short: 'f', multiple: true },
          namespace: { type: 'string', short: 'n' },
          output: { type: 'string', short: 'o' },
          kubeconfig: { type: 'string' },
        }, usage, false);
    const { values } = parsed;
    if (!values.filename?.length) throw usageError('name the policy file with -f', usage);
    const format = outputFormat(values.output);
    const { policy, templates } = previewManifests(readManifests(values.filename), values.namespace);
    const body = { policy, ...(templates.length > 0 ? { templates } : {}) };
    const preview = (await controlPlaneRequest(controlPlaneKubeconfigPath(values.kubeconfig), 'POST', '/preview', body)) as PropagationPreviewView;
    for (const line of format === 'table' ? previewLines(preview) : printedDocument(preview, format)) out(line);
  },
};
