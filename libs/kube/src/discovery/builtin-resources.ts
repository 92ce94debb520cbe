import type { KubeObject } from '../api/object.js';
import { builtinListTypes } from '../patch/list-types.js';
import * as printers from '../printers/builtin-printers.js';
import { defaultPrinter, obj, selectorString } from '../printers/columns.js';
import { allVerbs, type ResourceDefinition } from './resource-definition.js';

type Required = Pick<ResourceDefinition, 'group' | 'version' | 'kind' | 'plural' | 'namespaced'>;

/** A built-in resource definition with Kubernetes' defaults for everything not given. */
export function defineBuiltinResource(spec: Required & Partial<ResourceDefinition>): ResourceDefinition {
  const listTypes = builtinListTypes(spec.kind);
  return {
    listKind: `${spec.kind}List`,
    singular: spec.kind.toLowerCase(),
    verbs: allVerbs,
    shortNames: [],
    categories: [],
    subresources: { status: false },
    generation: 'none',
    nameRule: 'dns1123-subdomain',
    strategicMerge: listTypes,
    listTypes,
    selectableFields: [],
    table: defaultPrinter,
    allowCreateOnUpdate: false,
    storage: { group: spec.group, resource: spec.plural },
    source: 'builtin',
    ...spec,
  };
}

/** The selector string of a workload's spec.selector, as the Scale subresource reports it. */
function workloadSelector(object: KubeObject): string {
  const text = selectorString(obj(object['spec'])['selector']);
  return text === '<none>' ? '' : text;
}

const replicasScale = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', selectorOf: workloadSelector };

/** The built-in kinds member clusters serve and the control plane accepts as templates. */
export function builtinResources(): ResourceDefinition[] {
  return [
    defineBuiltinResource({ group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'], subresources: { status: true }, nameRule: 'dns1123-label', selectableFields: ['status.phase'], table: printers.namespacePrinter }),
    defineBuiltinResource({ group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], subresources: { status: true }, selectableFields: ['spec.unschedulable'], table: printers.nodePrinter }),
    defineBuiltinResource({
      group: '',
      version: 'v1',
      kind: 'Pod',
      plural: 'pods',
      namespaced: true,
      shortNames: ['po'],
      categories: ['all'],
      subresources: { status: true },
      selectableFields: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
      table: printers.podPrinter,
    }),
    defineBuiltinResource({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'], table: printers.configMapPrinter }),
    defineBuiltinResource({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true, selectableFields: ['type'], table: printers.secretPrinter }),
    defineBuiltinResource({ group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc'], categories: ['all'], subresources: { status: true }, nameRule: 'dns1035-label', table: printers.servicePrinter }),
    defineBuiltinResource({ group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, shortNames: ['sa'], table: printers.serviceAccountPrinter }),
    defineBuiltinResource({ group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true, shortNames: ['pvc'], subresources: { status: true }, table: printers.persistentVolumeClaimPrinter }),
    defineBuiltinResource({ group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, shortNames: ['ep'], singular: 'endpoints', allowCreateOnUpdate: true }),
    defineBuiltinResource({
      group: '',
      version: 'v1',
      kind: 'Event',
      plural: 'events',
      namespaced: true,
      shortNames: ['ev'],
      allowCreateOnUpdate: true,
      selectableFields: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
      table: printers.eventPrinter,
    }),
    defineBuiltinResource({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'], categories: ['all'], subresources: { status: true, scale: replicasScale }, generation: 'spec-and-annotations', table: printers.deploymentPrinter }),
    defineBuiltinResource({ group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, shortNames: ['rs'], categories: ['all'], subresources: { status: true, scale: replicasScale }, generation: 'spec', selectableFields: ['status.replicas'], table: printers.replicaSetPrinter }),
    defineBuiltinResource({ group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, shortNames: ['sts'], categories: ['all'], subresources: { status: true, scale: replicasScale }, generation: 'spec', table: printers.statefulSetPrinter }),
    defineBuiltinResource({ group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true, shortNames: ['ds'], categories: ['all'], subresources: { status: true }, generation: 'spec', table: printers.daemonSetPrinter }),
    defineBuiltinResource({ group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', namespaced: true, categories: ['all'], subresources: { status: true }, generation: 'spec', selectableFields: ['status.successful'], table: printers.jobPrinter }),
    defineBuiltinResource({ group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', namespaced: true, shortNames: ['cj'], categories: ['all'], subresources: { status: true }, generation: 'spec', table: printers.cronJobPrinter }),
    defineBuiltinResource({ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', namespaced: true, shortNames: ['ing'], subresources: { status: true }, generation: 'spec', table: printers.ingressPrinter }),
    defineBuiltinResource({ group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, shortNames: ['netpol'], generation: 'spec' }),
    defineBuiltinResource({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true, shortNames: ['hpa'], categories: ['all'], subresources: { status: true }, generation: 'spec', table: printers.horizontalPodAutoscalerPrinter }),
    defineBuiltinResource({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true, allowCreateOnUpdate: true, table: printers.leasePrinter }),
    defineBuiltinResource({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      kind: 'CustomResourceDefinition',
      plural: 'customresourcedefinitions',
      namespaced: false,
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
      subresources: { status: true },
      generation: 'spec',
      table: printers.customResourceDefinitionPrinter,
    }),
  ];
}
