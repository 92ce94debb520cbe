import type { TablePrinter } from '@karmada-ts/kube';
import { clusterResourceBindingPrinter, clusterResourceBindingV1alpha1Printer, resourceBindingPrinter, resourceBindingV1alpha1Printer } from './binding-printers.js';
import { clusterPrinter } from './cluster-printer.js';
import { clusterOverridePolicyPrinter, clusterPropagationPolicyPrinter, overridePolicyPrinter, propagationPolicyPrinter } from './policy-printers.js';
import { workPrinter } from './work-printer.js';

export interface KarmadaPrinterEntry {
  group: string;
  version: string;
  resource: string;
  printer: TablePrinter;
}

/** Every served Karmada resource version with the Table printer Karmada serves it with. */
export const karmadaPrinters: readonly KarmadaPrinterEntry[] = [
  { group: 'cluster.karmada.io', version: 'v1alpha1', resource: 'clusters', printer: clusterPrinter },
  { group: 'policy.karmada.io', version: 'v1alpha1', resource: 'propagationpolicies', printer: propagationPolicyPrinter },
  { group: 'policy.karmada.io', version: 'v1alpha1', resource: 'clusterpropagationpolicies', printer: clusterPropagationPolicyPrinter },
  { group: 'policy.karmada.io', version: 'v1alpha1', resource: 'overridepolicies', printer: overridePolicyPrinter },
  { group: 'policy.karmada.io', version: 'v1alpha1', resource: 'clusteroverridepolicies', printer: clusterOverridePolicyPrinter },
  { group: 'work.karmada.io', version: 'v1alpha2', resource: 'resourcebindings', printer: resourceBindingPrinter },
  { group: 'work.karmada.io', version: 'v1alpha2', resource: 'clusterresourcebindings', printer: clusterResourceBindingPrinter },
  { group: 'work.karmada.io', version: 'v1alpha1', resource: 'resourcebindings', printer: resourceBindingV1alpha1Printer },
  { group: 'work.karmada.io', version: 'v1alpha1', resource: 'clusterresourcebindings', printer: clusterResourceBindingV1alpha1Printer },
  { group: 'work.karmada.io', version: 'v1alpha1', resource: 'works', printer: workPrinter },
];

/** The printer of one served resource version, if Karmada serves it. */
export function karmadaPrinterFor(group: string, version: string, resource: string): TablePrinter | undefined {
  return karmadaPrinters.find((e) => e.group === group && e.version === version && e.resource === resource)?.printer;
}
