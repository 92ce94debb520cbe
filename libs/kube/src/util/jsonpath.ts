import { deepEqual, isJsonObject } from './json.js';

/**
 * The JSONPath subset CRD printer columns use: `.a.b`, `.a[0]`, `.a[*].b`, `.a[?(@.type=="Ready")].status`.
 * Returns every match (empty when none); kubectl prints them comma-separated.
 */
export function evaluateJsonPath(object: unknown, path: string): unknown[] {
  const expression = path.trim().replace(/^\{(.*)\}$/, '$1').replace(/^\$/, '');
  let current: unknown[] = [object];
  let i = 0;
  while (i < expression.length && current.length > 0) {
    const ch = expression[i];
    if (ch === '.') {
      const match = /^\.([^.[\]]+)/.exec(expression.slice(i));
      if (!match) return [];
      current = current.flatMap((v) => (isJsonObject(v) && v[match[1]!] !== undefined ? [v[match[1]!]] : []));
      i += match[0].length;
    } else if (ch === '[') {
      const end = findClosingBracket(expression, i);
      if (end < 0) return [];
      const inner = expression.slice(i + 1, end);
      current = current.flatMap((v) => applyBracket(v, inner));
      i = end + 1;
    } else return [];
  }
  return current;
}

function findClosingBracket(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  return -1;
}

function applyBracket(value: unknown, inner: string): unknown[] {
  if (!Array.isArray(value)) {
    const key = /^['"](.*)['"]$/.exec(inner);
    return key && isJsonObject(value) && value[key[1]!] !== undefined ? [value[key[1]!]] : [];
  }
  if (inner === '*') return value;
  if (/^-?\d+$/.test(inner)) {
    const index = Number(inner);
    const item = value[index < 0 ? value.length + index : index];
    return item === undefined ? [] : [item];
  }
  const filter = /^\?\(@\.([\w.-]+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?[\d.]+|true|false))\)$/.exec(inner);
  if (!filter) return [];
  const [, field, op, dq, sq, bare] = filter;
  const expected: unknown = dq ?? sq ?? (bare === 'true' ? true : bare === 'false' ? false : Number(bare));
  return value.filter((item) => {
    let actual: unknown = item;
    for (const part of field!.split('.')) actual = isJsonObject(actual) ? actual[part] : undefined;
    return deepEqual(actual, expected) === (op === '==');
  });
}
