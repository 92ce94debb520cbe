/** Quotes a Postgres identifier (table, column or schema name). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Rows per statement: bounds the size of one JSON parameter. */
const rowsPerStatement = 2_000;

/** Splits `items` into chunks of at most `size`. */
export function chunksOf<T>(items: readonly T[], size = rowsPerStatement): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
