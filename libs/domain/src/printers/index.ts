export { customResourcePrinter, type PrinterColumn } from './custom-resource-printer.js';
export { clusterPrinter } from './cluster-printer.js';
export { propagationPolicyPrinter, clusterPropagationPolicyPrinter, overridePolicyPrinter, clusterOverridePolicyPrinter } from './policy-printers.js';
export { resourceBindingPrinter, clusterResourceBindingPrinter, resourceBindingV1alpha1Printer, clusterResourceBindingV1alpha1Printer } from './binding-printers.js';
export { workPrinter } from './work-printer.js';
export { karmadaPrinters, karmadaPrinterFor, type KarmadaPrinterEntry } from './karmada-printers.js';
