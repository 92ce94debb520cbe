import type { KubeObject } from '../api/object.js';
import type { ColumnDefinition, TablePrinter } from '../discovery/resource-definition.js';
import { humanDuration } from '../util/duration.js';
import { isJsonObject, type JsonObject } from '../util/json.js';
import { parseTimestamp } from '../util/time.js';

/** Building blocks for Table printers. */
export function column(name: string, type: ColumnDefinition['type'], description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type, format, description, priority };
}

export const nameColumn = column(
  'Name',
  'string',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  0,
  'name',
);

export const ageColumn = column(
  'Age',
  'string',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
);

/** The AGE cell: `<unknown>` without a creation timestamp. */
export function age(object: KubeObject, now: Date): string {
  return since(object.metadata.creationTimestamp, now);
}

export function since(timestamp: unknown, now: Date): string {
  const date = parseTimestamp(timestamp);
  return date ? humanDuration(now.getTime() - date.getTime()) : '<unknown>';
}

export function obj(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export function str(value: unknown, fallback = '<none>'): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export function spec(object: KubeObject): JsonObject {
  return obj(object['spec']);
}

export function status(object: KubeObject): JsonObject {
  return obj(object['status']);
}

/** A printer whose first column is Name and last is Age, with `middle` columns between. */
export function namedPrinter(middle: readonly ColumnDefinition[], cells: (object: KubeObject, now: Date) => unknown[], wide: readonly ColumnDefinition[] = [], wideCells?: (object: KubeObject) => unknown[]): TablePrinter {
  return {
    columns: [nameColumn, ...middle, ageColumn, ...wide],
    cells: (object, now) => [object.metadata.name ?? '', ...cells(object, now), age(object, now), ...(wideCells ? wideCells(object) : [])],
  };
}

export const defaultPrinter: TablePrinter = namedPrinter([], () => []);

/** `app=web,tier=db` from a LabelSelector object's matchLabels and matchExpressions. */
export function selectorString(selector: unknown): string {
  const s = obj(selector);
  const parts = Object.entries(obj(s['matchLabels'])).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of list(s['matchExpressions'])) {
    const expr = obj(e);
    const values = list(expr['values']).map(String).join(',');
    switch (expr['operator']) {
      case 'In':
        parts.push(`${String(expr['key'])} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${String(expr['key'])} notin (${values})`);
        break;
      case 'Exists':
        parts.push(String(expr['key']));
        break;
      case 'DoesNotExist':
        parts.push(`!${String(expr['key'])}`);
        break;
      default:
        break;
    }
  }
  return parts.length > 0 ? parts.join(',') : '<none>';
}

export function containerNames(podSpec: JsonObject): string {
  return list(podSpec['containers']).map((c) => str(obj(c)['name'], '')).join(',');
}

export function containerImages(podSpec: JsonObject): string {
  return list(podSpec['containers']).map((c) => str(obj(c)['image'], '')).join(',');
}
