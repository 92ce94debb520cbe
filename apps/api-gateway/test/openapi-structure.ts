/**
 * Structural checks of an OpenAPI 3.0 document, the ones a broken generator would fail: the version field, every
 * `$ref` resolves, operation ids are unique, every `{parameter}` of a path is declared as a path parameter, and every
 * operation has responses. Returns the problems found (none: an empty list).
 */
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type Json = Record<string, unknown>;

function resolve(document: Json, pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, token) => (node as Json | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => (key === '$ref' ? [child as string] : refsIn(child)));
}

export function openApiProblems(document: Json): string[] {
  const problems: string[] = [];
  if (typeof document['openapi'] !== 'string' || !/^3\.0\.\d+$/.test(document['openapi'])) problems.push(`openapi is ${String(document['openapi'])}, not 3.0.x`);
  const info = document['info'] as Json | undefined;
  if (typeof info?.['title'] !== 'string' || typeof info['version'] !== 'string') problems.push('info needs a title and a version');
  for (const ref of refsIn(document)) if (!ref.startsWith('#/') || resolve(document, ref) === undefined) problems.push(`unresolved $ref ${ref}`);
  const paths = document['paths'] as Record<string, Json> | undefined;
  if (!paths || Object.keys(paths).length === 0) return [...problems, 'no paths'];
  const operationIds = new Map<string, string>();
  const parameterOf = (p: unknown): Json => ((p as Json)['$ref'] ? (resolve(document, (p as Json)['$ref'] as string) as Json) : (p as Json));
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const shared = ((item['parameters'] as unknown[] | undefined) ?? []).map(parameterOf);
    const operations = methods.filter((m) => item[m] !== undefined);
    if (operations.length === 0) problems.push(`path ${path} has no operations`);
    for (const method of operations) {
      const operation = item[method] as Json;
      const id = operation['operationId'] as string | undefined;
      if (!id) problems.push(`${method} ${path} has no operationId`);
      else if (operationIds.has(id)) problems.push(`operationId ${id} of ${method} ${path} is also ${operationIds.get(id)}`);
      else operationIds.set(id, `${method} ${path}`);
      const responses = operation['responses'] as Json | undefined;
      if (!responses || Object.keys(responses).length === 0) problems.push(`${method} ${path} has no responses`);
      const parameters = [...shared, ...((operation['parameters'] as unknown[] | undefined) ?? []).map(parameterOf)];
      for (const name of templated) {
        if (!parameters.some((p) => p['in'] === 'path' && p['name'] === name && p['required'] === true)) problems.push(`${method} ${path} does not declare the path parameter ${name}`);
      }
      for (const p of parameters) {
        if (p['in'] === 'path' && !templated.includes(p['name'] as string)) problems.push(`${method} ${path} declares path parameter ${String(p['name'])} not in the path`);
      }
    }
  }
  return problems;
}
