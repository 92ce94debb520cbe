/** Byte-wise string order, the order Go's `<` on strings gives (and so the order Karmada breaks ties by name in). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
