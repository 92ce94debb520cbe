import type { KubeObject } from '../api/object.js';
import { allVerbs, type ColumnDefinition, type ResourceDefinition, type TablePrinter } from '../discovery/resource-definition.js';
import { schemaListTypes } from '../patch/list-types.js';
import { ageColumn, age, nameColumn, since } from '../printers/columns.js';
import { evaluateJsonPath } from '../util/jsonpath.js';
import { isJsonObject, type JsonObject } from '../util/json.js';
import { fieldInvalid, fieldNotSupported, fieldRequired, type FieldError } from '../validation/field-error.js';
import { isDns1123Subdomain } from '../validation/names.js';

/** CustomResourceDefinition (apiextensions.k8s.io/v1) support: served versions become resource definitions. */
interface CrdNames {
  plural: string;
  singular?: string;
  kind: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: unknown };
  subresources?: { status?: object; scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string } };
  additionalPrinterColumns?: PrinterColumn[];
}

function crdSpec(crd: KubeObject): { group: string; names: CrdNames; scope: string; versions: CrdVersion[] } {
  const spec = isJsonObject(crd['spec']) ? crd['spec'] : {};
  return {
    group: typeof spec['group'] === 'string' ? spec['group'] : '',
    names: (isJsonObject(spec['names']) ? spec['names'] : {}) as unknown as CrdNames,
    scope: typeof spec['scope'] === 'string' ? spec['scope'] : '',
    versions: Array.isArray(spec['versions']) ? (spec['versions'] as CrdVersion[]) : [],
  };
}

const columnTypes = new Set(['string', 'integer', 'number', 'boolean', 'date']);

function cellValue(object: KubeObject, column: PrinterColumn, now: Date): unknown {
  const values = evaluateJsonPath(object, column.jsonPath);
  if (values.length === 0) return column.type === 'date' ? '<unknown>' : null;
  if (column.type === 'date') return since(values[0], now);
  if (values.length === 1 && typeof values[0] !== 'object') return values[0];
  return values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
}

/** The Table printer of a CRD version: Name, then its additionalPrinterColumns (default: Age). */
export function crdPrinter(columns: readonly PrinterColumn[] | undefined): TablePrinter {
  if (!columns || columns.length === 0) return { columns: [nameColumn, ageColumn], cells: (o, now) => [o.metadata.name ?? '', age(o, now)] };
  const definitions: ColumnDefinition[] = columns.map((c) => ({
    name: c.name,
    type: (columnTypes.has(c.type) ? c.type : 'string') as ColumnDefinition['type'],
    format: c.format ?? '',
    description: c.description ?? '',
    priority: c.priority ?? 0,
  }));
  return { columns: [nameColumn, ...definitions], cells: (o, now) => [o.metadata.name ?? '', ...columns.map((c) => cellValue(o, c, now))] };
}

/** The resource definitions of a CRD's served versions. */
export function crdToDefinitions(crd: KubeObject): ResourceDefinition[] {
  const { group, names, scope, versions } = crdSpec(crd);
  return versions
    .filter((v) => v.served)
    .map((v) => {
      const schema = v.schema?.openAPIV3Schema;
      const scale = v.subresources?.scale;
      const def: ResourceDefinition = {
        group,
        version: v.name,
        kind: names.kind,
        listKind: names.listKind ?? `${names.kind}List`,
        plural: names.plural,
        singular: names.singular ?? names.kind.toLowerCase(),
        namespaced: scope !== 'Cluster',
        verbs: allVerbs,
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        subresources: { status: v.subresources?.status !== undefined },
        generation: 'non-metadata',
        nameRule: 'path-segment',
        listTypes: schemaListTypes(schema),
        selectableFields: [],
        table: crdPrinter(v.additionalPrinterColumns),
        allowCreateOnUpdate: false,
        storage: { group, resource: names.plural },
        source: 'crd',
      };
      if (scale) def.subresources.scale = { ...scale };
      if (schema !== undefined) def.schema = schema;
      return def;
    });
}

/** apiextensions validation of the parts this server relies on. */
export function validateCrd(crd: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const { group, names, scope, versions } = crdSpec(crd);
  if (!group) errors.push(fieldRequired('spec.group'));
  else {
    for (const m of isDns1123Subdomain(group)) errors.push(fieldInvalid('spec.group', group, m));
    if (!group.includes('.')) errors.push(fieldInvalid('spec.group', group, 'should be a domain with at least one dot'));
  }
  if (!names.plural) errors.push(fieldRequired('spec.names.plural'));
  if (!names.kind) errors.push(fieldRequired('spec.names.kind'));
  if (scope !== 'Namespaced' && scope !== 'Cluster') errors.push(fieldNotSupported('spec.scope', scope, ['Cluster', 'Namespaced']));
  if (versions.length === 0) errors.push(fieldRequired('spec.versions', 'must have exactly one version marked as storage version'));
  else if (versions.filter((v) => v.storage).length !== 1)
    errors.push(fieldInvalid('spec.versions', versions.map((v) => v.name), 'must have exactly one version marked as storage version'));
  const name = crd.metadata.name ?? '';
  if (names.plural && group && name !== `${names.plural}.${group}`) errors.push(fieldInvalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  return errors;
}

/** The status the apiextensions controllers would write once names are accepted. */
export function establishedCrdStatus(crd: KubeObject, now: string): JsonObject {
  const { names, versions } = crdSpec(crd);
  const acceptedNames: JsonObject = { plural: names.plural, singular: names.singular ?? names.kind.toLowerCase(), kind: names.kind, listKind: names.listKind ?? `${names.kind}List` };
  if (names.shortNames) acceptedNames['shortNames'] = names.shortNames;
  if (names.categories) acceptedNames['categories'] = names.categories;
  const previous = isJsonObject(crd['status']) && Array.isArray(crd['status']['storedVersions']) ? (crd['status']['storedVersions'] as string[]) : [];
  const storage = versions.find((v) => v.storage)?.name;
  const storedVersions = storage && !previous.includes(storage) ? [...previous, storage] : previous;
  return {
    acceptedNames,
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: now, reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: now, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
    storedVersions,
  };
}

/** The storage resource a CRD's instances live in. */
export function crdStorage(crd: KubeObject): { group: string; resource: string } {
  const { group, names } = crdSpec(crd);
  return { group, resource: names.plural };
}
