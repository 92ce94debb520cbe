/**
 * Rows as kubectl prints them: upper-case headers, columns padded to their widest cell and separated by three
 * spaces, the last column unpadded; an empty cell shows as `<none>`.
 */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === '' ? '<none>' : cell)))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('   ')
      .trimEnd(),
  );
}
