/** An OpenAPI 3.0 object (document, path item, operation, schema …) as plain JSON data. */
export interface OpenApiObject {
  readonly [field: string]: unknown;
}

/** A reference into the document's components: `componentRef('schemas', 'Status')`. */
export function componentRef(section: 'schemas' | 'parameters' | 'responses', name: string): OpenApiObject {
  return { $ref: `#/components/${section}/${name}` };
}

/** `policy.karmada.io` → `PolicyKarmadaIo`, `v1alpha1` → `V1alpha1`: words of operation ids, as in Kubernetes' own. */
export function operationWord(text: string): string {
  return text
    .split(/[.-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
