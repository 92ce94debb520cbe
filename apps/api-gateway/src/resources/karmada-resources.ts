import { isKarmadaSchemaKind, karmadaPrinterFor, karmadaSchemas } from '@karmada-ts/domain';
import { builtinListTypes, defaultPrinter, defineBuiltinResource, type ResourceDefinition, type Verb } from '@karmada-ts/kube';

/**
 * Karmada's API, as its CRDs declare it (with Karmada's printer columns and schemas): custom kinds (merge patch, not strategic merge: SMP answers 415), generation
 * bumped by any change outside metadata and status, the `karmada-io` category. Bindings and Works are derived by the
 * controllers and read-only for users: their verbs stop at get, list and watch (writes answer 405 MethodNotAllowed).
 */
const readOnly: readonly Verb[] = ['get', 'list', 'watch'];

function karmadaResource(spec: Parameters<typeof defineBuiltinResource>[0]): ResourceDefinition {
  return defineBuiltinResource({
    table: karmadaPrinterFor(spec.group, spec.version, spec.plural) ?? defaultPrinter,
    strategicMerge: undefined,
    listTypes: builtinListTypes(spec.kind),
    generation: 'non-metadata',
    categories: ['karmada-io'],
    // Karmada's CRD schemas: unknown fields are pruned, or rejected under fieldValidation=Strict.
    ...(isKarmadaSchemaKind(spec.kind) ? { schema: karmadaSchemas[spec.kind] } : {}),
    ...spec,
  });
}

export function karmadaResources(): ResourceDefinition[] {
  const policy = { group: 'policy.karmada.io', version: 'v1alpha1' };
  return [
    karmadaResource({
      group: 'cluster.karmada.io',
      version: 'v1alpha1',
      kind: 'Cluster',
      plural: 'clusters',
      namespaced: false,
      categories: [],
      subresources: { status: true },
      nameRule: 'dns1123-label',
    }),
    karmadaResource({ ...policy, kind: 'PropagationPolicy', plural: 'propagationpolicies', namespaced: true, shortNames: ['pp'] }),
    karmadaResource({ ...policy, kind: 'ClusterPropagationPolicy', plural: 'clusterpropagationpolicies', namespaced: false, shortNames: ['cpp'] }),
    karmadaResource({ ...policy, kind: 'OverridePolicy', plural: 'overridepolicies', namespaced: true, shortNames: ['op'] }),
    karmadaResource({ ...policy, kind: 'ClusterOverridePolicy', plural: 'clusteroverridepolicies', namespaced: false, shortNames: ['cop'] }),
    karmadaResource({
      group: 'work.karmada.io',
      version: 'v1alpha2',
      kind: 'ResourceBinding',
      plural: 'resourcebindings',
      namespaced: true,
      shortNames: ['rb'],
      subresources: { status: true },
      verbs: readOnly,
    }),
    karmadaResource({
      group: 'work.karmada.io',
      version: 'v1alpha2',
      kind: 'ClusterResourceBinding',
      plural: 'clusterresourcebindings',
      namespaced: false,
      shortNames: ['crb'],
      subresources: { status: true },
      verbs: readOnly,
    }),
    karmadaResource({
      group: 'work.karmada.io',
      version: 'v1alpha1',
      kind: 'Work',
      plural: 'works',
      namespaced: true,
      shortNames: ['wk'],
      subresources: { status: true },
      verbs: readOnly,
    }),
  ];
}
