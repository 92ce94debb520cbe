import { ageColumn, assertNever, evaluateJsonPath, humanDuration, nameColumn, parseTimestamp, type ColumnDefinition, type KubeObject, type TablePrinter } from '@karmada-ts/kube';

/** One of a CRD version's additionalPrinterColumns. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
}

/** What a CRD without additionalPrinterColumns is served with (apiextensions serveDefaultColumnsIfEmpty). */
const defaultColumns: readonly PrinterColumn[] = [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: ageColumn.description }];

/**
 * The Table printer the API server builds for a custom resource version (apiextensions tableconvertor): Name, then
 * each column, whose cell is the FIRST value its JSONPath finds (null when none); `date` cells are ages, `string`
 * cells the value printed as text.
 */
export function customResourcePrinter(columns: readonly PrinterColumn[]): TablePrinter {
  const served = columns.length > 0 ? columns : defaultColumns;
  const definitions: ColumnDefinition[] = served.map((c) => ({
    name: c.name,
    type: c.type,
    format: '',
    description: c.description ?? `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
    priority: c.priority ?? 0,
  }));
  return {
    columns: [nameColumn, ...definitions],
    cells: (object, now) => [object.metadata.name ?? '', ...served.map((c) => cell(object, c, now))],
  };
}

function cell(object: KubeObject, column: PrinterColumn, now: Date): unknown {
  const [value] = evaluateJsonPath(object, column.jsonPath);
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'date': {
      const time = parseTimestamp(value);
      return time ? humanDuration(now.getTime() - time.getTime()) : null;
    }
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'integer':
    case 'number':
    case 'boolean':
      return value;
    default:
      return assertNever(column.type, 'printer column type');
  }
}
