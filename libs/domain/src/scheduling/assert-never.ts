/** Ends an exhaustive switch: the compiler proves it unreachable, and a value from outside the types fails loudly. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
