import { getPath, isJsonObject } from '../util/json.js';

/** One term of a field selector (`metadata.name=foo`, `status.phase!=Running`); a selector is their AND. */
export interface FieldRequirement {
  field: string;
  operator: 'Equals' | 'NotEquals';
  value: string;
}

export type FieldSelector = readonly FieldRequirement[];

export class FieldSelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorParseError';
  }
}

/** Splits on an unescaped separator; `\,`, `\=`, `\!` and `\\` escape as in fields.ParseSelector. */
function splitTerms(input: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '\\' && i + 1 < input.length) {
      current += ch + input[i + 1];
      i++;
    } else if (ch === ',') {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** Finds the first unescaped operator of a term. */
function splitTerm(term: string): { field: string; operator: FieldRequirement['operator']; value: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    const ch = term[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '!' && term[i + 1] === '=') return { field: term.slice(0, i), operator: 'NotEquals', value: unescape(term.slice(i + 2)) };
    if (ch === '=' && term[i + 1] === '=') return { field: term.slice(0, i), operator: 'Equals', value: unescape(term.slice(i + 2)) };
    if (ch === '=') return { field: term.slice(0, i), operator: 'Equals', value: unescape(term.slice(i + 1)) };
  }
  return undefined;
}

export function parseFieldSelector(input: string): FieldSelector {
  if (input.trim() === '') return [];
  return splitTerms(input).map((term) => {
    const parsed = splitTerm(term);
    if (!parsed || parsed.field.trim() === '') throw new FieldSelectorParseError(`invalid selector: '${input}'; can't understand '${term}'`);
    return { ...parsed, field: parsed.field.trim() };
  });
}

/** The string value of a field as field selectors compare it (numbers and booleans as their text). */
export function fieldValue(object: unknown, field: string): string {
  const value = getPath(object, field.split('.'));
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return isJsonObject(value) || Array.isArray(value) ? JSON.stringify(value) : '';
}

export function matchesFieldSelector(selector: FieldSelector, object: unknown): boolean {
  for (const r of selector) {
    const actual = fieldValue(object, r.field);
    if ((actual === r.value) !== (r.operator === 'Equals')) return false;
  }
  return true;
}

/** The fields every resource supports; resources add their own (pods: spec.nodeName, status.phase, …). */
export const commonSelectableFields: readonly string[] = ['metadata.name', 'metadata.namespace'];

/** The first field not in `allowed`, if any: the apiserver answers 400 `field label not supported: <field>`. */
export function unsupportedField(selector: FieldSelector, allowed: readonly string[]): string | undefined {
  return selector.find((r) => !commonSelectableFields.includes(r.field) && !allowed.includes(r.field))?.field;
}
