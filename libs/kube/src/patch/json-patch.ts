import { cloneJson, deepEqual, isJsonObject } from '../util/json.js';

/** One RFC 6902 operation. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

/** The patch document is malformed (400) or cannot be applied to this object (422); `malformed` tells which. */
export class JsonPatchError extends Error {
  constructor(
    message: string,
    readonly malformed: boolean,
  ) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

const ops = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Validates the decoded body as a JSON patch document. */
export function decodeJsonPatch(body: unknown): JsonPatchOperation[] {
  if (!Array.isArray(body)) throw new JsonPatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', true);
  return body.map((op, i) => {
    if (!isJsonObject(op) || typeof op['op'] !== 'string' || !ops.has(op['op'])) throw new JsonPatchError(`unexpected kind of operation at index ${i}`, true);
    if (typeof op['path'] !== 'string') throw new JsonPatchError(`operation at index ${i} is missing path`, true);
    if ((op['op'] === 'move' || op['op'] === 'copy') && typeof op['from'] !== 'string') throw new JsonPatchError(`operation at index ${i} is missing from`, true);
    if ((op['op'] === 'add' || op['op'] === 'replace' || op['op'] === 'test') && !('value' in op)) throw new JsonPatchError(`operation at index ${i} is missing value`, true);
    return op as unknown as JsonPatchOperation;
  });
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer ${JSON.stringify(pointer)}`, false);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

/** The parent container of the pointer's last token, walking a mutable copy. */
function resolveParent(doc: unknown, tokens: string[], pointer: string): { parent: Container; key: string } {
  let current = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(current)) {
      const index = Number(token);
      if (!/^\d+$/.test(token) || index >= current.length) throw new JsonPatchError(`doc is missing path: ${JSON.stringify(pointer)}`, false);
      current = current[index];
    } else if (isJsonObject(current)) {
      if (!(token in current)) throw new JsonPatchError(`doc is missing path: ${JSON.stringify(pointer)}: missing value`, false);
      current = current[token];
    } else {
      throw new JsonPatchError(`doc is missing path: ${JSON.stringify(pointer)}`, false);
    }
  }
  if (!Array.isArray(current) && !isJsonObject(current)) throw new JsonPatchError(`doc is missing path: ${JSON.stringify(pointer)}`, false);
  return { parent: current, key: tokens[tokens.length - 1]! };
}

function arrayIndex(array: unknown[], key: string, forAdd: boolean, pointer: string): number {
  if (forAdd && key === '-') return array.length;
  const index = Number(key);
  const max = forAdd ? array.length : array.length - 1;
  if (!/^\d+$/.test(key) || index > max) throw new JsonPatchError(`Unable to access invalid index: ${key}: ${JSON.stringify(pointer)}`, false);
  return index;
}

function getAt(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return doc;
  const { parent, key } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, false, pointer)];
  if (!(key in parent)) throw new JsonPatchError(`doc is missing key: ${JSON.stringify(pointer)}: missing value`, false);
  return parent[key];
}

function addAt(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true, pointer), 0, value);
  else parent[key] = value;
  return doc;
}

function removeAt(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new JsonPatchError('unable to remove the whole document', false);
  const { parent, key } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false, pointer), 1);
  else {
    if (!(key in parent)) throw new JsonPatchError(`Unable to remove nonexistent key: ${key}: missing value`, false);
    delete parent[key];
  }
  return doc;
}

/** Applies RFC 6902 operations in order to a copy of `target`; throws JsonPatchError on the first failure. */
export function applyJsonPatch(target: unknown, operations: readonly JsonPatchOperation[]): unknown {
  let doc = cloneJson(target);
  for (const op of operations) {
    switch (op.op) {
      case 'add':
        doc = addAt(doc, op.path, cloneJson(op.value));
        break;
      case 'remove':
        doc = removeAt(doc, op.path);
        break;
      case 'replace':
        if (op.path === '') {
          doc = cloneJson(op.value);
          break;
        }
        getAt(doc, op.path);
        doc = addAt(removeAt(doc, op.path), op.path, cloneJson(op.value));
        break;
      case 'move': {
        const value = getAt(doc, op.from!);
        doc = addAt(removeAt(doc, op.from!), op.path, value);
        break;
      }
      case 'copy':
        doc = addAt(doc, op.path, cloneJson(getAt(doc, op.from!)));
        break;
      case 'test':
        if (!deepEqual(getAt(doc, op.path), op.value)) throw new JsonPatchError(`testing value ${op.path} failed: test failed`, false);
        break;
      default:
        throw new JsonPatchError(`unexpected kind of operation: ${String((op as { op: unknown }).op)}`, true);
    }
  }
  return doc;
}
