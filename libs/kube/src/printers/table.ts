import type { KubeObject } from '../api/object.js';
import type { ColumnDefinition, TablePrinter } from '../discovery/resource-definition.js';

/** meta.k8s.io Table responses (kube-api-notes §3.1). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableRow {
  cells: unknown[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string };
  columnDefinitions: readonly ColumnDefinition[] | null;
  rows: TableRow[];
}

export interface TableOptions {
  /** `meta.k8s.io/v1` or `meta.k8s.io/v1beta1`, as the Accept header asked. */
  apiVersion: string;
  includeObject: IncludeObject;
  /** Watch events after the first carry no column definitions. */
  noHeaders?: boolean;
  resourceVersion?: string;
  /** The list page's continue token: kubectl asks for the next page with it. */
  continue?: string;
  now: Date;
}

export function partialObjectMetadata(object: KubeObject, tableApiVersion: string): object {
  return { kind: 'PartialObjectMetadata', apiVersion: tableApiVersion, metadata: object.metadata };
}

export function buildTable(printer: TablePrinter, objects: readonly KubeObject[], options: TableOptions): Table {
  const rows = objects.map((object) => {
    const row: TableRow = { cells: printer.cells(object, options.now) };
    if (options.includeObject === 'Metadata') row.object = partialObjectMetadata(object, options.apiVersion);
    else if (options.includeObject === 'Object') row.object = object;
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (options.resourceVersion !== undefined) metadata.resourceVersion = options.resourceVersion;
  if (options.continue !== undefined) metadata.continue = options.continue;
  return { kind: 'Table', apiVersion: options.apiVersion, metadata, columnDefinitions: options.noHeaders ? null : printer.columns, rows };
}
