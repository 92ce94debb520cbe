import type { TablePrinter } from '@karmada-ts/kube';
import { customResourcePrinter, type PrinterColumn } from './custom-resource-printer.js';

/** The additionalPrinterColumns of Karmada's (Cluster)ResourceBinding CRDs, version v1alpha2. */
const bindingColumns: readonly PrinterColumn[] = [
  { name: 'SCHEDULED', type: 'string', jsonPath: '.status.conditions[?(@.type=="Scheduled")].status' },
  { name: 'FULLYAPPLIED', type: 'string', jsonPath: '.status.conditions[?(@.type=="FullyApplied")].status' },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

/** v1alpha2: NAME SCHEDULED FULLYAPPLIED AGE. */
export const resourceBindingPrinter: TablePrinter = customResourcePrinter(bindingColumns);
export const clusterResourceBindingPrinter: TablePrinter = customResourcePrinter(bindingColumns);

/** v1alpha1 (still served) declares no columns: NAME AGE. */
export const resourceBindingV1alpha1Printer: TablePrinter = customResourcePrinter([]);
export const clusterResourceBindingV1alpha1Printer: TablePrinter = customResourcePrinter([]);
