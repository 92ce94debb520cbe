import {
  generateBindingName,
  KarmadaLabel,
  readClaim,
  type AnyPropagationPolicy,
  type AnyResourceBinding,
  type Cluster,
  type ClusterOverridePolicy,
  type ClusterPropagationPolicy,
  type DetectInput,
  type OverridePolicy,
  type PreviewTemplate,
  type PropagationPolicy,
} from '@karmada-ts/domain';
import {
  isKubeStatusError,
  parseApiVersion,
  type JsonObject,
  type KubeObject,
  type RequestContext,
  type RequestOptions,
  type ResourceDefinition,
  type ResourceService,
} from '@karmada-ts/kube';
import { badPreviewRequest } from './preview-request.js';

const policyGroup = { group: 'policy.karmada.io', version: 'v1alpha1' };
const bindingGroup = { group: 'work.karmada.io', version: 'v1alpha2' };

/**
 * What a preview reads, all through the API's own resource service: the policy and templates as they would be
 * admitted (dry runs: the same defaulting and validation as a create or update, nothing written), and the templates,
 * policies, bindings and Clusters as the API serves them.
 */
export class PreviewSources {
  private readonly dryRun: RequestOptions;

  constructor(
    private readonly service: ResourceService,
    context: RequestContext,
  ) {
    this.dryRun = { dryRun: true, fieldValidation: 'Strict', context };
  }

  /**
   * The policy as it would be stored. When one of that name exists, the preview is of its update: it keeps the
   * existing permanent id (its claims then stay its own) and answers to the update's validation.
   */
  async admittedPolicy(body: JsonObject): Promise<AnyPropagationPolicy> {
    const kind = body['kind'] as AnyPropagationPolicy['kind'];
    const def = this.definition(policyGroup.group, policyGroup.version, kind === 'PropagationPolicy' ? 'propagationpolicies' : 'clusterpropagationpolicies');
    const metadata = (body['metadata'] ?? {}) as KubeObject['metadata'];
    const namespace = kind === 'PropagationPolicy' ? metadata.namespace || 'default' : '';
    const existing = metadata.name ? await this.find(def, namespace, metadata.name) : undefined;
    if (!existing) return (await this.service.create(def, namespace, body, this.dryRun)) as unknown as AnyPropagationPolicy;
    const idLabel = kind === 'PropagationPolicy' ? KarmadaLabel.PropagationPolicyPermanentId : KarmadaLabel.ClusterPropagationPolicyPermanentId;
    const { resourceVersion: _ignored, ...rest } = metadata;
    const labels = { ...rest.labels, ...(existing.metadata.labels?.[idLabel] ? { [idLabel]: existing.metadata.labels[idLabel] } : {}) };
    return (await this.service.update(def, namespace, metadata.name!, { ...body, metadata: { ...rest, labels } }, this.dryRun)) as unknown as AnyPropagationPolicy;
  }

  /**
   * A submitted template as it would be stored (created, or updated when it exists), with the claim and binding the
   * existing one has. Without a namespace it goes with a PropagationPolicy into the policy's namespace, else into
   * `default`, as kubectl would put it.
   */
  async submittedTemplate(body: JsonObject, index: number, policy: AnyPropagationPolicy): Promise<PreviewTemplate> {
    const apiVersion = body['apiVersion'] as string;
    const kind = body['kind'] as string;
    const { group, version } = parseApiVersion(apiVersion);
    const def = this.service.registry.getByKind(group, version, kind);
    if (!def) throw badPreviewRequest([{ field: `templates[${index}]`, message: `the server does not serve ${apiVersion}, Kind=${kind}` }]);
    const metadata = (body['metadata'] ?? {}) as KubeObject['metadata'];
    const namespace = def.namespaced ? metadata.namespace || policy.metadata.namespace || 'default' : '';
    const name = metadata.name!;
    const existing = await this.find(def, namespace, name);
    const { resourceVersion: _ignored, ...rest } = metadata;
    const template = existing
      ? await this.service.update(def, namespace, name, { ...body, metadata: rest }, this.dryRun)
      : await this.service.create(def, namespace, body, this.dryRun);
    const claim = existing && readClaim(existing);
    const binding = await this.bindingOf(template);
    return { template, ...(claim ? { claim } : {}), ...(binding ? { binding } : {}), submitted: true };
  }

  /**
   * The templates that exist of the kinds the policy's resourceSelectors name (in the policy's namespace for a
   * PropagationPolicy), with their claims and bindings. Kinds the API does not serve have no templates.
   */
  async existingTemplates(policy: AnyPropagationPolicy): Promise<PreviewTemplate[]> {
    const namespace = policy.kind === 'PropagationPolicy' ? policy.metadata.namespace : undefined;
    const kinds = new Map<string, ResourceDefinition>();
    for (const selector of policy.spec.resourceSelectors ?? []) {
      const { group, version } = parseApiVersion(selector.apiVersion);
      const def = this.service.registry.getByKind(group, version, selector.kind);
      if (def?.verbs.includes('list')) kinds.set(`${def.group}/${def.plural}`, def);
    }
    const templates = (await Promise.all([...kinds.values()].map(async (def) => (await this.service.list(def, namespace)).items))).flat();
    if (templates.length === 0) return [];
    const bindings = await this.bindingsIn(namespace);
    return templates.map((template) => {
      const claim = readClaim(template);
      const binding = bindings.get(bindingKeyOf(template));
      return { template, ...(claim ? { claim } : {}), ...(binding ? { binding } : {}), submitted: false };
    });
  }

  /** Every (Cluster)PropagationPolicy and (Cluster)OverridePolicy (the detector checks dependentOverrides). */
  async policies(): Promise<DetectInput> {
    const list = async <T>(plural: string) => (await this.service.list(this.definition(policyGroup.group, policyGroup.version, plural), undefined)).items as unknown as T[];
    const [propagationPolicies, clusterPropagationPolicies, overridePolicies, clusterOverridePolicies] = await Promise.all([
      list<PropagationPolicy>('propagationpolicies'),
      list<ClusterPropagationPolicy>('clusterpropagationpolicies'),
      list<OverridePolicy>('overridepolicies'),
      list<ClusterOverridePolicy>('clusteroverridepolicies'),
    ]);
    return { propagationPolicies, clusterPropagationPolicies, overridePolicies, clusterOverridePolicies };
  }

  /** The Clusters as served: spec with the controllers' taints, status from cluster-svc. */
  async clusters(): Promise<Cluster[]> {
    return (await this.service.list(this.definition('cluster.karmada.io', 'v1alpha1', 'clusters'), undefined)).items as unknown as Cluster[];
  }

  /** The value of the PriorityClass a policy's schedulePriority names; undefined when there is none. */
  async priorityClassValue(name: string): Promise<number | undefined> {
    const def = this.service.resolve('scheduling.k8s.io', 'v1', 'priorityclasses');
    const priorityClass = def && (await this.find(def, '', name));
    const value = priorityClass?.['value'];
    return typeof value === 'number' ? value : undefined;
  }

  private async bindingOf(template: KubeObject): Promise<AnyResourceBinding | undefined> {
    const namespace = template.metadata.namespace ?? '';
    const def = this.definition(bindingGroup.group, bindingGroup.version, namespace ? 'resourcebindings' : 'clusterresourcebindings');
    return (await this.find(def, namespace, generateBindingName(template.kind, template.metadata.name ?? ''))) as AnyResourceBinding | undefined;
  }

  /** The bindings of one namespace, or every binding (both kinds), by `namespace/name`. */
  private async bindingsIn(namespace: string | undefined): Promise<Map<string, AnyResourceBinding>> {
    const plurals = namespace ? ['resourcebindings'] : ['resourcebindings', 'clusterresourcebindings'];
    const lists = await Promise.all(plurals.map((plural) => this.service.list(this.definition(bindingGroup.group, bindingGroup.version, plural), namespace)));
    const bindings = lists.flatMap((list) => list.items as unknown as AnyResourceBinding[]);
    return new Map(bindings.map((binding) => [`${binding.metadata.namespace ?? ''}/${binding.metadata.name ?? ''}`, binding]));
  }

  private async find(def: ResourceDefinition, namespace: string, name: string): Promise<KubeObject | undefined> {
    try {
      return await this.service.get(def, namespace, name);
    } catch (error) {
      if (isKubeStatusError(error) && error.code === 404) return undefined;
      throw error;
    }
  }

  private definition(group: string, version: string, plural: string): ResourceDefinition {
    const def = this.service.resolve(group, version, plural);
    if (!def) throw new Error(`the gateway does not serve ${plural}.${group}/${version}`);
    return def;
  }
}

function bindingKeyOf(template: KubeObject): string {
  return `${template.metadata.namespace ?? ''}/${generateBindingName(template.kind, template.metadata.name ?? '')}`;
}
