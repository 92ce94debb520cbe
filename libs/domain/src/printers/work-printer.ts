import type { TablePrinter } from '@karmada-ts/kube';
import { customResourcePrinter } from './custom-resource-printer.js';

/** NAME WORKLOAD-KIND APPLIED AGE: the Work CRD's columns. WORKLOAD-KIND is the first manifest's kind only. */
export const workPrinter: TablePrinter = customResourcePrinter([
  { name: 'WORKLOAD-KIND', type: 'string', jsonPath: '.spec.workload.manifests[*].kind' },
  { name: 'APPLIED', type: 'string', jsonPath: '.status.conditions[?(@.type=="Applied")].status' },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
]);
