import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { CliError } from './cli-error.js';

/** One object read from a -f file. */
export interface Manifest {
  readonly source: string;
  readonly object: Record<string, unknown>;
}

/** What `karmadactl preview` sends: the policy, and the templates (none: preview against the existing ones). */
export interface PreviewManifests {
  readonly policy: Record<string, unknown>;
  readonly templates: readonly Record<string, unknown>[];
}

const policyKinds = ['PropagationPolicy', 'ClusterPropagationPolicy'];

/** Every object of the -f files (`-` is stdin), YAML or JSON, several documents and `kind: List` items included. */
export function readManifests(files: readonly string[], readStdin: () => string = () => readFileSync(0, 'utf8')): Manifest[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = file === '-' ? readStdin() : readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
    }
    return manifestsIn(text, file === '-' ? 'stdin' : file);
  });
}

export function manifestsIn(text: string, source: string): Manifest[] {
  const objects: Manifest[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) throw new CliError(`${source} is not valid YAML: ${document.errors[0]!.message}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (!isObject(value)) throw new CliError(`${source} holds a document that is not an object`);
    const items = value['kind'] === 'List' && Array.isArray(value['items']) ? value['items'] : [value];
    for (const item of items) {
      if (!isObject(item)) throw new CliError(`${source} holds a list item that is not an object`);
      objects.push({ source, object: item });
    }
  }
  return objects;
}

/**
 * Splits the objects into the one policy to preview and the templates. `namespace` (-n) goes onto the policy and
 * onto templates without one; an object naming another namespace is an error, as with kubectl.
 */
export function previewManifests(manifests: readonly Manifest[], namespace?: string): PreviewManifests {
  const policies = manifests.filter(({ object }) => policyKinds.includes(String(object['kind'])) && String(object['apiVersion']).startsWith('policy.karmada.io/'));
  if (policies.length === 0) throw new CliError('no PropagationPolicy or ClusterPropagationPolicy among the -f files: pass the policy to preview with -f', 2);
  if (policies.length > 1) {
    const found = policies.map(({ source, object }) => `${String(object['kind'])} ${nameOf(object)} (${source})`).join(', ');
    throw new CliError(`preview takes one policy at a time; found ${found}`, 2);
  }
  const policy = policies[0]!;
  const templates = manifests.filter((manifest) => manifest !== policy);
  return { policy: inNamespace(policy, namespace), templates: templates.map((template) => inNamespace(template, namespace)) };
}

/**
 * The object with `namespace` where it has none (the server drops it again from cluster-scoped kinds, so templates
 * need not be told apart here; a ClusterPropagationPolicy is left alone).
 */
function inNamespace({ source, object }: Manifest, namespace: string | undefined): Record<string, unknown> {
  if (namespace === undefined || object['kind'] === 'ClusterPropagationPolicy') return object;
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  const own = metadata['namespace'];
  if (typeof own === 'string' && own !== '' && own !== namespace) {
    throw new CliError(`the namespace of ${String(object['kind'])} ${String(metadata['name'] ?? '')} in ${source} (${own}) does not match the namespace -n ${namespace}`);
  }
  return { ...object, metadata: { ...metadata, namespace } };
}

function nameOf(object: Record<string, unknown>): string {
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  return [metadata['namespace'], metadata['name']].filter((part) => typeof part === 'string' && part !== '').join('/');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
