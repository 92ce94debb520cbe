/**
 * Why go-openapi/jsonpointer (v0.23, which Karmada's webhook uses) refuses to parse a JSON pointer, or undefined
 * when it parses. Its only syntax rule: empty, or starting with "/". The message is its errors.Join of two errors.
 */
export function jsonPointerSyntaxError(pointer: string): string | undefined {
  if (pointer === '' || pointer.startsWith('/')) return undefined;
  return 'JSON pointer must be empty or start with a "/"\nJSON pointer error';
}
