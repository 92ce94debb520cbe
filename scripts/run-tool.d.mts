/** Where a tool or app lives: tools/<name> or apps/<name>. */
export function packageDir(name: string): string;
/** The node arguments that run a package's entry point: built JavaScript when fresh, TypeScript sources otherwise. */
export function nodeArgsFor(dir: string, entry?: string): string[];
