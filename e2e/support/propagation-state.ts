import { KarmadaAnnotation, KarmadaLabel, WorkConditionType } from '@karmada-ts/domain';
import type { CommandResult, E2eStack } from './e2e-stack.js';

/**
 * What a propagation left in place, read where users read it: the Deployments in each member (kubectl against the
 * member), and the Works and the templates' status on the control plane (kubectl against the gateway).
 */
export interface PropagationState {
  /** `<cluster>/<namespace>/<name>` → the member's Deployment. */
  readonly members: Map<string, MemberObject>;
  /** `<execution namespace>/<name>` → the Work. */
  readonly works: Map<string, ListedWork>;
  /** `<namespace>/<name>` → the template's aggregated readyReplicas. */
  readonly ready: Map<string, number>;
}

/** A member's Deployment: its replicas and the marks Karmada's execution leaves on it. */
export interface MemberObject {
  readonly replicas: number;
  /** The karmada.io/managed label. */
  readonly managed: string | undefined;
  /** `<namespace>/<name>` of the Work that applied it (work.karmada.io/namespace and name annotations). */
  readonly work: string;
  readonly templateUid: string | undefined;
}

/** A Work as the gateway lists it. */
export interface ListedWork {
  /** `<namespace>/<name>` of the binding it was rendered from; undefined for an auto-propagated Namespace's Work. */
  readonly binding: string | undefined;
  /** The Deployment replicas it carries; undefined for a Namespace. */
  readonly replicas: number | undefined;
  /** Status of its Applied condition. */
  readonly applied: string | undefined;
}

interface ObjectJson {
  readonly metadata: {
    readonly namespace?: string;
    readonly name: string;
    readonly uid?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
}

interface DeploymentJson extends ObjectJson {
  readonly spec: { readonly replicas: number };
  readonly status?: { readonly readyReplicas?: number };
}

interface WorkJson extends ObjectJson {
  readonly spec: { readonly workload: { readonly manifests: readonly (DeploymentJson & { readonly kind: string })[] } };
  readonly status?: { readonly conditions?: readonly { readonly type: string; readonly status: string }[] };
}

/** Reads the state of the objects in `namespaces` (templates, and what was propagated from them). */
export async function readPropagationState(stack: E2eStack, clusters: readonly string[], namespaces: ReadonlySet<string>): Promise<PropagationState> {
  return {
    members: await memberObjects(stack, clusters, namespaces),
    works: await listedWorks(stack, namespaces),
    ready: await templateReadiness(stack, namespaces),
  };
}

export async function memberObjects(stack: E2eStack, clusters: readonly string[], namespaces: ReadonlySet<string>): Promise<Map<string, MemberObject>> {
  const members = new Map<string, MemberObject>();
  for (const cluster of clusters) {
    for (const item of await listed<DeploymentJson>(stack.memberKubectl(cluster, 'get', 'deployments', '-A', '-o', 'json'), cluster)) {
      if (!namespaces.has(item.metadata.namespace ?? '')) continue;
      const annotations = item.metadata.annotations ?? {};
      members.set(`${cluster}/${item.metadata.namespace}/${item.metadata.name}`, {
        replicas: item.spec.replicas,
        managed: item.metadata.labels?.[KarmadaLabel.Managed],
        work: `${annotations[KarmadaAnnotation.WorkNamespace]}/${annotations[KarmadaAnnotation.WorkName]}`,
        templateUid: annotations[KarmadaAnnotation.ResourceTemplateUid],
      });
    }
  }
  return members;
}

/** The Works (`kubectl get works -A`) whose manifest is in one of `namespaces` or is one of them. */
export async function listedWorks(stack: E2eStack, namespaces: ReadonlySet<string>): Promise<Map<string, ListedWork>> {
  const works = new Map<string, ListedWork>();
  for (const work of await listed<WorkJson>(stack.kubectl('get', 'works', '-A', '-o', 'json'), 'the control plane')) {
    const manifest = work.spec.workload.manifests[0]!;
    const isNamespace = manifest.kind === 'Namespace';
    if (!namespaces.has((isNamespace ? manifest.metadata.name : manifest.metadata.namespace) ?? '')) continue;
    const annotations = work.metadata.annotations ?? {};
    const bindingName = annotations[KarmadaAnnotation.ResourceBindingName];
    works.set(`${work.metadata.namespace}/${work.metadata.name}`, {
      binding: bindingName ? `${annotations[KarmadaAnnotation.ResourceBindingNamespace]}/${bindingName}` : undefined,
      replicas: isNamespace ? undefined : manifest.spec.replicas,
      applied: work.status?.conditions?.find((c) => c.type === WorkConditionType.Applied)?.status,
    });
  }
  return works;
}

/** Each template's aggregated readyReplicas, as `kubectl get deployments` on the control plane shows it. */
export async function templateReadiness(stack: E2eStack, namespaces: ReadonlySet<string>): Promise<Map<string, number>> {
  const templates = await templatesIn(stack, namespaces);
  return new Map(templates.map((d) => [`${d.metadata.namespace}/${d.metadata.name}`, d.status?.readyReplicas ?? 0]));
}

/** `<namespace>/<name>` → uid of every template in `namespaces`. */
export async function templateUids(stack: E2eStack, namespaces: ReadonlySet<string>): Promise<Map<string, string>> {
  const templates = await templatesIn(stack, namespaces);
  return new Map(templates.map((d) => [`${d.metadata.namespace}/${d.metadata.name}`, d.metadata.uid ?? '']));
}

async function templatesIn(stack: E2eStack, namespaces: ReadonlySet<string>): Promise<DeploymentJson[]> {
  const templates = await listed<DeploymentJson>(stack.kubectl('get', 'deployments', '-A', '-o', 'json'), 'the control plane');
  return templates.filter((d) => namespaces.has(d.metadata.namespace ?? ''));
}

async function listed<T>(command: Promise<CommandResult>, where: string): Promise<T[]> {
  const result = await command;
  if (result.code !== 0) throw new Error(`listing in ${where} failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { items: T[] }).items;
}
