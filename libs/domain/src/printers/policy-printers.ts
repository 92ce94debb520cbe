import type { TablePrinter } from '@karmada-ts/kube';
import { customResourcePrinter, type PrinterColumn } from './custom-resource-printer.js';

/** The additionalPrinterColumns of Karmada's (Cluster)PropagationPolicy CRDs; override policies declare none. */
const propagationPolicyColumns: readonly PrinterColumn[] = [
  { name: 'CONFLICT-RESOLUTION', type: 'string', jsonPath: '.spec.conflictResolution' },
  { name: 'PRIORITY', type: 'string', jsonPath: '.spec.priority' },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

/** NAME CONFLICT-RESOLUTION PRIORITY AGE. */
export const propagationPolicyPrinter: TablePrinter = customResourcePrinter(propagationPolicyColumns);
export const clusterPropagationPolicyPrinter: TablePrinter = customResourcePrinter(propagationPolicyColumns);

/** NAME AGE (the API server's default for a CRD without columns). */
export const overridePolicyPrinter: TablePrinter = customResourcePrinter([]);
export const clusterOverridePolicyPrinter: TablePrinter = customResourcePrinter([]);
