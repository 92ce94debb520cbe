import { assertNever } from '../util/assert-never.js';
import { isQualifiedName, isValidLabelValue } from '../validation/names.js';
import { fieldInvalid, fieldRequired, fieldNotSupported, type FieldError } from '../validation/field-error.js';

/** One requirement of a label selector; a selector is the AND of its requirements (empty = everything). */
export type LabelOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'GreaterThan' | 'LessThan';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: readonly string[];
}

export type LabelSelector = readonly LabelRequirement[];

/** metav1.LabelSelector, the object form used in specs. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

export class LabelSelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorParseError';
  }
}

type Token =
  | { kind: 'identifier'; text: string }
  | { kind: 'op'; text: '!' | '=' | '==' | '!=' | 'in' | 'notin' | '>' | '<' }
  | { kind: 'punct'; text: '(' | ')' | ',' }
  | { kind: 'end'; text: '' };

const special = new Set(['!', '=', '(', ')', ',', '>', '<']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch });
      i++;
      continue;
    }
    if (ch === '!' && input[i + 1] === '=') {
      tokens.push({ kind: 'op', text: '!=' });
      i += 2;
      continue;
    }
    if (ch === '=' && input[i + 1] === '=') {
      tokens.push({ kind: 'op', text: '==' });
      i += 2;
      continue;
    }
    if (ch === '!' || ch === '=' || ch === '>' || ch === '<') {
      tokens.push({ kind: 'op', text: ch });
      i++;
      continue;
    }
    let j = i;
    while (j < input.length && !special.has(input[j]!) && !/\s/.test(input[j]!)) j++;
    const text = input.slice(i, j);
    if (text === 'in' || text === 'notin') tokens.push({ kind: 'op', text });
    else tokens.push({ kind: 'identifier', text });
    i = j;
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'EOS' : `'${token.text}'`;
}

/**
 * Parses the string form (`app=web,tier in (a,b),!canary,env!=prod`) as labels.Parse does, validating keys and
 * values. Throws LabelSelectorParseError with a message like the apiserver's.
 */
export function parseLabelSelector(input: string): LabelSelector {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const requirements: LabelRequirement[] = [];
  if (peek().kind === 'end') return requirements;
  for (;;) {
    let negated = false;
    if (peek().kind === 'op' && peek().text === '!') {
      negated = true;
      next();
    }
    const keyToken = next();
    if (keyToken.kind !== 'identifier') throw new LabelSelectorParseError(`unable to parse requirement: found ${describe(keyToken)}, expected: identifier`);
    const key = keyToken.text;
    let requirement: LabelRequirement;
    const after = peek();
    if (negated) {
      if (after.kind !== 'end' && !(after.kind === 'punct' && after.text === ',')) {
        throw new LabelSelectorParseError(`unable to parse requirement: found ${describe(after)}, expected: ',' or 'end of string'`);
      }
      requirement = { key, operator: 'DoesNotExist', values: [] };
    } else if (after.kind === 'end' || (after.kind === 'punct' && after.text === ',')) {
      requirement = { key, operator: 'Exists', values: [] };
    } else if (after.kind === 'op') {
      next();
      if (after.text === 'in' || after.text === 'notin') {
        const open = next();
        if (open.kind !== 'punct' || open.text !== '(') throw new LabelSelectorParseError(`unable to parse requirement: found ${describe(open)}, expected: '('`);
        const values: string[] = [];
        for (;;) {
          const value = next();
          if (value.kind === 'identifier') {
            values.push(value.text);
            const sep = next();
            if (sep.kind === 'punct' && sep.text === ',') continue;
            if (sep.kind === 'punct' && sep.text === ')') break;
            throw new LabelSelectorParseError(`unable to parse requirement: found ${describe(sep)}, expected: ',' or ')'`);
          }
          if (value.kind === 'punct' && value.text === ')' ) {
            break;
          }
          if (value.kind === 'punct' && value.text === ',') {
            values.push('');
            continue;
          }
          throw new LabelSelectorParseError(`unable to parse requirement: found ${describe(value)}, expected: ',', ')' or identifier`);
        }
        requirement = { key, operator: after.text === 'in' ? 'In' : 'NotIn', values };
      } else if (after.text === '!') {
        throw new LabelSelectorParseError(`unable to parse requirement: found '!', expected: '=', '!=', '==', 'in', notin'`);
      } else {
        const valueToken = peek();
        let value = '';
        if (valueToken.kind === 'identifier') {
          value = valueToken.text;
          next();
        } else if (!(valueToken.kind === 'end' || (valueToken.kind === 'punct' && valueToken.text === ','))) {
          throw new LabelSelectorParseError(`unable to parse requirement: found ${describe(valueToken)}, expected: identifier`);
        }
        const operator: LabelOperator =
          after.text === '!=' ? 'NotEquals' : after.text === '>' ? 'GreaterThan' : after.text === '<' ? 'LessThan' : 'Equals';
        requirement = { key, operator, values: [value] };
      }
    } else {
      throw new LabelSelectorParseError(`unable to parse requirement: found ${describe(after)}, expected: '=', '!=', '==', 'in', notin'`);
    }
    const problems = requirementProblems(requirement);
    if (problems.length > 0) throw new LabelSelectorParseError(`unable to parse requirement: ${problems.join('; ')}`);
    requirements.push(requirement);
    const sep = next();
    if (sep.kind === 'end') break;
    if (!(sep.kind === 'punct' && sep.text === ',')) throw new LabelSelectorParseError(`found ${describe(sep)}, expected: ',' or 'end of string'`);
  }
  return requirements;
}

/** labels.NewRequirement's checks, as messages. */
function requirementProblems(r: LabelRequirement): string[] {
  const problems: string[] = isQualifiedName(r.key).map((m) => `key: Invalid value: ${JSON.stringify(r.key)}: ${m}`);
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (r.values.length === 0) problems.push('values: Invalid value: []: for \'in\', \'notin\' operators, values set can\'t be empty');
      break;
    case 'Equals':
    case 'NotEquals':
      if (r.values.length !== 1) problems.push('values: Invalid value: exact-match compatibility requires one single value');
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (r.values.length !== 0) problems.push("values: Invalid value: values set must be empty for exists and does not exist");
      break;
    case 'GreaterThan':
    case 'LessThan':
      if (r.values.length !== 1 || !/^-?\d+$/.test(r.values[0]!)) problems.push("values[0]: Invalid value: for 'Gt', 'Lt' operators, the value must be an integer");
      return problems;
  }
  r.values.forEach((v, i) => {
    for (const m of isValidLabelValue(v)) problems.push(`values[${i}][${r.key}]: Invalid value: ${JSON.stringify(v)}: ${m}`);
  });
  return problems;
}

export function matchesRequirement(r: LabelRequirement, labels: Readonly<Record<string, string>> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key]! : undefined;
  switch (r.operator) {
    case 'In':
    case 'Equals':
      return has && r.values.includes(value!);
    case 'NotIn':
    case 'NotEquals':
      return !has || !r.values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'GreaterThan':
    case 'LessThan': {
      if (!has || !/^-?\d+$/.test(value!)) return false;
      const actual = Number(value);
      const bound = Number(r.values[0]);
      return r.operator === 'GreaterThan' ? actual > bound : actual < bound;
    }
    default:
      return assertNever(r.operator, 'label operator');
  }
}

export function matchesLabelSelector(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const r of selector) if (!matchesRequirement(r, labels)) return false;
  return true;
}

function formatRequirement(r: LabelRequirement): string {
  switch (r.operator) {
    case 'Equals':
      return `${r.key}=${r.values[0]}`;
    case 'NotEquals':
      return `${r.key}!=${r.values[0]}`;
    case 'In':
      return `${r.key} in (${[...r.values].sort().join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${[...r.values].sort().join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'GreaterThan':
      return `${r.key}>${r.values[0]}`;
    case 'LessThan':
      return `${r.key}<${r.values[0]}`;
    default:
      return assertNever(r.operator, 'label operator');
  }
}

/** The canonical string form (requirements sorted by key), as Selector.String() prints it. */
export function formatLabelSelector(selector: LabelSelector): string {
  return [...selector]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(formatRequirement)
    .join(',');
}

const objectOperators = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/** metav1 validation of a LabelSelector object; field paths are relative to `path` (e.g. `spec.selector`). */
export function validateLabelSelectorObject(selector: LabelSelectorObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    for (const m of isQualifiedName(key)) errors.push(fieldInvalid(`${path}.matchLabels`, key, m));
    for (const m of isValidLabelValue(String(value))) errors.push(fieldInvalid(`${path}.matchLabels`, value, m));
  }
  (selector.matchExpressions ?? []).forEach((e, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    if (!(objectOperators as readonly string[]).includes(e.operator)) {
      errors.push(fieldNotSupported(`${at}.operator`, e.operator, objectOperators));
    } else if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) {
      errors.push(fieldRequired(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) {
      errors.push({ type: 'FieldValueForbidden', field: `${at}.values`, body: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
    }
    for (const m of isQualifiedName(e.key)) errors.push(fieldInvalid(`${at}.key`, e.key, m));
  });
  return errors;
}

/**
 * The selector an object-form LabelSelector denotes (metav1.LabelSelectorAsSelector). `undefined`/null selects nothing,
 * `{}` selects everything. Throws LabelSelectorParseError when invalid.
 */
export function labelSelectorFromObject(selector: LabelSelectorObject | null | undefined): LabelSelector | 'nothing' {
  if (selector === null || selector === undefined) return 'nothing';
  const errors = validateLabelSelectorObject(selector, 'selector');
  if (errors.length > 0) throw new LabelSelectorParseError(errors.map((e) => `${e.field}: ${e.body}`).join(', '));
  const requirements: LabelRequirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: 'Equals' as const,
    values: [String(value)],
  }));
  for (const e of selector.matchExpressions ?? []) {
    requirements.push({ key: e.key, operator: e.operator as LabelOperator, values: [...(e.values ?? [])] });
  }
  return requirements;
}

/** Whether an object-form selector selects these labels (null selects nothing, `{}` everything). */
export function matchesLabelSelectorObject(selector: LabelSelectorObject | null | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  const parsed = labelSelectorFromObject(selector);
  return parsed !== 'nothing' && matchesLabelSelector(parsed, labels);
}
